import * as core from '@actions/core';

export type CommentMode = 'update' | 'new' | 'off';
export type CommentWhen = 'always' | 'changed';
export type RunMode = 'compute' | 'comment';

export interface ActionInputs {
  /** Usage file path relative to the repository root, POSIX separators, no leading `./`. */
  config: string;
  token: string;
  comment: CommentMode;
  commentWhen: CommentWhen;
  failOnPolicy: boolean;
  asOf: string | undefined;
  mode: RunMode;
  /** In `comment` mode: the `pr-report.json` a `compute` run wrote (downloaded from its artifact). */
  reportFile: string | undefined;
  /** The login that writes the comments: `github-actions[bot]`, or `<app>[bot]` with a GitHub App token. */
  commentAuthor: string;
}

export class InputError extends Error {
  override name = 'InputError';
}

type GetInput = (name: string) => string;

/** Reads and checks every input once; a bad value is an `InputError` naming the input and what it accepts. */
export function readInputs(getInput: GetInput = (name) => core.getInput(name)): ActionInputs {
  const config = normalizeRepositoryPath(getInput('config') || 'llm-usage.yml', 'config');
  const asOf = getInput('as-of') || undefined;
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new InputError(`Input "as-of" must be a date YYYY-MM-DD, got "${asOf}".`);
  }
  const mode = oneOf(getInput('mode') || 'compute', 'mode', ['compute', 'comment'] as const);
  const reportFile = getInput('report-file') || undefined;
  if (mode === 'comment' && reportFile === undefined) {
    throw new InputError('Input "report-file" is required with mode "comment".');
  }
  const commentAuthor = (getInput('comment-author') || 'github-actions[bot]').trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/.test(commentAuthor)) {
    throw new InputError(`Input "comment-author" must be a GitHub login such as my-app[bot], got "${commentAuthor}".`);
  }
  return {
    config,
    token: getInput('github-token'),
    comment: oneOf(getInput('comment') || 'update', 'comment', ['update', 'new', 'off'] as const),
    commentWhen: oneOf(getInput('comment-when') || 'always', 'comment-when', ['always', 'changed'] as const),
    failOnPolicy: parseBoolean(getInput('fail-on-policy') || 'true', 'fail-on-policy'),
    asOf,
    mode,
    reportFile,
    commentAuthor,
  };
}

function oneOf<const T extends string>(value: string, name: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate === value.trim().toLowerCase());
  if (found === undefined) {
    throw new InputError(`Input "${name}" must be one of ${allowed.join(', ')}, got "${value}".`);
  }
  return found;
}

/** The YAML 1.2 core schema booleans, as `core.getBooleanInput` accepts them. */
function parseBoolean(value: string, name: string): boolean {
  const normalized = value.trim();
  if (['true', 'True', 'TRUE'].includes(normalized)) return true;
  if (['false', 'False', 'FALSE'].includes(normalized)) return false;
  throw new InputError(`Input "${name}" must be true or false, got "${value}".`);
}

/** Repository-relative POSIX path; refuses absolute paths and paths that leave the repository. */
export function normalizeRepositoryPath(value: string, name: string): string {
  const parts: string[] = [];
  const trimmed = value.trim().replaceAll('\\', '/');
  if (trimmed.startsWith('/') || /^[a-zA-Z]:/.test(trimmed)) {
    throw new InputError(`Input "${name}" must be a path relative to the repository root, got "${value}".`);
  }
  for (const part of trimmed.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.pop() === undefined) {
        throw new InputError(`Input "${name}" must stay inside the repository, got "${value}".`);
      }
      continue;
    }
    parts.push(part);
  }
  if (parts.length === 0) throw new InputError(`Input "${name}" must name a file, got "${value}".`);
  return parts.join('/');
}
