import { closeSync, openSync, writeSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from './usage-helpers.js';

// These tests start the built CLI or Node as child processes; on a slow, shared runner one can take seconds.
const CHILD_PROCESS_TIMEOUT_MS = 120_000;

const TARGET_BYTES = 200 * 1024 * 1024;
const START_SECONDS = 1_793_491_200; // 2026-11-01T00:00:00Z
const file = path.join(tmpdir(), `tunewise-usage-${process.pid}-${Date.now()}.jsonl`);
let goodLines = 0;
let badLines = 0;

/** Writes ~200 MB of chat.completion lines (two models, 30 days), with a broken line every 100,000. */
function generate(): void {
  const descriptor = openSync(file, 'w');
  let written = 0;
  let index = 0;
  const padding = 'x'.repeat(180); // stands in for the message content real logs carry
  try {
    while (written < TARGET_BYTES) {
      let chunk = '';
      for (let line = 0; line < 10_000; line += 1, index += 1) {
        if (index % 100_000 === 99_999) {
          chunk += '{"truncated": \n';
          badLines += 1;
          continue;
        }
        const model = index % 4 === 0 ? 'gpt-4.1' : 'gpt-4.1-mini';
        const created = START_SECONDS + Math.floor(index / 20); // 20 requests a second: a window of ~6 hours
        const prompt = 1000 + (index % 1000);
        chunk += `{"id":"chatcmpl-${index}","object":"chat.completion","created":${created},"model":"${model}","choices":[{"index":0,"message":{"role":"assistant","content":"${padding}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":${prompt},"completion_tokens":${index % 300},"total_tokens":${prompt + (index % 300)},"prompt_tokens_details":{"cached_tokens":${index % 2 === 0 ? 512 : 0}}}}\n`;
        goodLines += 1;
      }
      written += writeSync(descriptor, chunk);
    }
  } finally {
    closeSync(descriptor);
  }
}

beforeAll(() => {
  assertBuilt();
  generate();
}, CHILD_PROCESS_TIMEOUT_MS);
afterAll(() => rm(file, { force: true }));

describe('tunewise usage import on a 200 MB log', { timeout: CHILD_PROCESS_TIMEOUT_MS }, () => {
  it('streams it under a 64 MB heap ceiling and counts every line', { timeout: 180_000 }, async () => {
    expect((await stat(file)).size).toBeGreaterThanOrEqual(TARGET_BYTES);
    // Keeping a record (or a parsed line) per request would exceed this heap and crash; reading the whole
    // file into one string fits the heap limit (V8 keeps big strings outside it) but not the RSS bound below.
    const reportPeak = `process.on('exit', () => process.stderr.write('maxRSS=' + process.resourceUsage().maxRSS + '\\n'))`;
    const run = await runCli(['usage', 'import', file, '--format', 'json'], {
      nodeOptions: ['--max-old-space-size=64', '--import', `data:text/javascript,${encodeURIComponent(reportPeak)}`],
    });
    expect(run.stderr).not.toContain('heap out of memory');
    expect(run.exitCode).toBe(0);
    const peakKilobytes = Number(/maxRSS=(\d+)/.exec(run.stderr)?.[1]);
    expect(peakKilobytes).toBeGreaterThan(0);
    expect(peakKilobytes / 1024).toBeLessThan(128); // MB, for a 200 MB file; ~70 MB measured
    const output = JSON.parse(run.stdout) as {
      workloads: Array<{ id: string; requests: number; tokens: { input: { mean: number; p95: number } } }>;
      skipped: { count: number };
    };
    expect(output.skipped.count).toBe(badLines);
    expect(output.workloads.map((workload) => workload.id).sort()).toEqual(['gpt-4.1', 'gpt-4.1-mini']);
    expect(output.workloads.reduce((total, workload) => total + workload.requests, 0)).toBe(goodLines);
    const mini = output.workloads.find((workload) => workload.id === 'gpt-4.1-mini')!;
    // prompt_tokens cycle through 1000..1999: mean ≈ 1500, p95 ≈ 1950 within the sketch's 1%.
    expect(mini.tokens.input.mean).toBeGreaterThan(1490);
    expect(mini.tokens.input.mean).toBeLessThan(1510);
    expect(Math.abs(mini.tokens.input.p95 - 1950)).toBeLessThan(25);
  });
});
