import { commentMarker as renderMarker } from '@tunewise/sdk';
import type { GitHubClient } from './github-client.js';
import type { CommentMode, CommentWhen } from './inputs.js';
import { statusOf } from './repository-files.js';

/** The hidden marker that makes a comment the sticky one for a config path, as core renders it. */
export function commentMarker(configPath: string): string {
  return renderMarker(`tunewise:${configPath}`);
}

/** The author of comments written with the default GITHUB_TOKEN. */
export const defaultCommentAuthor = 'github-actions[bot]';

/** The head commit time recorded in a comment body, or undefined. */
export function readHeadTime(body: string): string | undefined {
  return /<!-- tunewise:head-time=([0-9T:.+\-Z]+) -->/.exec(body)?.[1];
}

/** The head commit SHA recorded in a comment body, or undefined. */
export function readHeadSha(body: string): string | undefined {
  return /<!-- tunewise:head-sha=([0-9a-f]{40}) -->/.exec(body)?.[1];
}

/**
 * The comment's hidden markers, for core's renderer: the config path (which makes it the sticky one), then the head
 * commit's time and SHA, for whoever reads the comment's history.
 */
export function commentMarkers(options: {
  configPath: string;
  headTime: string | undefined;
  headSha?: string | undefined;
}): string[] {
  const markers = [`tunewise:${options.configPath}`];
  if (options.headTime !== undefined) markers.push(`tunewise:head-time=${options.headTime}`);
  if (options.headSha !== undefined) markers.push(`tunewise:head-sha=${options.headSha}`);
  return markers;
}

export interface IssueComment {
  id: number;
  body?: string | undefined;
  user: { login: string; type: string } | null;
}

/**
 * Ours = carries the marker for this config path and was written by `author`: `github-actions[bot]` with the
 * default GITHUB_TOKEN, `<app>[bot]` with a GitHub App token (the `comment-author` input). A person quoting the
 * marker, or another bot or workflow copying it, never matches, so the action never edits their comment.
 */
export function isOwnComment(
  comment: IssueComment,
  configPath: string,
  author: string = defaultCommentAuthor,
): boolean {
  return (
    (comment.body ?? '').includes(commentMarker(configPath)) &&
    comment.user !== null &&
    comment.user.login.toLowerCase() === author.toLowerCase()
  );
}

export type CommentPlan =
  | { action: 'create' }
  | { action: 'update'; commentId: number }
  | { action: 'skip'; reason: 'unchanged' | 'outdated' | 'no-change-to-report'; commentId?: number };

/**
 * Decides what to do with the sticky comment; pure, so every branch is tested with literals. Whether this run is
 * outdated is decided before, from the pull request's current head (`pulls.get`), not from recorded commit dates,
 * which say nothing after a force-push.
 */
export function planComment(options: {
  existing: IssueComment | undefined;
  body: string;
  mode: Exclude<CommentMode, 'off'>;
  commentWhen: CommentWhen;
  changed: boolean;
}): CommentPlan {
  const { existing } = options;
  if (existing !== undefined && existing.body === options.body) {
    return { action: 'skip', reason: 'unchanged', commentId: existing.id };
  }
  // With `changed`, a pull request that moves no number gets no comment; an existing one is still kept current.
  if (options.commentWhen === 'changed' && !options.changed && (existing === undefined || options.mode === 'new')) {
    return { action: 'skip', reason: 'no-change-to-report' };
  }
  if (existing === undefined || options.mode === 'new') return { action: 'create' };
  return { action: 'update', commentId: existing.id };
}

export interface CommentTarget {
  owner: string;
  repo: string;
  number: number;
}

/** Every comment of the issue (paginated), our own for this config path; `new` mode compares with the latest. */
export async function findOwnComment(
  client: GitHubClient,
  target: CommentTarget,
  configPath: string,
  mode: Exclude<CommentMode, 'off'>,
  author: string = defaultCommentAuthor,
): Promise<IssueComment | undefined> {
  const comments = await client.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100,
  });
  const own = comments.filter((comment) => isOwnComment(comment, configPath, author));
  return mode === 'new' ? own.at(-1) : own[0];
}

export interface CommentOutcome {
  plan: CommentPlan;
  /** Link to the comment written or kept. */
  url?: string;
}

/**
 * Creates, updates or keeps the sticky comment. Creating is not idempotent, so it is never retried blindly: on a
 * 5xx GitHub may have stored the comment anyway, so the comments are listed again and the plan made once more.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  target: CommentTarget,
  options: {
    configPath: string;
    body: string;
    mode: Exclude<CommentMode, 'off'>;
    commentWhen: CommentWhen;
    changed: boolean;
    author?: string;
  },
): Promise<CommentOutcome> {
  const find = () => findOwnComment(client, target, options.configPath, options.mode, options.author);
  const plan = planComment({ ...options, existing: await find() });
  if (plan.action !== 'create') return write(client, target, plan, options.body);
  try {
    return await write(client, target, plan, options.body);
  } catch (error) {
    const status = statusOf(error);
    if (status === undefined || status < 500) throw error;
    const replanned = planComment({ ...options, existing: await find() });
    return write(client, target, replanned, options.body);
  }
}

async function write(
  client: GitHubClient,
  target: CommentTarget,
  plan: CommentPlan,
  body: string,
): Promise<CommentOutcome> {
  if (plan.action === 'create') {
    const response = await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner: target.owner,
      repo: target.repo,
      issue_number: target.number,
      body,
      // plugin-retry would repeat a create that GitHub may have stored before failing: a duplicate comment.
      request: { retries: 0 },
    });
    return { plan, url: response.data.html_url };
  }
  if (plan.action === 'update') {
    const response = await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner: target.owner,
      repo: target.repo,
      comment_id: plan.commentId,
      body,
    });
    return { plan, url: response.data.html_url };
  }
  return { plan };
}
