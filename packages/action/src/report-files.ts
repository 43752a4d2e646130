import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '@tunewise/sdk';

/** What a `compute` run on a pull request leaves for a later `comment` run (the fork two-workflow pattern). */
export interface PullRequestReport {
  schemaVersion: 1;
  configPath: string;
  pullRequest: { number: number; headSha: string };
  base: Report | null;
  head: Report;
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
 * Reads a `pr-report.json` from an artifact. It was produced by a run of the pull request's own workflow, so it is
 * untrusted: only its shape is accepted here, and the caller checks the pull request and head SHA against GitHub.
 */
export async function readPullRequestReport(filePath: string): Promise<PullRequestReport> {
  const text = await readFile(filePath, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${filePath} is not JSON: ${(error as Error).message}`);
  }
  const candidate = value as Partial<PullRequestReport> | null;
  const isReport = (report: unknown): report is Report =>
    typeof report === 'object' &&
    report !== null &&
    (report as Report).schemaVersion === 1 &&
    Array.isArray((report as Report).workloads);
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    candidate.schemaVersion !== 1 ||
    typeof candidate.pullRequest?.number !== 'number' ||
    typeof candidate.pullRequest.headSha !== 'string' ||
    !/^[0-9a-f]{40}$/.test(candidate.pullRequest.headSha) ||
    !isReport(candidate.head) ||
    (candidate.base !== null && !isReport(candidate.base))
  ) {
    throw new Error(`${filePath} is not a tunewise pr-report.json (schemaVersion 1).`);
  }
  return candidate as PullRequestReport;
}
