import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RepositoryFileReader } from './engine/types.js';
import type { GitHubClient } from './github-client.js';

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
    const response = await client.rest.repos.getContent({
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

export function revisionReader(client: GitHubClient, revision: RepositoryRevision): RepositoryFileReader {
  return (repositoryPath) => readFileAtRevision(client, revision, repositoryPath);
}

/** Files of the checkout in GITHUB_WORKSPACE; refuses paths that leave it. */
export function workspaceReader(workspace: string): RepositoryFileReader {
  const root = path.resolve(workspace);
  return async (repositoryPath) => {
    const absolute = path.resolve(root, repositoryPath);
    if (absolute !== root && !absolute.startsWith(root + path.sep)) {
      throw new Error(`${repositoryPath} is outside the repository.`);
    }
    try {
      return await readFile(absolute, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The committer date of a commit, recorded in the comment so an older run never overwrites a newer one.
 * Undefined when GitHub cannot tell (the comment is then written without ordering).
 */
export async function readCommitTime(client: GitHubClient, revision: RepositoryRevision): Promise<string | undefined> {
  try {
    const response = await client.rest.git.getCommit({
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
