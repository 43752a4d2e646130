/** Where the base and head revisions of a pull request live, taken from the event payload. */
export interface PullRequestTarget {
  owner: string;
  repo: string;
  number: number;
  base: { owner: string; repo: string; sha: string };
  head: { owner: string; repo: string; sha: string };
  /** The head lives in another repository; its token is read-only on `pull_request`. */
  fromFork: boolean;
  /**
   * On `pull_request_target` the workspace holds the base, so the head is read through the API,
   * and no code of the pull request is ever checked out or run.
   */
  headFromApi: boolean;
}

interface RepositoryPayload {
  name?: unknown;
  owner?: { login?: unknown };
  full_name?: unknown;
}

interface PullRequestPayload {
  number?: unknown;
  base?: { sha?: unknown; repo?: RepositoryPayload };
  head?: { sha?: unknown; repo?: RepositoryPayload | null };
}

/** `null` for events that are not about a pull request (push, workflow_dispatch, …). */
export function readPullRequestTarget(
  eventName: string,
  payload: unknown,
  repository: { owner: string; repo: string },
): PullRequestTarget | null {
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') return null;
  const pullRequest = (payload as { pull_request?: PullRequestPayload } | null)?.pull_request;
  if (pullRequest === undefined || typeof pullRequest.number !== 'number') {
    throw new Error(`The ${eventName} event payload has no pull_request.number.`);
  }
  const baseSha = pullRequest.base?.sha;
  const headSha = pullRequest.head?.sha;
  if (typeof baseSha !== 'string' || typeof headSha !== 'string') {
    throw new Error(`The ${eventName} event payload has no base.sha or head.sha.`);
  }
  const base = repositoryOf(pullRequest.base?.repo) ?? repository;
  // A deleted fork has `head.repo: null`; its commits stay reachable from the base repository.
  const head = repositoryOf(pullRequest.head?.repo ?? undefined) ?? base;
  return {
    owner: repository.owner,
    repo: repository.repo,
    number: pullRequest.number,
    base: { ...base, sha: baseSha },
    head: { ...head, sha: headSha },
    fromFork: `${head.owner}/${head.repo}`.toLowerCase() !== `${base.owner}/${base.repo}`.toLowerCase(),
    headFromApi: eventName === 'pull_request_target',
  };
}

function repositoryOf(repository: RepositoryPayload | undefined): { owner: string; repo: string } | undefined {
  if (repository === undefined || repository === null) return undefined;
  if (typeof repository.name === 'string' && typeof repository.owner?.login === 'string') {
    return { owner: repository.owner.login, repo: repository.name };
  }
  return undefined;
}

/** `owner/repo` from GITHUB_REPOSITORY. */
export function parseRepository(value: string | undefined): { owner: string; repo: string } {
  const [owner, repo, ...rest] = (value ?? '').split('/');
  if (owner === undefined || owner === '' || repo === undefined || repo === '' || rest.length > 0) {
    throw new Error(`GITHUB_REPOSITORY must be "owner/repo", got "${value ?? ''}".`);
  }
  return { owner, repo };
}
