import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assertBuilt, runCli } from './usage-helpers.js';

let directory: string;
beforeAll(async () => {
  assertBuilt();
  directory = await mkdtemp(path.join(tmpdir(), 'tunewise-usage-write-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

// 2026-11-01T00:00:00Z in unix seconds: the start of every generated log.
const START = 1_793_491_200;

const usageFile = (requestsPerMonth: number, extraPrompt = '') => `version: 1
workloads:
  - id: support-triage
    model: openai/gpt-4o
    volume:
      requestsPerMonth: ${requestsPerMonth}
    prompt:
      instructionTokens: 100${extraPrompt}
      inputTokens: 300
      outputTokens: 200
`;

/** `count` chat completions of support-triage, `spacingSeconds` apart, from START. */
function log(count: number, spacingSeconds: number, model = 'gpt-4o-2024-08-06'): string[] {
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    lines.push(
      JSON.stringify({
        object: 'chat.completion',
        model,
        created: START + index * spacingSeconds,
        metadata: { workload: 'support-triage' },
        usage: { prompt_tokens: 400, completion_tokens: 150 },
      }),
    );
  }
  return lines;
}

async function files(name: string, usage: string, lines: string[]) {
  const target = path.join(directory, `${name}.yml`);
  const source = path.join(directory, `${name}.jsonl`);
  await writeFile(target, usage);
  await writeFile(source, `${lines.join('\n')}\n`);
  return { target, source };
}

const importInto = (source: string, target: string, extra: string[] = []) =>
  runCli([
    'usage',
    'import',
    source,
    '--workload-by',
    'metadata.workload',
    '--write',
    target,
    '--as-of',
    '2026-12-01',
    ...extra,
  ]);

describe('tunewise usage import --write against hostile logs (built CLI)', () => {
  it('never writes .inf: a 1e308 token count is a skipped line, and the written file still checks', async () => {
    const lines = log(100, 7200); // 8.25 days: long enough to replace the volume without --force
    lines.splice(50, 0, lines[0]!.replace('"prompt_tokens":400', '"prompt_tokens":1e308'));
    const { target, source } = await files('inf', usageFile(400), lines);
    const run = await importInto(source, target);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('line 51: a token count above 100,000,000');
    const written = await readFile(target, 'utf8');
    expect(written).not.toMatch(/\.inf|NaN/i);
    const check = await runCli(['check', '--config', target, '--as-of', '2026-12-01']);
    expect(check.stderr).toBe('');
    expect(check.exitCode).toBe(0);
  }, 60_000);

  it('ignores one bogus timestamp among 1,000 lines instead of writing requestsPerMonth 0, and says so', async () => {
    const lines = log(1000, 2592); // 1,000 requests over 30 days
    lines[500] = lines[500]!.replace(/"created":\d+/, '"created":"+275760-09-13T00:00:00.000Z"');
    const { target, source } = await files('bogus-time', usageFile(1000), lines);
    const run = await importInto(source, target);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Ignored 1 timestamp outside 2015-01-01 to ');
    expect(run.stderr).toContain('warning: 1 records had a timestamp outside 2015-01-01');
    const written = parse(await readFile(target, 'utf8')) as {
      workloads: Array<{ volume: { requestsPerMonth: number } }>;
    };
    // 1,000 requests over 999 × 2,592 s = 29.97 days, × 30.4375 days a month.
    expect(written.workloads[0]!.volume.requestsPerMonth).toBe(Math.round((1000 / ((999 * 2592) / 86_400)) * 30.4375));
  }, 60_000);

  it('refuses to replace 4,000,000 requests/month with 557 seen over 10.5 hours unless --force, naming the sample', async () => {
    const usage = usageFile(4_000_000);
    const { target, source } = await files('short-sample', usage, log(557, 68)); // 556 × 68 s = 10.5 h
    const refused = await importInto(source, target);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(
      'tunewise: support-triage: would replace requestsPerMonth 4,000,000 with 38,743, measured from 557 requests over 10.5 hours (2026-11-01T00:00Z to 2026-11-01T10:30Z); a sample under 7 days says little about a month.',
    );
    expect(refused.stderr).toContain('not written; measure longer, or pass --force');
    expect(await readFile(target, 'utf8')).toBe(usage);

    const forced = await importInto(source, target, ['--force']);
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toContain('warning: support-triage: would replace requestsPerMonth 4,000,000 with 38,743');
    expect(await readFile(target, 'utf8')).toContain('requestsPerMonth: 38743');
  }, 60_000);

  it("warns when the log's model differs from the workload's, and not for a dated snapshot of the same model", async () => {
    const other = await files('other-model', usageFile(1000), log(100, 3600, 'claude-sonnet-4-5'));
    const run = await importInto(other.source, other.target);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain(
      `warning: support-triage: the log's model "openai/claude-sonnet-4-5" differs from the usage file's "openai/gpt-4o"`,
    );
    const same = await files('same-model', usageFile(1000), log(100, 3600));
    expect((await importInto(same.source, same.target)).stderr).not.toContain('differs');
  }, 60_000);

  it('rejects a usage file whose prompt file is missing, the way check does', async () => {
    const usage = usageFile(1000, '\n      exampleFiles: [prompts/missing-examples.md]');
    const { target, source } = await files('missing-prompt', usage, log(100, 3600));
    const check = await runCli(['check', '--config', target, '--as-of', '2026-12-01']);
    const run = await importInto(source, target);
    expect(check.exitCode).toBe(2);
    expect(run.exitCode).toBe(2);
    const problem = check.stderr.split('\n').find((line) => line.includes('missing-examples.md'));
    expect(problem).toContain('missing-prompt.yml:9:');
    expect(run.stderr).toContain(problem);
    expect(await readFile(target, 'utf8')).toBe(usage);
  }, 60_000);

  it('refuses to --write into a FIFO instead of waiting on it forever', async () => {
    const { source } = await files('fifo-source', usageFile(1000), log(100, 7200));
    const target = path.join(directory, 'fifo.yml');
    execFileSync('mkfifo', [target]);
    const run = await importInto(source, target);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`tunewise: ${target}: not a regular file; nothing written.`);
  }, 60_000);
});
