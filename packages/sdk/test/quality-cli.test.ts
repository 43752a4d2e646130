import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, evaluate } from '../src/index.js';

// Measured quality end to end: the built CLI as a child process, and the SDK's evaluate/compare, on core's
// hand-computed fixture (packages/core/src/report/__fixtures__/quality-flip.yml; its arithmetic is in
// packages/core/src/report/quality.test.ts).
const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
const fixture = path.resolve(import.meta.dirname, '../../core/src/report/__fixtures__/quality-flip.yml');
const asOf = '2026-12-01';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function tunewise(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let workDir: string;
let base: string;
let head: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'tunewise-quality-'));
  const text = `${await readFile(fixture, 'utf8')}policy:\n  failOn:\n    passRateDropPoints: 2\n`;
  base = path.join(workDir, 'base.yml');
  head = path.join(workDir, 'head.yml');
  await writeFile(base, text);
  // The fine-tune now passes 455 of 500 (91.0%, down 3.4 points from 94.4%).
  await writeFile(head, text.replace('fineTune: { passed: 472', 'fineTune: { passed: 455'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('measured quality through the built CLI', { timeout: 60_000 }, () => {
  it('check prints pass rates, intervals, n and failure costs, and the quality factor', async () => {
    const run = await tunewise(['check', '--config', base, '--as-of', asOf]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Measured quality (exact match on 500 held-out tickets; $0.40 per failure):');
    expect(run.stdout).toContain('fine-tune: 94.4% passed (90% interval 92.4%–95.8%, n = 500); failures $8,960.00');
    expect(run.stdout).toContain('hybrid: not measured');
    expect(run.stdout).toContain('that is $13,120 a month saved by fine-tuning');
  });

  it('check --format json carries the failure lines and the quality assessment', async () => {
    const run = await tunewise(['check', '--config', base, '--format', 'json', '--as-of', asOf]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const workload = report.workloads[0];
    expect(workload.recommendation).toBe('fine-tune');
    expect(workload.strategies.prompt.failureMonthly[0]).toBe(22_080);
    expect(workload.strategies.fineTune.averageMonthlyWithoutFailures).toBe(524.1667);
    expect(workload.breakEven.requestsPerMonth).toBe(8534);
    expect(workload.quality.comparisons[0]).toMatchObject({ strategy: 'fineTune', distinguishable: true });
    expect(workload.quality.unmeasured).toEqual(['hybrid']);
  });

  it('check --base fails policy.failOn.passRateDropPoints and shows the change in pass rate', async () => {
    const run = await tunewise(['check', '--config', head, '--base', base, '--format', 'markdown', '--as-of', asOf]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '### Measured pass rates\n\n- ticket-triage fine-tune: pass rate 94.4% → 91.0% (-3.4 points; 472/500 → 455/500)',
    );
    expect(run.stdout).toContain('passRateDropPoints');
    const back = await tunewise(['check', '--config', base, '--base', head, '--as-of', asOf]);
    expect(back.code).toBe(0);
  });
});

describe('measured quality through the SDK', () => {
  it('evaluate and compare carry quality', async () => {
    const report = await evaluate(base, { asOf });
    expect(report.workloads[0]!.quality?.passRates.fineTune).toMatchObject({ passed: 472, total: 500 });
    const diff = await compare(base, head, { asOf });
    expect(diff.head.workloads[0]!.quality?.passRates.fineTune).toMatchObject({ passed: 455, total: 500 });
    expect(diff.base?.workloads[0]?.quality?.passRates.fineTune).toMatchObject({ passed: 472, total: 500 });
  });
});
