import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TunewiseError } from '@tunewise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateTimestampMs, importUsageAggregates } from './import-aggregates.js';
import { toUsageImportJson } from './import-log.js';

// Rows as each engine exports them; the figures are those of the hand-written fixture's gpt-4.1-mini
// workload (usage-log.jsonl: 5 requests over 7 days, input mean 3000, exact p95 3200).
const HEADER =
  'workload,model,provider,requests,first_seen,last_seen,input_mean,input_p95,cached_input_mean,cached_input_p95,output_mean,output_p95';
const CSV = `${HEADER}\ngpt-4.1-mini,gpt-4.1-mini,openai,5,2026-11-01 00:00:00,2026-11-08 00:00:00,3000,3200,1600,2000,200,300\n`;

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'tunewise-aggregates-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

async function importText(name: string, text: string) {
  const file = path.join(directory, name);
  await writeFile(file, text);
  return importUsageAggregates(file);
}

async function errorOf(name: string, text: string): Promise<Error> {
  try {
    await importText(name, text);
  } catch (error) {
    expect(TunewiseError.isInstance(error)).toBe(true);
    return error as Error;
  }
  throw new Error('expected an error');
}

const expected = {
  workloads: [
    {
      id: 'gpt-4.1-mini',
      requests: 5,
      firstSeen: '2026-11-01T00:00:00.000Z',
      lastSeen: '2026-11-08T00:00:00.000Z',
      requestsPerMonth: 22,
      tokens: {
        input: { mean: 3000, p95: 3200 },
        cachedInput: { mean: 1600, p95: 2000 },
        output: { mean: 200, p95: 300 },
      },
    },
  ],
  skipped: { count: 0, examples: [] },
};

describe('importUsageAggregates', { timeout: 60_000 }, () => {
  it('reads CSV, a JSON array, ClickHouse FORMAT JSON and JSON lines to the same measurements', async () => {
    const row = {
      workload: 'gpt-4.1-mini',
      model: 'gpt-4.1-mini',
      provider: 'openai',
      requests: '5', // ClickHouse and DuckDB print 64-bit integers as strings in JSON
      first_seen: '2026-11-01T00:00:00Z',
      last_seen: '2026-11-08 00:00:00 UTC',
      input_mean: 3000,
      input_p95: 3200,
      cached_input_mean: 1600,
      cached_input_p95: 2000,
      output_mean: 200,
      output_p95: 300,
    };
    const csv = await importText('rows.csv', CSV);
    expect(toUsageImportJson(csv)).toEqual(expected);
    expect(csv.records).toBe(5);
    expect(csv.aggregateRows).toBe(1);
    expect(csv.workloads[0]).toMatchObject({ model: 'gpt-4.1-mini', provider: 'openai' });
    for (const [name, text] of [
      ['rows.json', JSON.stringify([row], null, 2)],
      ['clickhouse.json', JSON.stringify({ meta: [], data: [row], rows: 1 })],
      ['rows.ndjson', `${JSON.stringify(row)}\n${JSON.stringify({ ...row, workload: 'other' })}\n`],
    ] as const) {
      const result = await importText(name, text);
      expect(toUsageImportJson(result).workloads[0]).toEqual(expected.workloads[0]);
    }
  });

  it('reads every engine’s timestamp text as UTC', () => {
    const midnight = Date.UTC(2026, 10, 1);
    for (const text of [
      '2026-11-01 00:00:00', // DuckDB TIMESTAMP
      '2026-11-01 00:00:00.000000000', // ClickHouse DateTime64(9) in UTC
      '2026-11-01 00:00:00+00', // Postgres timestamptz
      '2026-11-01 01:00:00+01:00',
      '2026-11-01 00:00:00 UTC', // BigQuery CSV
      '2026-11-01T00:00:00Z', // BigQuery JSON
    ]) {
      expect(aggregateTimestampMs(text)).toBe(midnight);
    }
    expect(aggregateTimestampMs('yesterday')).toBeUndefined();
  });

  it('points at the file, line, column and field of a bad value, with what it expected', async () => {
    const bad = await errorOf(
      'bad.json',
      '[\n  {"workload": "a", "requests": 0, "first_seen": null, "last_seen": null,\n   "input_mean": -1, "input_p95": 1, "cached_input_mean": 0, "cached_input_p95": 0, "output_mean": 0, "output_p95": 0}\n]',
    );
    expect(bad.message).toContain(
      `${path.join(directory, 'bad.json')}:2:33: [0].requests: not a request count (expected a whole number of at least 1, found 0).`,
    );

    const csvBad = await errorOf('bad.csv', `${HEADER}\nx,,,3,2026-11-01 00:00:00,not a time,1,1,0,0,1,1\n`);
    expect(csvBad.message).toContain(':2:1: [0].last_seen: not a timestamp');
    expect(csvBad.message).toContain('found "not a time"');
  });

  it('names a missing column and the close one that was meant', async () => {
    const error = await errorOf('typo.csv', CSV.replace('input_p95', 'input_p59'));
    expect(error.message).toContain('missing column input_p95');
    expect(error.message).toContain('Did you mean input_p59 → input_p95?');
  });

  it('rejects a workload given twice, a file that is not JSON, and a missing file', async () => {
    expect((await errorOf('twice.csv', `${CSV}${CSV.split('\n')[1]}\n`)).message).toContain('appears twice');
    expect((await errorOf('broken.json', '[{"workload": "a",')).message).toMatch(/broken\.json:1:\d+: not valid JSON/);
    await expect(importUsageAggregates(path.join(directory, 'nope.csv'))).rejects.toThrow('aggregates file not found');
  });
});
