import type { RepositoryFiles } from './engine/types.js';
import type { GitHubClient } from './github-client.js';
import { localFailureOf } from './github-fetch.js';

export interface RepositoryRevision {
  owner: string;
  repo: string;
  /** A commit SHA. */
  ref: string;
}

/**
 * One file at one commit through the contents API, so a shallow checkout (or none) works.
 * `null` when the file does not exist at that commit (404): a config new in this pull request is not an error.
 */
export async function readFileAtRevision(
  client: GitHubClient,
  revision: RepositoryRevision,
  repositoryPath: string,
): Promise<string | null> {
  try {
    const response = await client.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: revision.owner,
      repo: revision.repo,
      path: repositoryPath,
      ref: revision.ref,
    });
    const data = response.data;
    if (Array.isArray(data) || data.type !== 'file') {
      throw new Error(
        `${repositoryPath} at ${revision.ref.slice(0, 7)} is a ${Array.isArray(data) ? 'directory' : data.type}, not a file.`,
      );
    }
    if (data.encoding !== 'base64') {
      // The contents API returns no content for files over 1 MB.
      throw new Error(
        `${repositoryPath} at ${revision.ref.slice(0, 7)} is too large for the contents API (${data.size} bytes).`,
      );
    }
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/**
 * The repository at one commit through the REST API. The usage file itself comes from the contents API (one request).
 * Prompt files are read from one recursive git tree listing (which globs need anyway) and then one blob request per
 * file actually read, never one contents request per file; the sdk caps how many files a usage file may read.
 */
export function revisionFiles(client: GitHubClient, revision: RepositoryRevision): RepositoryFiles {
  const texts = new Map<string, Promise<string | undefined>>();
  let tree: Promise<Map<string, TreeEntry>> | undefined;
  const readTree = () => {
    tree ??= readTreeAtRevision(client, revision);
    return tree;
  };
  return {
    description: `${revision.owner}/${revision.repo} at ${revision.ref.slice(0, 7)}`,
    async readText(repositoryPath) {
      let text = texts.get(repositoryPath);
      if (text === undefined) {
        text =
          tree === undefined
            ? readFileAtRevision(client, revision, repositoryPath).then((found) => found ?? undefined)
            : readBlob(client, revision, repositoryPath, (await readTree()).get(repositoryPath));
        texts.set(repositoryPath, text);
      }
      return text;
    },
    async listFiles() {
      const entries = await readTree();
      return [...entries.values()]
        .filter((entry) => entry.type === 'blob')
        .map((entry) => entry.path)
        .sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
    },
  };
}

interface TreeEntry {
  path: string;
  type: string;
  mode?: string | undefined;
  sha: string;
}

async function readTreeAtRevision(client: GitHubClient, revision: RepositoryRevision): Promise<Map<string, TreeEntry>> {
  const response = await client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
    owner: revision.owner,
    repo: revision.repo,
    tree_sha: revision.ref,
    recursive: 'true',
  });
  if (response.data.truncated) {
    // Over 100,000 entries: globs would silently miss files, so say so instead.
    throw new Error(
      `${revision.owner}/${revision.repo} at ${revision.ref.slice(0, 7)} has too many files to list through the API.`,
    );
  }
  const entries = new Map<string, TreeEntry>();
  for (const entry of response.data.tree) {
    if (entry.path !== undefined && entry.sha !== undefined && entry.type !== undefined) {
      entries.set(entry.path, { path: entry.path, type: entry.type, mode: entry.mode, sha: entry.sha });
    }
  }
  return entries;
}

/** One file of the tree, by its blob SHA; undefined when the tree has no such file. */
async function readBlob(
  client: GitHubClient,
  revision: RepositoryRevision,
  repositoryPath: string,
  entry: TreeEntry | undefined,
): Promise<string | undefined> {
  if (entry === undefined) return undefined;
  if (entry.type !== 'blob' || entry.mode === '120000') {
    const kind = entry.mode === '120000' ? 'symbolic link' : entry.type;
    throw new Error(`${repositoryPath} at ${revision.ref.slice(0, 7)} is a ${kind}, not a file.`);
  }
  const response = await client.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
    owner: revision.owner,
    repo: revision.repo,
    file_sha: entry.sha,
  });
  if (response.data.encoding !== 'base64') {
    throw new Error(
      `GitHub sent ${repositoryPath} at ${revision.ref.slice(0, 7)} as ${response.data.encoding}, not base64.`,
    );
  }
  return Buffer.from(response.data.content, 'base64').toString('utf8');
}

/**
 * A message for any error: GitHub's answer can be an empty body, which leaves Octokit's error without a message, so
 * the status and the request are named instead.
 */
export function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message.trim() : String(error);
  if (message !== '') return message;
  const status = statusOf(error);
  const request = (error as { request?: { method?: unknown; url?: unknown } } | null)?.request;
  const path = typeof request?.url === 'string' ? new URL(request.url, 'http://github.invalid').pathname : undefined;
  const asked = typeof request?.method === 'string' && path !== undefined ? ` to ${request.method} ${path}` : '';
  return status === undefined
    ? `${error instanceof Error ? error.name : 'An error'} without a message`
    : `GitHub answered HTTP ${status}${asked} without a message`;
}

/** GitHub's HTTP status in an error; none when the action stopped the request itself (a timeout, another host). */
export function statusOf(error: unknown): number | undefined {
  if (localFailureOf(error) !== undefined) return undefined;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The committer date of a commit, recorded in the comment so an older run never overwrites a newer one.
 * Undefined when GitHub cannot tell (the comment is then written without ordering).
 */
export async function readCommitTime(client: GitHubClient, revision: RepositoryRevision): Promise<string | undefined> {
  try {
    const response = await client.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', {
      owner: revision.owner,
      repo: revision.repo,
      commit_sha: revision.ref,
    });
    return new Date(response.data.committer.date).toISOString();
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 403) return undefined;
    throw error;
  }
}
