import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from './usage-helpers.js';

const TARGET_BYTES = 120 * 1024 * 1024;
const file = path.join(tmpdir(), `tunewise-eval-${process.pid}-${Date.now()}.json`);
/** An empty folder to run in, so no usage file is found above it. */
let cwd: string;
let results = 0;
let passed = 0;

/**
 * Writes ~120 MB in promptfoo's results.json shape: one pretty-printed document whose results.results array holds
 * every result (the shape a whole-file JSON.parse must hold at once); every 7th result fails.
 */
function generate(): void {
  const descriptor = openSync(file, 'w');
  const notes = 'The ticket concerns a billing error; route it to payments with priority high. '.repeat(4);
  let written = writeSync(
    descriptor,
    '{\n  "evalId": "eval-memory",\n  "results": {\n    "version": 3,\n    "results": [\n',
  );
  try {
    while (written < TARGET_BYTES) {
      let chunk = '';
      for (let item = 0; item < 2_000; item += 1, results += 1) {
        const success = results % 7 !== 0;
        if (success) passed += 1;
        const result = {
          id: `result-${results}`,
          success,
          score: success ? 1 : 0,
          testIdx: results,
          testCase: { notes },
        };
        chunk += `${results === 0 ? '' : ',\n'}      ${JSON.stringify(result, null, 2).replaceAll('\n', '\n      ')}`;
      }
      written += writeSync(descriptor, chunk);
    }
    const stats = `"stats": { "successes": ${passed}, "failures": ${results - passed}, "errors": 0 }`;
    writeSync(descriptor, `\n    ],\n    ${stats}\n  }\n}\n`);
  } finally {
    closeSync(descriptor);
  }
}

beforeAll(async () => {
  assertBuilt();
  generate();
  cwd = await mkdtemp(path.join(tmpdir(), 'tunewise-eval-memory-'));
});
afterAll(async () => {
  await rm(file, { force: true });
  await rm(cwd, { recursive: true, force: true });
});

describe('tunewise eval import on a 120 MB promptfoo document', () => {
  it('streams it under a 48 MB heap ceiling and counts every result', { timeout: 180_000 }, async () => {
    expect((await stat(file)).size).toBeGreaterThanOrEqual(TARGET_BYTES);
    // Parsing the document whole (JSON.parse of the file) needs several times its size; a streaming parser that
    // kept the results array, or its stack, would run out of this heap.
    const reportPeak = `process.on('exit', () => process.stderr.write('maxRSS=' + process.resourceUsage().maxRSS + '\\n'))`;
    const run = await runCli(['eval', 'import', file, '--workload', 'w', '--strategy', 'prompt', '--format', 'json'], {
      cwd,
      nodeOptions: ['--max-old-space-size=48', '--import', `data:text/javascript,${encodeURIComponent(reportPeak)}`],
    });
    expect(run.stderr).not.toContain('heap out of memory');
    expect(run.exitCode).toBe(0);
    const peakKilobytes = Number(/maxRSS=(\d+)/.exec(run.stderr)?.[1]);
    expect(peakKilobytes / 1024).toBeLessThan(128); // MB, for a 120 MB file
    const output = JSON.parse(run.stdout) as { passed: number; total: number; reportedStats: unknown };
    expect([output.passed, output.total]).toEqual([passed, results]);
    expect(output.reportedStats).toEqual({ successes: passed, failures: results - passed, errors: 0 });
  });
});
