import { type Command, Option } from 'commander';
import { SQL_DIALECTS, type SqlDialect, usageSql } from '../../usage/index.js';

interface SqlOptions {
  dialect: SqlDialect;
  source: 'otel' | 'openai' | 'any';
  workloadBy?: string;
  since?: string;
  table?: string;
}

const HELP_AFTER = `
Prints one query computing, per workload: requests, first_seen, last_seen, and the mean and p95 of
input, cached-input and output tokens per request. Run it where your usage lives, export the rows as
CSV or JSON, and read them with \`tunewise usage import --aggregates FILE [--write llm-usage.yml]\`.

Tables read (--table changes the name, not the layout):
  clickhouse  otel: the OpenTelemetry collector ClickHouse exporter's otel_traces (SpanAttributes map,
              Timestamp); openai: a table with a String column "response" holding each response's JSON
  bigquery    otel: a table with start_time TIMESTAMP and attributes JSON (one JSON object of span
              attributes); openai: a table with a JSON column "response"
  postgres    otel: a table with start_time timestamptz and attributes jsonb; openai: a table with a
              jsonb column "response"
  duckdb      a .jsonl/.json/.ndjson log read by read_json_objects (any line usage import reads;
              --source any by default), a .parquet file or a table with one "json" column per record

--workload-by is a TRUSTED SQL expression pasted into the query as written (e.g.
SpanAttributes['app.workload'] in ClickHouse, attributes.app_workload in BigQuery's JSON, or
attributes->>'app.workload' in Postgres): never build it from input you do not control. --table and
--since are validated and quoted.

Examples:
  $ tunewise usage sql --dialect clickhouse --workload-by "SpanAttributes['app.workload']" --since 2026-11-01
  $ tunewise usage sql --dialect postgres --source openai --table logs.openai_responses

Exit codes:
  0  printed
  2  bad input: an unknown dialect, a table name that is not one, a date that is not a day
`;

/** `tunewise usage sql`: the query that measures usage inside a warehouse. */
export function registerUsageSqlCommand(usage: Command): void {
  usage
    .command('sql')
    .description(
      'Print the SQL that measures usage per workload where the logs live (ClickHouse, BigQuery, Postgres, DuckDB)',
    )
    .addOption(new Option('--dialect <dialect>', 'SQL engine').choices([...SQL_DIALECTS]).makeOptionMandatory())
    .addOption(
      new Option(
        '--source <source>',
        'what the rows are: OTel GenAI spans, OpenAI/Anthropic responses, or (duckdb) any log line',
      ).choices(['otel', 'openai', 'any']),
    )
    .option('--workload-by <expression>', 'TRUSTED SQL expression naming the workload; default: the model')
    .option('--since <date>', 'only requests on or after this day, YYYY-MM-DD (UTC)')
    .option('--table <name>', 'table to read (duckdb: or a .jsonl/.parquet file); default per dialect, see below')
    .addHelpText('after', HELP_AFTER)
    .action((options: SqlOptions) => {
      process.stdout.write(
        usageSql({
          dialect: options.dialect,
          ...(options.source === undefined ? {} : { source: options.source }),
          ...(options.workloadBy === undefined ? {} : { workloadBy: options.workloadBy }),
          ...(options.since === undefined ? {} : { since: options.since }),
          ...(options.table === undefined ? {} : { table: options.table }),
        }),
      );
    });
}
