import type { GitHubClient } from './github-client.js';
import type { CommentMode, CommentWhen } from './inputs.js';

/** GitHub refuses issue comments over 65,536 characters; stay clear of it. */
export const maxCommentLength = 65_000;

/** The hidden marker that makes a comment the sticky one for a config path. */
export function commentMarker(configPath: string): string {
  return `<!-- tunewise:${sanitizeForHtmlComment(configPath)} -->`;
}

function headTimeMarker(headTime: string): string {
  return `<!-- tunewise:head-time=${headTime} -->`;
}

function sanitizeForHtmlComment(text: string): string {
  return text.replaceAll('--', '-\u200b-').replaceAll('>', '&gt;');
}

/** The head commit time recorded in a comment body, or undefined. */
export function readHeadTime(body: string): string | undefined {
  return /<!-- tunewise:head-time=([0-9T:.+\-Z]+) -->/.exec(body)?.[1];
}

/** Markers first, then the markdown, cut at a line boundary so the whole stays within `maxLength`. */
export function buildCommentBody(options: {
  configPath: string;
  headTime: string | undefined;
  markdown: string;
  maxLength?: number;
}): string {
  const maxLength = options.maxLength ?? maxCommentLength;
  const header = [commentMarker(options.configPath)];
  if (options.headTime !== undefined) header.push(headTimeMarker(options.headTime));
  const prefix = `${header.join('\n')}\n`;
  return prefix + truncateMarkdown(options.markdown, maxLength - prefix.length);
}

const truncationNote =
  '\n\n_Comment truncated to fit GitHub’s limit; the job summary and the JSON report have everything._\n';

/** Cuts at the last whole line that fits and says so; closes an open `<details>` so the page stays intact. */
export function truncateMarkdown(markdown: string, maxLength: number): string {
  if (markdown.length <= maxLength) return markdown;
  const budget = Math.max(0, maxLength - truncationNote.length - '\n</details>'.length * 4);
  let cut = markdown.slice(0, budget);
  const lastNewline = cut.lastIndexOf('\n');
  if (lastNewline > 0) cut = cut.slice(0, lastNewline);
  const opened = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  const closers = '\n</details>'.repeat(Math.min(Math.max(opened, 0), 4));
  return `${cut}${closers}${truncationNote}`;
}

export interface IssueComment {
  id: number;
  body?: string | undefined;
  user: { login: string; type: string } | null;
}

/**
 * Ours = carries the marker for this config path and was written by a bot. With the default GITHUB_TOKEN the
 * author is `github-actions[bot]`, with a GitHub App token `<app>[bot]`; a person quoting the marker never matches,
 * so the action never edits a human's comment.
 */
export function isOwnComment(comment: IssueComment, configPath: string): boolean {
  return (comment.body ?? '').includes(commentMarker(configPath)) && comment.user?.type === 'Bot';
}

export type CommentPlan =
  | { action: 'create' }
  | { action: 'update'; commentId: number }
  | { action: 'skip'; reason: 'unchanged' | 'stale' | 'no-change-to-report'; commentId?: number };

/** Decides what to do with the sticky comment; pure, so every branch is tested with literals. */
export function planComment(options: {
  existing: IssueComment | undefined;
  body: string;
  headTime: string | undefined;
  mode: Exclude<CommentMode, 'off'>;
  commentWhen: CommentWhen;
  changed: boolean;
}): CommentPlan {
  const { existing } = options;
  if (existing !== undefined) {
    const recorded = readHeadTime(existing.body ?? '');
    if (
      recorded !== undefined &&
      options.headTime !== undefined &&
      Date.parse(recorded) > Date.parse(options.headTime)
    ) {
      return { action: 'skip', reason: 'stale', commentId: existing.id };
    }
    if (existing.body === options.body) return { action: 'skip', reason: 'unchanged', commentId: existing.id };
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
): Promise<IssueComment | undefined> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100,
  });
  const own = comments.filter((comment) => isOwnComment(comment, configPath));
  return mode === 'new' ? own.at(-1) : own[0];
}

export interface CommentOutcome {
  plan: CommentPlan;
  /** Link to the comment written or kept. */
  url?: string;
}

export async function upsertStickyComment(
  client: GitHubClient,
  target: CommentTarget,
  options: {
    configPath: string;
    body: string;
    headTime: string | undefined;
    mode: Exclude<CommentMode, 'off'>;
    commentWhen: CommentWhen;
    changed: boolean;
  },
): Promise<CommentOutcome> {
  const existing = await findOwnComment(client, target, options.configPath, options.mode);
  const plan = planComment({ ...options, existing });
  if (plan.action === 'create') {
    const response = await client.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.number,
      body: options.body,
    });
    return { plan, url: response.data.html_url };
  }
  if (plan.action === 'update') {
    const response = await client.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: plan.commentId,
      body: options.body,
    });
    return { plan, url: response.data.html_url };
  }
  return { plan };
}
