import { init as initSqlParser, parse as parseSql } from '@guanmingchiu/sqlparser-ts';
import { TunewiseError } from '@tunewise/core';
import { parse as parsePostgres } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { SQL_DIALECTS, type SqlDialect, type UsageSqlOptions, usageSql } from './warehouse-sql.js';

// Real parsers: libpg-query is Postgres's own parser (compiled to WebAssembly); sqlparser-ts is
// datafusion-sqlparser-rs, whose BigQuery, ClickHouse and DuckDB dialects follow each engine's grammar.
// ClickHouse, Postgres and DuckDB also run these queries for real in warehouse-engines.test.ts; BigQuery
// cannot run here, so its parse is the check.
const PARSER_DIALECT: Record<Exclude<SqlDialect, 'postgres'>, Parameters<typeof parseSql>[1]> = {
  duckdb: 'duckdb',
  clickhouse: 'clickhouse',
  bigquery: 'bigquery',
};

beforeAll(async () => {
  await initSqlParser();
});

async function expectParses(options: UsageSqlOptions): Promise<void> {
  const sql = usageSql(options);
  if (options.dialect === 'postgres') {
    const tree = await parsePostgres(sql);
    expect(tree.stmts).toHaveLength(1);
  } else {
    expect(parseSql(sql, PARSER_DIALECT[options.dialect])).toHaveLength(1);
  }
}

describe('usageSql', { timeout: 60_000 }, () => {
  it.each(SQL_DIALECTS)(
    'writes one statement %s parses, for each source, with and without options',
    async (dialect) => {
      const sources = dialect === 'duckdb' ? (['otel', 'openai', 'any'] as const) : (['otel', 'openai'] as const);
      for (const source of sources) {
        await expectParses({ dialect, source });
        await expectParses({ dialect, source, since: '2026-11-01', table: 'analytics.llm_calls' });
      }
      const workloadBy: Record<SqlDialect, string> = {
        duckdb: "attributes ->> 'app.workload'",
        clickhouse: "SpanAttributes['app.workload']",
        bigquery: 'JSON_VALUE(attributes, \'$."app.workload"\')',
        postgres: "attributes ->> 'app.workload'",
      };
      await expectParses({ dialect, workloadBy: workloadBy[dialect] });
    },
  );

  it('has parsers that reject what their engine would', async () => {
    await expect(parsePostgres('SELECT quantile_disc(x, 0.95) FROM t WHERE')).rejects.toThrow();
    expect(() => parseSql('SELECT count(* FROM t', 'clickhouse')).toThrow();
    expect(() => parseSql('SELECT a FROM t GROUP', 'bigquery')).toThrow();
  });

  it("uses each engine's own quantile function", () => {
    expect(usageSql({ dialect: 'duckdb' })).toContain('quantile_disc(input_tokens, 0.95)');
    expect(usageSql({ dialect: 'clickhouse' })).toContain('quantileDD(0.01, 0.95)(input_tokens)');
    expect(usageSql({ dialect: 'bigquery' })).toContain('APPROX_QUANTILES(input_tokens, 100)[OFFSET(95)]');
    expect(usageSql({ dialect: 'postgres' })).toContain('percentile_disc(0.95) WITHIN GROUP (ORDER BY input_tokens)');
  });

  it('reads the documented layouts: the ClickHouse exporter map, JSON attribute columns, a DuckDB file', () => {
    const clickhouse = usageSql({ dialect: 'clickhouse' });
    expect(clickhouse).toContain("toFloat64OrNull(SpanAttributes['gen_ai.usage.input_tokens'])");
    expect(clickhouse).toContain('FROM `otel_traces`');
    expect(usageSql({ dialect: 'bigquery', table: 'my-project.otel.spans' })).toContain('FROM `my-project.otel.spans`');
    expect(usageSql({ dialect: 'postgres', source: 'openai' })).toContain(`(response #>> '{"usage","prompt_tokens"}')`);
    expect(usageSql({ dialect: 'duckdb', table: "it's.jsonl" })).toContain(`read_json_objects('it''s.jsonl'`);
    expect(usageSql({ dialect: 'duckdb', table: 'export/*.parquet' })).toContain(`read_parquet('export/*.parquet')`);
  });

  it('never pastes a table name or a date it has not validated', () => {
    const rejects = (options: UsageSqlOptions, message: RegExp) => {
      let thrown: unknown;
      try {
        usageSql(options);
      } catch (error) {
        thrown = error;
      }
      expect(TunewiseError.isInstance(thrown)).toBe(true);
      expect((thrown as Error).message).toMatch(message);
    };
    for (const dialect of SQL_DIALECTS) {
      rejects({ dialect, table: 'spans; DROP TABLE spans' }, /is not a table name/);
      rejects({ dialect, table: 'spans"--' }, /is not a table name/);
      rejects({ dialect, table: 'a.b.c.d' }, /is not a table name/);
      rejects({ dialect, since: "2026-11-01' OR 1=1 --" }, /is not a calendar date/);
      rejects({ dialect, since: '2026-02-30' }, /is not a calendar date/);
    }
    rejects({ dialect: 'postgres', source: 'any' }, /--dialect duckdb only/);
    // A hyphen only in a BigQuery project id; elsewhere it is not part of a name.
    expect(usageSql({ dialect: 'bigquery', table: 'my-project.otel.spans' })).toContain('`my-project.otel.spans`');
    rejects({ dialect: 'postgres', table: 'my-schema.spans' }, /is not a table name/);
  });

  it('pastes --workload-by as written: it is a trusted expression', () => {
    expect(usageSql({ dialect: 'clickhouse', workloadBy: "SpanAttributes['app.workload']" })).toContain(
      "coalesce(nullif(toString((SpanAttributes['app.workload'])), ''), 'unknown') AS workload",
    );
  });

  it('quotes a dotted workload path for DuckDB instead of pasting it', () => {
    const sql = usageSql({ dialect: 'duckdb', file: 'log.jsonl', workloadPath: `metadata.it's"` });
    expect(sql).toContain(`'$."metadata"."it''s\\""'`);
  });
});
