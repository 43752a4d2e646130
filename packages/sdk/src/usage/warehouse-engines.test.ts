import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { Session } from 'chdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { p95Neighbourhood, type SyntheticCall, syntheticUsageLog } from './__fixtures__/synthetic-usage-log.js';
import { importUsageWithDuckdb } from './duckdb-engine.js';
import { type AggregateRow, measureAggregateRows } from './import-aggregates.js';
import { importUsageLog, type UsageImportResult } from './import-log.js';
import type { MeasuredWorkload } from './meter.js';
import { type SqlDialect, usageSql } from './warehouse-sql.js';

// The queries `tunewise usage sql` prints, run in real engines (DuckDB, ClickHouse through chDB, Postgres
// through PGlite) over the same logs the streaming importer reads; every engine must give its numbers.
const fixture = fileURLToPath(new URL('./__fixtures__/usage-log.jsonl', import.meta.url));
const log = syntheticUsageLog({ count: 3000, seed: 13 });
let directory: string;
let spanFile: string;
let responseFile: string;
let mixedFile: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'tunewise-warehouse-'));
  spanFile = path.join(directory, 'spans.jsonl');
  responseFile = path.join(directory, 'responses.jsonl');
  mixedFile = path.join(directory, 'mixed.jsonl');
  await writeFile(spanFile, log.spanLines);
  await writeFile(responseFile, log.responseLines);
  await writeFile(mixedFile, log.spanLines + log.responseLines);
}, 60_000);
afterAll(() => rm(directory, { recursive: true, force: true }));

const byId = (workloads: readonly MeasuredWorkload[]) => new Map(workloads.map((workload) => [workload.id, workload]));

/**
 * The documented bound: requests, first and last request exactly; means to 0.1%; each p95 (the
 * engine's and the sketch's, within 1%) lies between the exact values one rank either side of the
 * 95th percentile rank, since engines round that rank differently (floor, nearest, ceiling).
 */
function expectAgreement(
  streamed: UsageImportResult,
  engine: readonly MeasuredWorkload[],
  calls?: readonly SyntheticCall[],
  workloadOf: (call: SyntheticCall) => string = (call) => call.model,
) {
  const fromEngine = byId(engine);
  expect([...fromEngine.keys()].sort()).toEqual(streamed.workloads.map((workload) => workload.id).sort());
  for (const workload of streamed.workloads) {
    const other = fromEngine.get(workload.id)!;
    expect(other.requests).toBe(workload.requests);
    expect(other.firstSeen).toBe(workload.firstSeen);
    expect(other.lastSeen).toBe(workload.lastSeen);
    expect(other.requestsPerMonth).toBe(workload.requestsPerMonth);
    expect(other.model).toBe(workload.model);
    expect(other.provider).toBe(workload.provider);
    for (const name of ['input', 'cachedInput', 'output'] as const) {
      const mean = workload.tokens[name].mean;
      expect(Math.abs(other.tokens[name].mean - mean)).toBeLessThanOrEqual(Math.max(0.1, mean * 0.001));
      if (calls === undefined) continue;
      const values = calls
        .filter((call) => workloadOf(call) === workload.id)
        .map((call) => (name === 'input' ? call.input : name === 'cachedInput' ? call.cached : call.output));
      const { low, high } = p95Neighbourhood(values);
      for (const p95 of [workload.tokens[name].p95, other.tokens[name].p95]) {
        expect(p95).toBeGreaterThanOrEqual(Math.floor(low * 0.99));
        expect(p95).toBeLessThanOrEqual(Math.ceil(high * 1.01));
      }
    }
  }
}

const measureRows = (rows: AggregateRow[]) =>
  measureAggregateRows(rows.map((row) => ({ row, location: { file: 'engine', line: 0 } }))).workloads;

