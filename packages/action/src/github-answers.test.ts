import { describe, expect, it } from 'vitest';
import { checkAnswer, MalformedAnswerError } from './github-answers.js';

const pullRoute = '/repos/{owner}/{repo}/pulls/{pull_number}';
const goodPull = {
  head: { sha: 'c'.repeat(40), ref: 'topic', repo: { full_name: 'o/r' } },
  base: { sha: 'b'.repeat(40) },
};

describe('checkAnswer', () => {
  it('accepts the fields the action reads, whatever else GitHub sends', () => {
    expect(() => checkAnswer('GET', pullRoute, 'http://x/repos/o/r/pulls/1', { ...goodPull, extra: 1 })).not.toThrow();
  });

  it('checks by the route asked, even when a redirect answered from another path', () => {
    const error = (() => {
      try {
        checkAnswer('GET', pullRoute, 'http://x/repos/o/r/pulls/::', 'not json');
      } catch (caught) {
        return caught;
      }
    })();
    expect(MalformedAnswerError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      "GitHub's answer to GET /repos/o/r/pulls/:: (the pull request) is not what its API documents: the answer: " +
        'Invalid input: expected object, received string, found the string "not json".',
    );
  });

  it('checks further pages, asked by whole URL, by their path', () => {
    expect(() =>
      checkAnswer('GET', 'http://x/repos/o/r/issues/1/comments?page=2', '', [{ id: 'one', html_url: 'u', user: null }]),
    ).toThrow(/\(the comments\) is not what its API documents: 0\.id: /);
  });

  it('leaves routes it does not read alone', () => {
    expect(() => checkAnswer('GET', '/rate_limit', '', 'anything')).not.toThrow();
  });
});
