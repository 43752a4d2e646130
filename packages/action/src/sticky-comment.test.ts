import { evaluate, parseUsageFile, renderMarkdown } from '@tunewise/sdk';
import { describe, expect, it } from 'vitest';
import {
  commentMarker,
  commentMarkers,
  type IssueComment,
  isOwnComment,
  planComment,
  readHeadSha,
  readHeadTime,
} from './sticky-comment.js';

const bot = { login: 'github-actions[bot]', type: 'Bot' };

function comment(id: number, body: string, user: IssueComment['user'] = bot): IssueComment {
  return { id, body, user };
}

describe('markers', () => {
  it('puts the config path, head time and head SHA in hidden comments that read back', async () => {
    const markers = commentMarkers({
      configPath: 'ops/llm-usage.yml',
      headTime: '2026-11-28T10:00:00.000Z',
      headSha: 'c'.repeat(40),
    });
    const { usageFile } = parseUsageFile(
      'version: 1\nworkloads:\n  - id: w\n    model: openai/gpt-4.1-mini\n    volume: { requestsPerMonth: 1000 }\n    prompt: { inputTokens: 100, outputTokens: 50 }\n',
      { fileName: 'llm-usage.yml' },
    );
    const report = await evaluate(usageFile, { asOf: '2026-11-28' });
    const body = renderMarkdown({ report, marker: markers });
    expect(body).toMatch(
      new RegExp(
        `^<!-- tunewise:ops/llm-usage.yml -->\n<!-- tunewise:head-time=2026-11-28T10:00:00.000Z -->\n<!-- tunewise:head-sha=${'c'.repeat(40)} -->\n## tunewise`,
      ),
    );
    expect(isOwnComment(comment(1, body), 'ops/llm-usage.yml')).toBe(true);
    expect(readHeadTime(body)).toBe('2026-11-28T10:00:00.000Z');
    expect(readHeadSha(body)).toBe('c'.repeat(40));
    expect(readHeadTime('<!-- tunewise:llm-usage.yml -->')).toBeUndefined();
  });

  it('keeps a path with "-->" from closing the hidden comment early', () => {
    expect(commentMarker('a-->b.yml')).toBe('<!-- tunewise:a-\u200b-&gt;b.yml -->');
    expect(commentMarker('a---b.yml')).not.toContain('--b');
  });

  it('matches only comments by the expected author carrying this config path’s marker', () => {
    const marked = `${commentMarker('llm-usage.yml')}\nx`;
    const otherBot = { login: 'other-app[bot]', type: 'Bot' };
    expect(isOwnComment(comment(1, marked, otherBot), 'llm-usage.yml')).toBe(false);
    expect(isOwnComment(comment(1, marked, otherBot), 'llm-usage.yml', 'other-app[bot]')).toBe(true);
    expect(isOwnComment(comment(1, marked), 'llm-usage.yml', 'other-app[bot]')).toBe(false);
    expect(isOwnComment(comment(1, `${commentMarker('llm-usage.yml')}\nx`), 'llm-usage.yml')).toBe(true);
    expect(isOwnComment(comment(1, `${commentMarker('llm-usage.yml')}\nx`), 'other.yml')).toBe(false);
    expect(
      isOwnComment(
        comment(1, `quoting ${commentMarker('llm-usage.yml')}`, { login: 'octocat', type: 'User' }),
        'llm-usage.yml',
      ),
    ).toBe(false);
    expect(isOwnComment(comment(1, 'no marker'), 'llm-usage.yml')).toBe(false);
    expect(isOwnComment({ id: 1, body: commentMarker('llm-usage.yml'), user: null }, 'llm-usage.yml')).toBe(false);
  });
});

describe('planComment', () => {
  const base = {
    body: 'new body',
    mode: 'update' as const,
    commentWhen: 'always' as const,
    changed: true,
  };

  it('creates when there is no comment yet, updates the one there is', () => {
    expect(planComment({ ...base, existing: undefined })).toEqual({ action: 'create' });
    expect(planComment({ ...base, existing: comment(7, 'old body') })).toEqual({ action: 'update', commentId: 7 });
  });

  it('skips an identical body', () => {
    expect(planComment({ ...base, existing: comment(7, 'new body') })).toEqual({
      action: 'skip',
      reason: 'unchanged',
      commentId: 7,
    });
  });

  it('ignores recorded head times: after a force-push the current head may be the older commit', () => {
    const newer = comment(7, '<!-- tunewise:head-time=2026-11-28T11:00:00.000Z -->');
    expect(planComment({ ...base, existing: newer })).toEqual({ action: 'update', commentId: 7 });
  });

  it('with comment-when changed, posts nothing new for an unchanged report but keeps an existing comment current', () => {
    expect(planComment({ ...base, commentWhen: 'changed', changed: false, existing: undefined })).toEqual({
      action: 'skip',
      reason: 'no-change-to-report',
    });
    expect(planComment({ ...base, commentWhen: 'changed', changed: false, existing: comment(7, 'old') })).toEqual({
      action: 'update',
      commentId: 7,
    });
    expect(planComment({ ...base, commentWhen: 'changed', changed: true, existing: undefined })).toEqual({
      action: 'create',
    });
  });

  it('in new mode posts a new comment unless the latest says the same', () => {
    expect(planComment({ ...base, mode: 'new', existing: comment(7, 'old') })).toEqual({ action: 'create' });
    expect(planComment({ ...base, mode: 'new', existing: comment(7, 'new body') })).toMatchObject({
      action: 'skip',
      reason: 'unchanged',
    });
  });
});