describe('the DuckDB query in DuckDB', { timeout: 60_000 }, () => {
  async function runDuckdb(sql: string): Promise<AggregateRow[]> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjectsJson();
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  it('agrees with the streaming importer on the hand-written fixture, by model and by a field', async () => {
    for (const workloadBy of [undefined, 'metadata.workload', 'attributes.app.workload']) {
      const streamed = await importUsageLog(fixture, workloadBy === undefined ? {} : { workloadBy });
      const viaEngine = await importUsageWithDuckdb(fixture, workloadBy === undefined ? {} : { workloadBy });
      expectAgreement(streamed, viaEngine.workloads);
      expect(viaEngine.records).toBe(streamed.records);
      // The same caveats: short windows, and records without the workload field.
      expect([...viaEngine.warnings].sort()).toEqual([...streamed.warnings].sort());
    }
  });

  it('agrees on 6,000 generated spans and responses (OTLP batches included), p95 within one rank', async () => {
    const calls = [...log.spans, ...log.responses];
    const streamed = await importUsageLog(mixedFile);
    expectAgreement(streamed, (await importUsageWithDuckdb(mixedFile)).workloads, calls);

    const byField = await importUsageLog(spanFile, { workloadBy: 'attributes.app.workload' });
    const rows = await runDuckdb(
      usageSql({ dialect: 'duckdb', source: 'otel', file: spanFile, workloadPath: 'attributes.app.workload' }),
    );
    expectAgreement(byField, measureRows(rows), log.spans, (call) => call.workload);

    const responses = await importUsageLog(responseFile, { workloadBy: 'metadata.workload' });
    const responseRows = await runDuckdb(
      usageSql({ dialect: 'duckdb', source: 'openai', table: responseFile, workloadPath: 'metadata.workload' }),
    );
    expectAgreement(responses, measureRows(responseRows), log.responses, (call) => call.workload);
  });

  it('reads a Parquet file of the same records (written by DuckDB COPY) to the same numbers', async () => {
    const parquet = path.join(directory, 'mixed.parquet');
    await runDuckdb(
      `COPY (SELECT json FROM read_json_objects('${mixedFile}', format = 'newline_delimited')) TO '${parquet}' (FORMAT parquet)`,
    );
    const fromJsonl = await importUsageWithDuckdb(mixedFile);
    const fromParquet = await importUsageWithDuckdb(parquet);
    expect(fromParquet.workloads).toEqual(fromJsonl.workloads);
  });

  it('applies --since on the request time', async () => {
    const rows = await runDuckdb(usageSql({ dialect: 'duckdb', file: mixedFile, since: '2026-11-04' }));
    const sinceMs = Date.UTC(2026, 10, 4);
    const expected = [...log.spans, ...log.responses].filter((call) => call.atMs >= sinceMs).length;
    expect(rows.reduce((sum, row) => sum + Number(row.requests), 0)).toBe(expected);
  });
});

/** Which column a dialect's layout reads the workload from, for a `--workload-by` expression. */
const WORKLOAD_EXPRESSIONS: Partial<Record<SqlDialect, { otel: string; openai: string }>> = {
  clickhouse: { otel: "SpanAttributes['app.workload']", openai: "JSONExtractString(response, 'metadata', 'workload')" },
  postgres: { otel: "attributes ->> 'app.workload'", openai: "response -> 'metadata' ->> 'workload'" },
};

