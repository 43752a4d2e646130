import { afterEach, beforeEach } from 'vitest';
import { FakeGitHub } from './fake-github.js';
import { type ActionRun, pullRequestPayload, runAction } from './run-action.js';

// The repository, pull request and token the end-to-end tests run against.
export const owner = 'octo-org';
export const repo = 'llm-app';
export const token = 'ghs_e2eTestToken0123456789abcdefABCDEF';
export const number = 42;
export const baseSha = 'b'.repeat(40);
export const headSha = 'c'.repeat(40);

/** The fake GitHub, started, with pull request `number` from `baseSha` to `headSha` (committed 2026-11-28). */
export async function startPullRequestGitHub(): Promise<{ github: FakeGitHub; apiUrl: string }> {
  const github = new FakeGitHub({ owner, repo, token });
  const apiUrl = await github.start();
  github.setCommit(headSha, '2026-11-28T10:00:00Z');
  github.setPull(number, { headSha, baseSha });
  return { github, apiUrl };
}

/**
 * The built action on pull request `number`, against the API at `apiUrl`; the event's head is `headSha` unless
 * given (an older run), from this repository unless `headOwner` names a fork.
 */
export function runOnPullRequest(
  apiUrl: string,
  options: {
    workspace: Record<string, string>;
    eventName?: string;
    inputs?: Record<string, string>;
    environment?: Record<string, string>;
    headSha?: string;
    headOwner?: string;
  },
): Promise<ActionRun> {
  const { headSha: eventHeadSha, headOwner, ...rest } = options;
  return runAction({
    apiUrl,
    token,
    repository: `${owner}/${repo}`,
    eventName: options.eventName ?? 'pull_request',
    payload: pullRequestPayload({ owner, repo, number, baseSha, headSha: eventHeadSha ?? headSha, headOwner }),
    ...rest,
  });
}

/** A fresh started fake GitHub for each test of the file (see {@link startPullRequestGitHub}), closed after it. */
export function useFakeGitHub(): { readonly github: FakeGitHub; readonly apiUrl: string } {
  const state = {} as { github: FakeGitHub; apiUrl: string };
  beforeEach(async () => {
    Object.assign(state, await startPullRequestGitHub());
  });
  afterEach(async () => {
    await state.github.close();
  });
  return state;
}
