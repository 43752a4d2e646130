import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '@tunewise/sdk';

/**
 * What a `compute` run on a pull request leaves for a later `comment` run (the fork two-workflow pattern): only which
 * pull request and head commit it ran for. The `comment` run recomputes the report itself from the base repository,
 * so nothing the pull request's workflow wrote is ever rendered.
 */
export interface PullRequestReport {
  schemaVersion: 1;
  configPath: string;
  pullRequest: PullRequestReference;
}

export interface PullRequestReference {
  number: number;
  headSha: string;
}

export interface WrittenReports {
  /** The head report, `report.json`: the `report` output. */
  reportPath: string;
  /** `pr-report.json`, on pull requests only. */
  pullRequestReportPath?: string;
}

/** Writes under RUNNER_TEMP/tunewise/, the directory the two-workflow pattern uploads as an artifact. */
export async function writeReports(
  directory: string,
  head: Report,
  pullRequestReport: PullRequestReport | undefined,
): Promise<WrittenReports> {
  const folder = path.join(directory, 'tunewise');
  await mkdir(folder, { recursive: true });
  const reportPath = path.join(folder, 'report.json');
  await writeFile(reportPath, `${JSON.stringify(head, null, 2)}\n`);
  if (pullRequestReport === undefined) return { reportPath };
  const pullRequestReportPath = path.join(folder, 'pr-report.json');
  await writeFile(pullRequestReportPath, `${JSON.stringify(pullRequestReport)}\n`);
  return { reportPath, pullRequestReportPath };
}

/**
 * Reads the pull request number and head SHA from a `pr-report.json` artifact. The artifact was produced by a run
 * of the pull request's own workflow, so it is untrusted: nothing else is taken from it (older artifacts also carry
 * reports, which are ignored), and the caller checks both against GitHub.
 */
export async function readPullRequestReport(filePath: string): Promise<PullRequestReference> {
  const text = await readFile(filePath, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${filePath} is not JSON: ${(error as Error).message}`);
  }
  const candidate = value as { schemaVersion?: unknown; pullRequest?: { number?: unknown; headSha?: unknown } } | null;
  const number = candidate?.pullRequest?.number;
  const headSha = candidate?.pullRequest?.headSha;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    candidate.schemaVersion !== 1 ||
    typeof number !== 'number' ||
    !Number.isSafeInteger(number) ||
    number < 1 ||
    typeof headSha !== 'string' ||
    !/^[0-9a-f]{40}$/.test(headSha)
  ) {
    throw new Error(`${filePath} is not a tunewise pr-report.json (schemaVersion 1).`);
  }
  return { number, headSha };
}
