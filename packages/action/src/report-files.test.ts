import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Report } from '@tunewise/sdk';
import { describe, expect, it } from 'vitest';
import { readPullRequestReport, writeReports } from './report-files.js';

const report = { schemaVersion: 1, workloads: [] } as unknown as Report;

describe('report files', () => {
  it('writes the report and, on a pull request, the pr-report that reads back', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'tunewise-report-'));
    const pullRequestReport = {
      schemaVersion: 1 as const,
      configPath: 'llm-usage.yml',
      pullRequest: { number: 3, headSha: 'c'.repeat(40) },
    };
    const written = await writeReports(directory, report, pullRequestReport);
    expect(written.reportPath).toBe(path.join(directory, 'tunewise', 'report.json'));
    expect(JSON.parse(await readFile(written.reportPath, 'utf8'))).toEqual(report);
    expect(await readPullRequestReport(written.pullRequestReportPath!)).toEqual(pullRequestReport.pullRequest);
  });

  it('takes only the pull request number and head SHA from an artifact, whatever else it carries', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'tunewise-report-'));
    const file = path.join(directory, 'pr-report.json');
    const forged = { schemaVersion: 1, pullRequest: { number: 3, headSha: 'c'.repeat(40) }, head: { forged: true } };
    await writeFile(file, JSON.stringify(forged));
    expect(await readPullRequestReport(file)).toEqual({ number: 3, headSha: 'c'.repeat(40) });
  });

  it('refuses an artifact that is not a pr-report', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'tunewise-report-'));
    const file = path.join(directory, 'pr-report.json');
    await writeFile(file, '{"schemaVersion":1,"pullRequest":{"number":3,"headSha":"main"},"base":null,"head":{}}');
    await expect(readPullRequestReport(file)).rejects.toThrow('is not a tunewise pr-report.json');
    await writeFile(
      file,
      '{"schemaVersion":1,"pullRequest":{"number":-1,"headSha":"cccccccccccccccccccccccccccccccccccccccc"}}',
    );
    await expect(readPullRequestReport(file)).rejects.toThrow('is not a tunewise pr-report.json');
    await writeFile(file, 'not json');
    await expect(readPullRequestReport(file)).rejects.toThrow('is not JSON');
  });
});
