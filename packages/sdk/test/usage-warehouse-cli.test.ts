import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticUsageLog } from '../src/usage/__fixtures__/synthetic-usage-log.js';
import { assertBuilt, runCli } from './usage-helpers.js';

// The built CLI end to end: the DuckDB engine, and rows a warehouse returned, give the streaming
// importer's output and write the same usage file. The log's p95s sit at each workload's maximum
// (see syntheticUsageLog), where every rank convention and the sketch agree, so the files match byte for byte.
const fixture = fileURLToPath(new URL('../src/usage/__fixtures__/usage-log.jsonl', import.meta.url));
let directory: string;
let log: string;
let starter: string;

beforeAll(async () => {
  assertBuilt();
  directory = await mkdtemp(path.join(tmpdir(), 'tunewise-warehouse-cli-'));
  log = path.join(directory, 'responses.jsonl');
  await writeFile(log, syntheticUsageLog({ count: 2000, seed: 7, p95AtMax: true }).responseLines);
  expect((await runCli(['init', '--as-of', '2026-11-28'], { cwd: directory })).exitCode).toBe(0);
  starter = path.join(directory, 'llm-usage.yml');
}, 60_000);
afterAll(() => rm(directory, { recursive: true, force: true }));

async function runDuckdb(sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** `usage sql` for DuckDB over a log of OpenAI responses, grouped by `metadata.workload`. */
const responsesQuery = (table: string) => [
  'usage',
  'sql',
  '--dialect',
  'duckdb',
  '--source',
  'openai',
  '--table',
  table,
  '--workload-by',
  "response -> 'metadata' ->> 'workload'",
];

/** Runs `usage import ARGS --write COPY` on a fresh copy of the starter usage file; returns the output and the file. */
async function importAndWrite(name: string, args: string[]) {
  const target = path.join(directory, `${name}.yml`);
  await copyFile(starter, target);
  const json = await runCli(['usage', 'import', ...args, '--format', 'json']);
  const write = await runCli(['usage', 'import', ...args, '--write', target]);
  expect(json.exitCode, json.stderr).toBe(0);
  expect(write.exitCode, write.stderr).toBe(0);
  const output = JSON.parse(json.stdout) as { workloads: unknown[]; skipped: unknown };
  return { workloads: output.workloads, written: await readFile(target, 'utf8') };
}

describe('tunewise usage sql, import --engine duckdb and --aggregates (built CLI)', { timeout: 120_000 }, () => {
  it('--engine duckdb and the rows of `usage sql --dialect duckdb` give the streaming numbers and the same --write', async () => {
    const workloadBy = ['--workload-by', 'metadata.workload'];
    const streamed = await importAndWrite('streamed', [log, ...workloadBy]);
    expect(streamed.workloads).toHaveLength(3);
    expect(streamed.written).toContain('# measured 2026-11-08');

    const engine = await importAndWrite('engine', ['--engine', 'duckdb', log, ...workloadBy]);
    expect(engine.workloads).toEqual(streamed.workloads);
    expect(engine.written).toBe(streamed.written);

    // What a warehouse user does: print the query, run it, export the rows, import them.
    const sql = await runCli(responsesQuery(log));
    expect(sql.exitCode).toBe(0);
    const csv = path.join(directory, 'rows.csv');
    const json = path.join(directory, 'rows.json');
    await runDuckdb(`COPY (${sql.stdout.trim()}) TO '${csv}' (FORMAT csv, HEADER)`);
    await runDuckdb(`COPY (${sql.stdout.trim()}) TO '${json}' (FORMAT json, ARRAY true)`);
    for (const [name, rows] of [
      ['csv', csv],
      ['json', json],
    ]) {
      const imported = await importAndWrite(`aggregates-${name}`, ['--aggregates', rows!]);
      expect(imported.workloads).toEqual(streamed.workloads);
      expect(imported.written).toBe(streamed.written);
    }
  }, 120_000);

  it('examples/logs/usage-rows.csv is still what the DuckDB query returns over examples/logs/requests.jsonl', async () => {
    const examples = fileURLToPath(new URL('../examples/logs/', import.meta.url));
    const sql = await runCli(responsesQuery(path.join(examples, 'requests.jsonl')));
    const rows = path.join(directory, 'usage-rows.csv');
    await runDuckdb(`COPY (${sql.stdout.trim()}) TO '${rows}' (FORMAT csv, HEADER)`);
    expect(await readFile(rows, 'utf8')).toBe(await readFile(path.join(examples, 'usage-rows.csv'), 'utf8'));
  }, 60_000);

  it('--engine duckdb reads the hand-written fixture to the same requests and means', async () => {
    const streamed = await runCli(['usage', 'import', fixture, '--format', 'json']);
    const engine = await runCli(['usage', 'import', '--engine', 'duckdb', fixture, '--format', 'json']);
    expect(engine.exitCode).toBe(0);
    const summary = (run: { stdout: string }) =>
      (
        JSON.parse(run.stdout) as {
          workloads: Array<{ id: string; requests: number; tokens: Record<string, { mean: number }> }>;
        }
      ).workloads.map(({ id, requests, tokens }) => ({
        id,
        requests,
        means: Object.values(tokens).map((stat) => stat.mean),
      }));
    expect(summary(engine)).toEqual(summary(streamed));
    const text = await runCli(['usage', 'import', '--engine', 'duckdb', fixture]);
    expect(text.stdout).toContain(`Measured usage from ${fixture}: 2 aggregate rows, 8 requests with token usage.`);
  }, 60_000);

  it('exits 2 naming the package when the optional DuckDB install is missing', async () => {
    const run = await runCli(['usage', 'import', '--engine', 'duckdb', fixture], {
      env: { TUNEWISE_TEST_DUCKDB_PACKAGE: '@tunewise/duckdb-not-installed' },
    });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'tunewise: --engine duckdb needs the optional package @duckdb/node-api, which is not installed: run `npm install @duckdb/node-api` (or use the default streaming engine)\n',
    );
  });

  it('usage sql prints a query for every dialect and exits 2 on a table name or a date that is not one', async () => {
    for (const [dialect, quantile] of [
      ['duckdb', 'quantile_disc('],
      ['clickhouse', 'quantileDD(0.01, 0.95)('],
      ['bigquery', 'APPROX_QUANTILES('],
      ['postgres', 'percentile_disc(0.95)'],
    ]) {
      const run = await runCli(['usage', 'sql', '--dialect', dialect!]);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain(quantile);
    }
    const injected = await runCli(['usage', 'sql', '--dialect', 'postgres', '--table', 'spans; DROP TABLE spans']);
    expect(injected.exitCode).toBe(2);
    expect(injected.stderr).toContain('--table "spans; DROP TABLE spans" is not a table name');
    const since = await runCli(['usage', 'sql', '--dialect', 'clickhouse', '--since', "2026-11-01'--"]);
    expect(since.exitCode).toBe(2);
    expect(since.stderr).toContain('is not a calendar date');
    const dialect = await runCli(['usage', 'sql', '--dialect', 'mysql']);
    expect(dialect.exitCode).toBe(2);
  });

  it('usage import exits 2 on a bad aggregate row, with where and what', async () => {
    const rows = path.join(directory, 'bad.csv');
    await writeFile(
      rows,
      'workload,requests,first_seen,last_seen,input_mean,input_p95,cached_input_mean,cached_input_p95,output_mean,output_p95\nx,many,,,1,1,0,0,1,1\n',
    );
    const run = await runCli(['usage', 'import', '--aggregates', rows]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      `tunewise: ${rows}:2:1: [0].requests: not a request count (expected a whole number of at least 1, found "many").\n`,
    );
    const neither = await runCli(['usage', 'import']);
    expect(neither.exitCode).toBe(2);
    expect(neither.stderr).toContain('give either a log FILE or --aggregates FILE');
  });
});
