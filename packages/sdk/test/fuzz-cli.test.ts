import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileUsageFileText, numbersIn } from '../../core/src/parse/__fixtures__/hostile-usage-files.js';
import { hostileLog } from '../src/usage/__fixtures__/hostile-logs.js';
import { assertBuilt, type CliRun, runCli } from './usage-helpers.js';

// Fewer runs than the in-process fuzzing (core's evaluate.fuzz.test.ts, the sdk's import-log.fuzz.test.ts): each run
// here is a process. A failure prints its seed (fast-check's report); FUZZ_SEED replays one.
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

let directory: string;
beforeAll(async () => {
  assertBuilt();
  directory = await mkdtemp(path.join(tmpdir(), 'tunewise-fuzz-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is about control characters.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** What every run must satisfy: a documented exit code, no stack trace, nothing that steers a terminal. */
function expectOrderly(run: CliRun, input: string): void {
  expect([0, 1, 2]).toContain(run.exitCode);
  expect(run.stderr).not.toMatch(/\n\s+at |unexpected error|Maximum call stack/);
  expect(run.stderr).not.toMatch(RAW_CONTROL);
  expect(run.stdout).not.toMatch(RAW_CONTROL);
  // Unless the input itself says so (a name may be "NaN"), no non-finite number is ever printed.
  if (!/NaN|Infinity|inf/i.test(input)) expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/NaN|Infinity|\.inf\b/);
}

describe('fuzzing the built CLI', () => {
  it('check: exit 0/1/2 only, no stack trace, every usage-file error at file:line:column, every number finite', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(hostileUsageFileText, fc.constantFrom('json', 'text', 'markdown'), async (file, format) => {
        run += 1;
        const config = path.join(directory, `${run}-${file.fileName}`);
        await writeFile(config, file.text);
        const result = await runCli(['check', '--config', config, '--as-of', '2026-11-28', '--format', format]);
        expectOrderly(result, file.text);
        if (result.exitCode === 2) {
          const lines = result.stderr.trimEnd().split('\n');
          const issues = lines.filter((line) => !/^tunewise: \d+ problems in the usage file:$/.test(line));
          expect(issues.length).toBeGreaterThan(0);
          for (const line of issues) {
            const match = /^(?:tunewise: )?(.+?):(\d+):(\d+): /.exec(line);
            expect(match?.[1]).toBe(config);
            expect(Number(match?.[2])).toBeGreaterThanOrEqual(1);
          }
        } else if (format === 'json') {
          for (const number of numbersIn(JSON.parse(result.stdout))) expect(Number.isFinite(number)).toBe(true);
        }
      }),
      { numRuns: 40, ...(seed === undefined ? {} : { seed }) },
    );
  }, 300_000);

  it('usage import: exit 0 or 2 only, no stack trace, every number in the JSON finite', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(hostileLog, async (log) => {
        run += 1;
        const file = path.join(directory, `${run}.jsonl`);
        await writeFile(file, log);
        const result = await runCli([
          'usage',
          'import',
          file,
          '--format',
          'json',
          '--workload-by',
          'metadata.workload',
        ]);
        expectOrderly(result, log);
        expect([0, 2]).toContain(result.exitCode);
        const output = JSON.parse(result.stdout) as unknown;
        for (const number of numbersIn(output)) expect(Number.isFinite(number)).toBe(true);
      }),
      { numRuns: 25, ...(seed === undefined ? {} : { seed }) },
    );
  }, 300_000);
});
