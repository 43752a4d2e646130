import { Readable } from 'node:stream';
import { TunewiseError } from '@tunewise/core';
import { describe, expect, it } from 'vitest';
import { gradeRecord, importEvalResults } from './import-eval.js';

const promptfooResults = new URL('./__fixtures__/promptfoo/results.json', import.meta.url);

/** A stream that hands over `text` in chunks of `size` bytes, so records and lines straddle chunk edges. */
function chunked(text: string, size: number): AsyncIterable<Uint8Array> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.subarray(start, start + size));
  return Readable.from(chunks);
}

describe('importEvalResults on a real promptfoo results.json', () => {
  it("counts the same passed/total as promptfoo's own summary: 6 passed, 2 failed, 1 error", async () => {
    // __fixtures__/promptfoo/README.md: promptfoo 0.121.20 printed "6 passed (66.67%) · 2 failed · 1 error".
    const result = await importEvalResults(promptfooResults);
    expect(result).toMatchObject({ format: 'promptfoo', passed: 6, total: 9 });
    expect(result.reportedStats).toEqual({ successes: 6, failures: 2, errors: 1 });
    expect(result.skipped.count).toBe(0);
  });

  it('counts the same from the same run written as --output results.jsonl', async () => {
    const result = await importEvalResults(new URL('./__fixtures__/promptfoo/results.jsonl', import.meta.url));
    expect(result).toMatchObject({ format: 'promptfoo', passed: 6, total: 9 });
    expect(result.skipped.count).toBe(0);
  });

  it('gives the same count however the file is cut into chunks', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(promptfooResults, 'utf8');
    for (const size of [1, 7, 4096]) {
      const result = await importEvalResults(chunked(text, size));
      expect([result.passed, result.total]).toEqual([6, 9]);
    }
  });
});

describe('importEvalResults on OpenAI Evals output items', () => {
  const item = (status: string, passed: boolean) => ({
    object: 'eval.run.output_item',
    id: `outputitem_${status}`,
    eval_id: 'eval_1',
    run_id: 'evalrun_1',
    status,
    datasource_item_id: 0,
    datasource_item: { ticket: 'text' },
    results: [{ name: 'label', type: 'string_check', passed, score: passed ? 1 : 0 }],
    sample: null,
  });

  it('reads a list page ({ object: list, data }) as one streamed document', async () => {
    const page = JSON.stringify(
      { object: 'list', data: [item('pass', true), item('fail', false), item('pass', true)], has_more: false },
      null,
      2,
    );
    const result = await importEvalResults(chunked(page, 50));
    expect(result).toMatchObject({ format: 'openai-evals', passed: 2, total: 3 });
  });

  it('reads JSONL of output items, and a compact one-line page', async () => {
    const lines = [item('pass', true), item('fail', false)].map((value) => JSON.stringify(value)).join('\n');
    expect(await importEvalResults(chunked(`${lines}\n`, 64))).toMatchObject({
      format: 'openai-evals',
      passed: 1,
      total: 2,
    });
    const compact = JSON.stringify({ object: 'list', data: [item('fail', false), item('pass', true)] });
    expect(await importEvalResults(chunked(compact, 64))).toMatchObject({
      format: 'openai-evals',
      passed: 1,
      total: 2,
    });
  });
});

describe('importEvalResults on JSONL', () => {
  it('grades pass and score/threshold lines, and counts and skips what it cannot read, as usage import does', async () => {
    const text = [
      '{"pass": true}',
      '{"pass": false}',
      '',
      '{"score": 0.8, "threshold": 0.7}',
      '{"score": 0.7, "threshold": 0.7}',
      '{"score": 0.2, "threshold": 0.7}',
      'not json',
      '{"label": "billing"}',
      '{"pass": true}\r',
    ].join('\n');
    const result = await importEvalResults(chunked(text, 5));
    expect(result).toMatchObject({ format: 'jsonl', passed: 4, total: 6 });
    expect(result.skipped).toEqual({
      count: 2,
      examples: [
        { at: 'line 7', reason: 'not valid JSON' },
        {
          at: 'line 8',
          reason:
            'no verdict (expected pass, score and threshold, a promptfoo success, or an OpenAI Evals output item)',
        },
      ],
    });
  });

  it('skips a first line cut off mid-write, rather than taking the file for a broken JSON document', async () => {
    const result = await importEvalResults(chunked('{"pass": tr\n{"pass": true}\n{"pass": false}\n', 4));
    expect(result).toMatchObject({ format: 'jsonl', passed: 1, total: 2 });
    expect(result.skipped.examples).toEqual([{ at: 'line 1', reason: 'not valid JSON' }]);
  });

  it('finds nothing in an empty file', async () => {
    expect(await importEvalResults(chunked('\n\n', 4))).toMatchObject({ passed: 0, total: 0 });
  });
});

describe('importEvalResults on bad input', () => {
  it('names a missing file', async () => {
    await expect(importEvalResults('/nonexistent/results.json')).rejects.toThrow(
      'eval results not found: /nonexistent/results.json',
    );
  });

  it('puts a malformed document at its line and column, and a truncated one at its end', async () => {
    const broken =
      '{\n  "results": {\n    "results": [\n      {"success": true},\n      {"success": tru}\n    ]\n  }\n}\n';
    const error = await importEvalResults(chunked(broken, 8)).catch((caught: unknown) => caught);
    expect(TunewiseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('eval results:5:22: not valid JSON here');
    const truncated = '{\n  "results": {\n    "results": [\n      {"success": true},\n';
    const cut = await importEvalResults(chunked(truncated, 8)).catch((caught: unknown) => caught);
    expect((cut as Error).message).toBe('eval results:5:1: the JSON document ends before it is complete');
  });

  it('refuses a JSON document that holds no results', async () => {
    await expect(importEvalResults(chunked('{\n  "hello": "world"\n}\n', 8))).rejects.toThrow(
      'a JSON document with no eval results',
    );
  });
});

describe('gradeRecord', () => {
  it('reads each verdict shape and nothing else', () => {
    expect(gradeRecord({ pass: true })).toBe(true);
    expect(gradeRecord({ passed: false })).toBe(false);
    expect(gradeRecord({ success: true })).toBe(true);
    expect(gradeRecord({ score: 3, threshold: 4 })).toBe(false);
    expect(gradeRecord({ object: 'eval.run.output_item', results: [{ passed: true }, { passed: false }] })).toBe(false);
    expect(gradeRecord({ object: 'eval.run.output_item', results: [] })).toBeUndefined();
    expect(gradeRecord({ score: 3 })).toBeUndefined();
    expect(gradeRecord([true])).toBeUndefined();
    expect(gradeRecord('pass')).toBeUndefined();
  });
});