describe('the ClickHouse query in ClickHouse (chDB, the ClickHouse engine in-process)', { timeout: 60_000 }, () => {
  let session: Session;
  beforeAll(() => {
    session = new Session();
    // The OpenTelemetry collector ClickHouse exporter's otel_traces, trimmed to the columns the query reads
    // (github.com/open-telemetry/opentelemetry-collector-contrib/tree/main/exporter/clickhouseexporter).
    session.query(`CREATE TABLE otel_traces (
      Timestamp DateTime64(9) CODEC(Delta, ZSTD(1)),
      SpanName LowCardinality(String),
      SpanAttributes Map(LowCardinality(String), String)
    ) ENGINE = MergeTree ORDER BY Timestamp`);
    session.query('CREATE TABLE openai_responses (response String) ENGINE = MergeTree ORDER BY tuple()');
    const spanRows = log.spans.map((call) =>
      JSON.stringify({
        Timestamp: new Date(call.atMs).toISOString().replace('T', ' ').replace('Z', ''),
        SpanName: `chat ${call.model}`,
        SpanAttributes: {
          'gen_ai.provider.name': call.provider,
          'gen_ai.request.model': call.model,
          'app.workload': call.workload,
          'gen_ai.usage.input_tokens': String(call.input),
          'gen_ai.usage.cache_read.input_tokens': String(call.cached),
          'gen_ai.usage.output_tokens': String(call.output),
        },
      }),
    );
    session.query(`SET session_timezone = 'UTC'`);
    session.query(`INSERT INTO otel_traces FORMAT JSONEachRow ${spanRows.join('\n')}`);
    const responseRows = log.responseLines
      .trim()
      .split('\n')
      .map((line) => JSON.stringify({ response: line }));
    session.query(`INSERT INTO openai_responses FORMAT JSONEachRow ${responseRows.join('\n')}`);
  }, 60_000);
  afterAll(() => session?.cleanup?.());

  const run = (sql: string) =>
    session
      .query(sql, 'JSONEachRow')
      .trim()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as AggregateRow);

  it('agrees with the streaming importer over the exporter table, by model and by workload', async () => {
    expectAgreement(await importUsageLog(spanFile), measureRows(run(usageSql({ dialect: 'clickhouse' }))), log.spans);
    const byField = await importUsageLog(spanFile, { workloadBy: 'attributes.app.workload' });
    const rows = run(usageSql({ dialect: 'clickhouse', workloadBy: WORKLOAD_EXPRESSIONS.clickhouse!.otel }));
    expectAgreement(byField, measureRows(rows), log.spans, (call) => call.workload);
  });

  it('agrees over OpenAI and Anthropic response objects', async () => {
    const streamed = await importUsageLog(responseFile, { workloadBy: 'metadata.workload' });
    const rows = run(
      usageSql({ dialect: 'clickhouse', source: 'openai', workloadBy: WORKLOAD_EXPRESSIONS.clickhouse!.openai }),
    );
    expectAgreement(streamed, measureRows(rows), log.responses, (call) => call.workload);
  });
});

describe('the Postgres query in Postgres (PGlite, Postgres compiled to WebAssembly)', { timeout: 60_000 }, () => {
  let database: PGlite;
  beforeAll(async () => {
    database = new PGlite();
    await database.exec(`
      CREATE TABLE spans (start_time timestamptz NOT NULL, name text, attributes jsonb NOT NULL);
      CREATE TABLE openai_responses (response jsonb NOT NULL);`);
    for (const call of log.spans) {
      await database.query('INSERT INTO spans VALUES ($1, $2, $3)', [
        new Date(call.atMs).toISOString(),
        `chat ${call.model}`,
        JSON.stringify({
          'gen_ai.provider.name': call.provider,
          'gen_ai.request.model': call.model,
          'app.workload': call.workload,
          'gen_ai.usage.input_tokens': call.input,
          'gen_ai.usage.cache_read.input_tokens': call.cached,
          'gen_ai.usage.output_tokens': call.output,
        }),
      ]);
    }
    for (const line of log.responseLines.trim().split('\n')) {
      await database.query('INSERT INTO openai_responses VALUES ($1)', [line]);
    }
  }, 120_000);
  afterAll(() => database?.close());

  const run = async (sql: string) => (await database.query<AggregateRow>(sql)).rows;

  it('agrees with the streaming importer over spans and over responses', async () => {
    expectAgreement(
      await importUsageLog(spanFile),
      measureRows(await run(usageSql({ dialect: 'postgres' }))),
      log.spans,
    );
    const byField = await importUsageLog(spanFile, { workloadBy: 'attributes.app.workload' });
    const rows = await run(usageSql({ dialect: 'postgres', workloadBy: WORKLOAD_EXPRESSIONS.postgres!.otel }));
    expectAgreement(byField, measureRows(rows), log.spans, (call) => call.workload);
    const responses = await importUsageLog(responseFile, { workloadBy: 'metadata.workload' });
    const responseRows = await run(
      usageSql({ dialect: 'postgres', source: 'openai', workloadBy: WORKLOAD_EXPRESSIONS.postgres!.openai }),
    );
    expectAgreement(responses, measureRows(responseRows), log.responses, (call) => call.workload);
  });

  it('counts only requests since the given day', async () => {
    const rows = await run(usageSql({ dialect: 'postgres', since: '2026-11-04' }));
    const expected = log.spans.filter((call) => call.atMs >= Date.UTC(2026, 10, 4)).length;
    expect(rows.reduce((sum, row) => sum + Number(row.requests), 0)).toBe(expected);
  });
});
