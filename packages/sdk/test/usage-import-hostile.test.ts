import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES, MAX_WORKLOADS } from '../src/usage/import-log.js';
import { assertBuilt, runCli } from './usage-helpers.js';

let directory: string;

beforeAll(async () => {
  assertBuilt();
  directory = await mkdtemp(path.join(tmpdir(), 'tunewise-usage-hostile-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

const response = (model: string, created = 1_793_491_200) =>
  JSON.stringify({ object: 'chat.completion', model, created, usage: { prompt_tokens: 100, completion_tokens: 10 } });

/** Writes `lines` (strings or byte counts of filler with no newline) without holding the file in memory. */
async function writeLog(name: string, parts: Array<string | { fillerBytes: number }>): Promise<string> {
  const file = path.join(directory, name);
  const stream = createWriteStream(file);
  const block = Buffer.alloc(1024 * 1024, 'x');
  for (const part of parts) {
    if (typeof part === 'string') {
      stream.write(part);
      continue;
    }
    for (let left = part.fillerBytes; left > 0; left -= block.length) {
      if (!stream.write(left >= block.length ? block : block.subarray(0, left))) {
        await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
      }
    }
  }
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return file;
}

describe('tunewise usage import against hostile logs (built CLI)', () => {
  it('skips a 64 MB line without a newline as one overlong line and reads on', async () => {
    const log = await writeLog('long-line.jsonl', [
      `${response('gpt-4.1-mini')}\n`,
      { fillerBytes: 64 * 1024 * 1024 },
      '\n',
      `${response('gpt-4.1-mini', 1_793_577_600)}\n`,
    ]);
    const run = await runCli(['usage', 'import', log, '--format', 'json']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.exitCode).toBe(0);
    const output = JSON.parse(run.stdout) as {
      workloads: Array<{ id: string; requests: number }>;
      skipped: { count: number; examples: Array<{ line: number; reason: string }> };
    };
    expect(output.workloads).toEqual([expect.objectContaining({ id: 'gpt-4.1-mini', requests: 2 })]);
    expect(output.skipped).toEqual({
      count: 1,
      examples: [
        { line: 2, reason: `longer than ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes (the longest line read)` },
      ],
    });
  }, 120_000);

  it('skips a last line that never ends and is longer than the limit', async () => {
    const log = await writeLog('no-newline.jsonl', [`${response('a')}\n`, { fillerBytes: MAX_LINE_BYTES + 1 }]);
    const run = await runCli(['usage', 'import', log, '--format', 'json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).skipped.examples).toEqual([
      { line: 2, reason: expect.stringContaining('longer than') },
    ]);
  }, 120_000);

  it('measures at most MAX_WORKLOADS models and reports the rest, with 150,000 distinct model names', async () => {
    const lines: string[] = [];
    for (let index = 0; index < 150_000; index++) lines.push(response(`model-${index}`));
    const log = path.join(directory, 'cardinality.jsonl');
    await writeFile(log, `${lines.join('\n')}\n`);
    const run = await runCli(['usage', 'import', log]);
    expect(run.stderr).not.toContain('Maximum call stack');
    expect(run.exitCode).toBe(0);
    const rows = run.stdout.split('\n').filter((line) => line.startsWith('model-'));
    expect(rows).toHaveLength(MAX_WORKLOADS);
    expect(run.stderr).toContain(
      `warning: ${(150_000 - MAX_WORKLOADS).toLocaleString('en-US')} records named workloads beyond the first ${MAX_WORKLOADS.toLocaleString('en-US')} distinct ones`,
    );
    // One "window under an hour" warning per measured model would be a thousand lines: twenty, then a count.
    expect(run.stderr.split('\n').filter((line) => line.startsWith('warning: '))).toHaveLength(21);
    expect(run.stderr).toContain(
      `warning: … and ${(MAX_WORKLOADS + 1 - 20).toLocaleString('en-US')} more warnings like these`,
    );
  }, 120_000);

  it('shows terminal escapes in model ids and workload names escaped, in the table and in warnings', async () => {
    const osc52 = '\u001b]52;c;cm0gLXJmIH4=\u0007';
    const csi = '\u001b[2J\u009b31m';
    const log = path.join(directory, 'escapes.jsonl');
    await writeFile(
      log,
      `${response(`evil${osc52}`)}\n${JSON.stringify({ model: `rtl\u202Etxt.exe${csi}`, usage: { input_tokens: 1, output_tokens: 1 } })}\n`,
    );
    const run = await runCli(['usage', 'import', log]);
    expect(run.exitCode).toBe(0);
    for (const output of [run.stdout, run.stderr]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is about control characters.
      expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    }
    expect(run.stdout).toContain('evil\\u{1b}]52;c;cm0gLXJmIH4=\\u{7}');
    expect(run.stdout).toContain('rtl\\u{202e}txt.exe\\u{1b}[2J\\u{9b}31m');
    expect(run.stderr).toContain('warning: evil\\u{1b}]52;c;');
  }, 60_000);

  it('skips a record whose model name is absurdly long instead of keeping it as a group', async () => {
    const log = path.join(directory, 'long-name.jsonl');
    await writeFile(log, `${response('m'.repeat(10_000))}\n${response('ok')}\n`);
    const run = await runCli(['usage', 'import', log, '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.workloads.map((workload: { id: string }) => workload.id)).toEqual(['ok']);
    expect(output.skipped.examples).toEqual([{ line: 1, reason: 'workload or model name longer than 200 characters' }]);
  }, 60_000);
});
