import { describe, expect, it } from 'vitest';
import { parseRepository, readPullRequestTarget } from './pull-request.js';

const repository = { owner: 'octo-org', repo: 'llm-app' };

function payload(headOwner: string | null) {
  return {
    pull_request: {
      number: 7,
      base: { sha: 'b'.repeat(40), repo: { name: 'llm-app', owner: { login: 'octo-org' } } },
      head: { sha: 'c'.repeat(40), repo: headOwner === null ? null : { name: 'llm-app', owner: { login: headOwner } } },
    },
  };
}

describe('readPullRequestTarget', () => {
  it('is null for events that are not about a pull request', () => {
    expect(readPullRequestTarget('push', {}, repository)).toBeNull();
    expect(readPullRequestTarget('workflow_dispatch', {}, repository)).toBeNull();
  });

  it('reads base and head, and tells a fork apart', () => {
    expect(readPullRequestTarget('pull_request', payload('octo-org'), repository)).toEqual({
      owner: 'octo-org',
      repo: 'llm-app',
      number: 7,
      base: { owner: 'octo-org', repo: 'llm-app', sha: 'b'.repeat(40) },
      head: { owner: 'octo-org', repo: 'llm-app', sha: 'c'.repeat(40) },
      fromFork: false,
      headFromApi: false,
    });
    expect(readPullRequestTarget('pull_request', payload('contributor'), repository)?.fromFork).toBe(true);
  });

  it('reads the head through the API on pull_request_target, and survives a deleted fork', () => {
    const target = readPullRequestTarget('pull_request_target', payload(null), repository);
    expect(target?.headFromApi).toBe(true);
    expect(target?.head).toEqual({ owner: 'octo-org', repo: 'llm-app', sha: 'c'.repeat(40) });
  });

  it('refuses a payload without the pull request', () => {
    expect(() => readPullRequestTarget('pull_request', {}, repository)).toThrow('no pull_request.number');
  });
});

describe('parseRepository', () => {
  it('splits owner/repo and refuses anything else', () => {
    expect(parseRepository('octo-org/llm-app')).toEqual(repository);
    expect(() => parseRepository('octo-org')).toThrow('GITHUB_REPOSITORY must be "owner/repo"');
    expect(() => parseRepository(undefined)).toThrow();
  });
});
