import { Readable } from 'node:stream';
import { TunewiseError } from '@tunewise/core';
import { describe, expect, it } from 'vitest';
import { importUsageLog, toEpochMilliseconds, toUsageImportJson } from './import-log.js';
import { UsageLogError } from './usage-log-error.js';

const fixture = new URL('./__fixtures__/usage-log.jsonl', import.meta.url);

describe('importUsageLog', () => {
  it('groups by model, reads every supported shape and reports unreadable lines without stopping', async () => {
    const progress: number[] = [];
    const result = await importUsageLog(fixture, { onProgress: ({ lines }) => progress.push(lines) });
    expect(result.lines).toBe(13);
    expect(result.records).toBe(8);
    expect(progress.at(-1)).toBe(13);
    expect(toUsageImportJson(result)).toEqual({
      workloads: [
        {
          id: 'gpt-4.1-mini',
          requests: 5,
          firstSeen: '2026-11-01T00:00:00.000Z',
          lastSeen: '2026-11-08T00:00:00.000Z',
          requestsPerMonth: 22, // 5 / 7 days × 30.4375
          // p95 is the value at rank floor(0.95 × (n − 1)) of the sorted values, from the sketch within 1%:
          // input 2600..3400 → 3200 exact, 3198 sketched; output 0..400 → 300 exact, 302 sketched.
          tokens: {
            input: { mean: 3000, p95: 3198 },
            cachedInput: { mean: 1600, p95: 2000 },
            output: { mean: 200, p95: 302 },
          },
        },
        {
          id: 'claude-sonnet-4-5',
          requests: 3,
          firstSeen: '2026-11-02T00:00:00.000Z',
          lastSeen: '2026-11-03T00:00:00.000Z',
          requestsPerMonth: 91, // 3 / 1 day × 30.4375
          // Anthropic input = 100 + 500 cache writes + 1400 cache reads = 2000. Exact p95s 3000, 1400, 150.
          tokens: {
            input: { mean: 3333.3, p95: 3012 },
            cachedInput: { mean: 1800, p95: 1408 },
            output: { mean: 150, p95: 150 },
          },
        },
      ],
      skipped: {
        count: 4,
        examples: [
          { line: 9, reason: 'not valid JSON' },
          { line: 10, reason: 'not a JSON object' },
          { line: 11, reason: 'no token usage (no `usage` object, no gen_ai.usage.* span attributes)' },
          { line: 12, reason: 'not valid JSON' },
        ],
      },
    });
    expect(result.workloads[1]).toMatchObject({ model: 'claude-sonnet-4-5', provider: 'anthropic' });
    expect(result.warnings).toEqual([]);
  });

  it('groups by a dotted path, on response objects and on span attributes', async () => {
    const byMetadata = await importUsageLog(fixture, { workloadBy: 'metadata.workload' });
    expect(byMetadata.workloads.map(({ id, requests }) => [id, requests])).toEqual([
      ['triage', 4],
      ['summaries', 1],
      ['unknown', 3],
    ]);
    expect(byMetadata.warnings[0]).toBe(
      '3 records had no `metadata.workload`; they are grouped as workload "unknown".',
    );

    const byAttribute = await importUsageLog(fixture, { workloadBy: 'attributes.app.workload' });
    expect(byAttribute.workloads.map(({ id, requests }) => [id, requests])).toEqual([
      ['unknown', 6],
      ['triage', 1],
      ['summaries', 1],
    ]);
  });

  it('reads a stream whose chunks split lines and multi-byte characters, and an OTLP batch line', async () => {
    const line = (model: string) =>
      JSON.stringify({
        object: 'chat.completion',
        created: 1_793_491_200,
        model,
        usage: { prompt_tokens: 10, completion_tokens: 2 },
      });
    const batch = JSON.stringify({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [1, 2].map((index) => ({
                spanId: `s${index}`,
                startTimeUnixNano: 1_793_491_200_000_000_000 + index * 7_200_000_000_000,
                attributes: [
                  { key: 'gen_ai.request.model', value: { stringValue: 'mistral-small' } },
                  { key: 'gen_ai.usage.input_tokens', value: { intValue: '40' } },
                ],
              })),
            },
          ],
        },
      ],
    });
    const bytes = Buffer.from(`${line('modèle-é')}\n${line('modèle-é')}\n${batch}`);
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; offset += 7) chunks.push(bytes.subarray(offset, offset + 7));
    const result = await importUsageLog(Readable.from(chunks));
    expect(result.bytesRead).toBe(bytes.length);
    expect(result.workloads.map(({ id, requests }) => [id, requests])).toEqual([
      ['modèle-é', 2],
      ['mistral-small', 2],
    ]);
    expect(result.workloads[1]).toMatchObject({ windowDays: 0.0833, requestsPerMonth: 731, extrapolated: true });
    expect(result.skipped.count).toBe(0);
  });

  it('keeps only the first examples of many bad lines', async () => {
    const result = await importUsageLog(Readable.from(['{\n'.repeat(12)]));
    expect(result.skipped.count).toBe(12);
    expect(result.skipped.examples.map((example) => example.line)).toEqual([1, 2, 3, 4, 5]);
    expect(result.workloads).toEqual([]);
  });

  it('fails clearly for a missing file', async () => {
    const error = await importUsageLog('/nonexistent/usage.jsonl').catch((caught: unknown) => caught);
    expect(UsageLogError.isInstance(error)).toBe(true);
    expect(TunewiseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ name: 'UsageLogError', source: '/nonexistent/usage.jsonl' });
    expect((error as Error).message).toBe('usage log not found: /nonexistent/usage.jsonl');
  });

  it('fails with UsageLogError for a directory', async () => {
    const error = await importUsageLog(import.meta.dirname).catch((caught: unknown) => caught);
    expect(UsageLogError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('usage log is a directory');
  });
});

describe('toEpochMilliseconds', () => {
  it('reads seconds, milliseconds, microseconds, nanoseconds and ISO strings', () => {
    const expected = Date.UTC(2026, 10, 1);
    for (const value of [
      1_793_491_200,
      1_793_491_200_000,
      1_793_491_200_000_000,
      '1793491200000000000',
      '2026-11-01T00:00:00Z',
    ]) {
      expect(toEpochMilliseconds(value)).toBe(expected);
    }
    expect(toEpochMilliseconds('yesterday')).toBeUndefined();
    expect(toEpochMilliseconds(null)).toBeUndefined();
    expect(toEpochMilliseconds(-5)).toBeUndefined();
  });
});
