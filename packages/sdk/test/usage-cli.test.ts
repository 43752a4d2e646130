import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assertBuilt, runCli } from './usage-helpers.js';

// These tests start the built CLI or Node as child processes; on a slow, shared runner one can take seconds.
const CHILD_PROCESS_TIMEOUT_MS = 120_000;

const fixture = fileURLToPath(new URL('../src/usage/__fixtures__/usage-log.jsonl', import.meta.url));
let directory: string;

beforeAll(async () => {
  assertBuilt();
  directory = await mkdtemp(path.join(tmpdir(), 'tunewise-usage-cli-'));
}, CHILD_PROCESS_TIMEOUT_MS);
afterAll(() => rm(directory, { recursive: true, force: true }));

describe('tunewise usage import (built CLI)', { timeout: CHILD_PROCESS_TIMEOUT_MS }, () => {
  it('prints exactly the documented JSON, with the unreadable lines, and exits 0', async () => {
    const run = await runCli(['usage', 'import', fixture, '--format', 'json', '--workload-by', 'metadata.workload']);
    expect(run.exitCode).toBe(0);
    const output = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(['workloads', 'skipped']);
    const workloads = output.workloads as Array<Record<string, unknown>>;
    expect(workloads.map((workload) => Object.keys(workload))).toEqual(
      workloads.map(() => ['id', 'requests', 'firstSeen', 'lastSeen', 'requestsPerMonth', 'tokens']),
    );
    expect(workloads[0]).toEqual({
      id: 'triage',
      requests: 4,
      firstSeen: '2026-11-01T00:00:00.000Z',
      lastSeen: '2026-11-04T00:00:00.000Z',
      requestsPerMonth: 41, // 4 / 3 days × 30.4375 = 40.58
      tokens: {
        input: { mean: 2900, p95: 3012 },
        cachedInput: { mean: 2000, p95: 2000 },
        output: { mean: 200, p95: 302 },
      },
    });
    expect(output.skipped).toEqual({
      count: 4,
      examples: [
        { line: 9, reason: 'not valid JSON' },
        { line: 10, reason: 'not a JSON object' },
        { line: 11, reason: 'no token usage (no `usage` object, no gen_ai.usage.* span attributes)' },
        { line: 12, reason: 'not valid JSON' },
      ],
    });
    expect(run.stderr).toContain('warning: 3 records had no `metadata.workload`');
    // Not a terminal: no progress line.
    expect(run.stderr).not.toContain('reading ');
  });

  it('prints a text table by default', async () => {
    const run = await runCli(['usage', 'import', fixture]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^gpt-4\.1-mini\s+5\s+2026-11-01T00:00Z to 2026-11-08T00:00Z \(7 d\)\s+22\s/m);
    expect(run.stdout).toContain('Skipped 4 lines that could not be read:\n  line 9: not valid JSON');
  });

  it('exits 2 with a clear message for a missing file, and for a log with no usage', async () => {
    const missing = await runCli(['usage', 'import', path.join(directory, 'nope.jsonl')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toBe(`tunewise: usage log not found: ${path.join(directory, 'nope.jsonl')}\n`);
    expect(missing.stdout).toBe('');

    const empty = path.join(directory, 'empty.jsonl');
    await writeFile(empty, '{"hello":"world"}\nnot json\n');
    const nothing = await runCli(['usage', 'import', empty, '--format', 'json']);
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toContain(`no token usage found in ${empty}`);
    expect(JSON.parse(nothing.stdout)).toEqual({ workloads: [], skipped: expect.objectContaining({ count: 2 }) });
  });

  it('init writes a starter that --write then fills with measured numbers, keeping its comments', async () => {
    const usageFile = path.join(directory, 'llm-usage.yml');
    const init = await runCli(['init', '--as-of', '2026-11-28'], { cwd: directory });
    expect(init.exitCode).toBe(0);
    const again = await runCli(['init'], { cwd: directory });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('already exists; not overwritten (pass --force to replace it)');

    const write = await runCli([
      'usage',
      'import',
      fixture,
      '--write',
      usageFile,
      '--as-of',
      '2026-11-28',
      '--format',
      'json',
    ]);
    expect(write.exitCode).toBe(0);
    const text = await readFile(usageFile, 'utf8');
    expect(text).toContain('# static system prompt (cacheable)');
    expect(text).toContain('# measured 2026-11-28: 5 requests in 7 days');
    const ids = (parse(text) as { workloads: Array<{ id: string }> }).workloads.map((workload) => workload.id);
    expect(ids).toEqual(['support-triage', 'gpt-4.1-mini', 'claude-sonnet-4-5']);

    const missingTarget = await runCli(['usage', 'import', fixture, '--write', path.join(directory, 'none.yml')]);
    expect(missingTarget.exitCode).toBe(2);
    expect(missingTarget.stderr).toContain('no such usage file to write into (run `tunewise init` first)');
  });

  it('schema prints the JSON Schema', async () => {
    const run = await runCli(['schema']);
    expect(run.exitCode).toBe(0);
    const schema = JSON.parse(run.stdout) as { title: string; properties: Record<string, unknown> };
    expect(schema.title).toBe('tunewise usage file (llm-usage.yml)');
    expect(Object.keys(schema.properties)).toContain('workloads');
  });
});
