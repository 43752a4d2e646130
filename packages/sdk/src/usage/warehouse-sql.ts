import { isValidDate, TunewiseError } from '@tunewise/core';
import { OTEL_ATTRIBUTES } from './usage-shapes.js';

/** SQL engines `tunewise usage sql` writes a query for. */
export const SQL_DIALECTS = ['duckdb', 'clickhouse', 'bigquery', 'postgres'] as const;
/** A SQL engine `tunewise usage sql` writes for: `duckdb`, `clickhouse`, `bigquery` or `postgres`. */
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/**
 * What the rows are: OpenTelemetry GenAI spans, OpenAI (or Anthropic) response objects, or, in DuckDB
 * over a JSONL log, any line `usage import` reads (spans, OTLP batches and responses mixed).
 */
export const USAGE_SQL_SOURCES = ['otel', 'openai', 'any'] as const;
/** What a query's rows are: `otel` spans, `openai` response objects, or (DuckDB over a log) `any` line. */
export type UsageSqlSource = (typeof USAGE_SQL_SOURCES)[number];

/** Options of {@link usageSql}. */
export interface UsageSqlOptions {
  dialect: SqlDialect;
  /** Default `otel` (`any` in DuckDB reading a log file). */
  source?: UsageSqlSource;
  /**
   * A TRUSTED SQL expression naming each row's workload, pasted into the query as written (it is
   * code, like the rest of the query you run). Default: the model.
   */
  workloadBy?: string;
  /**
   * A dotted field path naming the workload, read the way `usage import --workload-by` reads it (on a
   * span also as an attribute name). Quoted, never pasted; only for DuckDB over a log file.
   */
  workloadPath?: string;
  /** Only requests on or after this day (YYYY-MM-DD, UTC). */
  since?: string;
  /**
   * The table (`name`, `schema.name` or `project.dataset.name`), or in DuckDB a `.jsonl`, `.json`,
   * `.ndjson` or `.parquet` file (globs allowed). Default: see {@link DEFAULT_TABLES}.
   */
  table?: string;
  /** DuckDB only: read this file whatever its name, as Parquet when it ends in `.parquet`, else as JSON lines. */
  file?: string;
}

/** The table each dialect reads when `--table` is not given, per source. */
export const DEFAULT_TABLES: Readonly<Record<SqlDialect, Readonly<Record<'otel' | 'openai', string>>>> = {
  duckdb: { otel: 'spans.jsonl', openai: 'responses.jsonl' },
  clickhouse: { otel: 'otel_traces', openai: 'openai_responses' },
  bigquery: { otel: 'otel.spans', openai: 'otel.openai_responses' },
  postgres: { otel: 'spans', openai: 'openai_responses' },
};

/** The columns every query returns, in order; `usage import --aggregates` reads these names. */
export const AGGREGATE_COLUMNS = [
  'workload',
  'model',
  'provider',
  'requests',
  'first_seen',
  'last_seen',
  'input_mean',
  'input_p95',
  'cached_input_mean',
  'cached_input_p95',
  'output_mean',
  'output_p95',
] as const;

const usageSqlError = (message: string) => new TunewiseError({ name: 'UsageSqlError', message });

const FILE_PATTERN = /\.(jsonl|ndjson|json|parquet)(\.gz|\.zst)?$/i;
const IDENTIFIER_PART = /^[A-Za-z_][A-Za-z0-9_]*$/;
// BigQuery project ids may hold hyphens (`my-project.dataset.table`).
const BIGQUERY_PROJECT = /^[a-z][a-z0-9-]*[a-z0-9]$/;

/** A string literal: single quotes doubled, the one escape every dialect here shares. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** How a dialect reads JSON values, aggregates and names tables; the query's shape is shared. */
interface Dialect {
  /** A JSON value's number at a key path, NULL when missing or not a number (numeric strings count). */
  jsonNumber(json: string, path: readonly string[]): string;
  /** A JSON value's scalar as text at a key path, NULL when missing. */
  jsonText(json: string, path: readonly string[]): string;
  /** The 95th percentile of `expression` over the group. */
  p95(expression: string): string;
  /** The value of `value` on the group's earliest row (by `order`) where it is not NULL. */
  earliest(value: string, order: string): string;
  /** Text of a scalar expression. */
  text(expression: string): string;
  quoteIdentifier(part: string): string;
  /** Epoch milliseconds of a timestamp expression. */
  timestamp(millisecondsExpression: string): string;
  /** The start of a UTC day as this dialect's timestamp literal. */
  dayStart(day: string): string;
  floatType: string;
}

const jsonPathOf = (path: readonly string[]) =>
  literal(`$${path.map((key) => `."${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join('')}`);

const duckdb: Dialect = {
  jsonNumber: (json, path) => `TRY_CAST(json_extract_string(${json}, ${jsonPathOf(path)}) AS DOUBLE)`,
  jsonText: (json, path) => `json_extract_string(${json}, ${jsonPathOf(path)})`,
  p95: (expression) => `quantile_disc(${expression}, 0.95)`,
  earliest: (value, order) => `arg_min(${value}, ${order}) FILTER (WHERE ${value} IS NOT NULL)`,
  text: (expression) => `CAST(${expression} AS VARCHAR)`,
  quoteIdentifier: (part) => `"${part}"`,
  timestamp: (milliseconds) => `make_timestamp(CAST(${milliseconds} * 1000 AS BIGINT))`,
  dayStart: (day) => `TIMESTAMP ${literal(`${day} 00:00:00`)}`,
  floatType: 'DOUBLE',
};

const clickhouse: Dialect = {
  jsonNumber: (json, path) => `JSONExtract(${json}, ${path.map(literal).join(', ')}, 'Nullable(Float64)')`,
  jsonText: (json, path) => `nullIf(JSONExtractString(${json}, ${path.map(literal).join(', ')}), '')`,
  p95: (expression) => `quantileDD(0.01, 0.95)(${expression})`,
  earliest: (value, order) => `argMinIf(${value}, ${order}, ${value} IS NOT NULL)`,
  text: (expression) => `toString(${expression})`,
  quoteIdentifier: (part) => `\`${part}\``,
  timestamp: (milliseconds) => `fromUnixTimestamp64Milli(toInt64(${milliseconds}), 'UTC')`,
  dayStart: (day) => `toDateTime64(${literal(`${day} 00:00:00`)}, 9, 'UTC')`,
  floatType: 'Float64',
};

const bigquery: Dialect = {
  jsonNumber: (json, path) => `SAFE_CAST(JSON_VALUE(${json}, ${jsonPathOf(path)}) AS FLOAT64)`,
  jsonText: (json, path) => `JSON_VALUE(${json}, ${jsonPathOf(path)})`,
  p95: (expression) => `APPROX_QUANTILES(${expression}, 100)[OFFSET(95)]`,
  earliest: (value, order) => `ARRAY_AGG(${value} IGNORE NULLS ORDER BY ${order} LIMIT 1)[SAFE_OFFSET(0)]`,
  text: (expression) => `CAST(${expression} AS STRING)`,
  quoteIdentifier: (part) => `\`${part}\``,
  timestamp: (milliseconds) => `TIMESTAMP_MILLIS(CAST(${milliseconds} AS INT64))`,
  dayStart: (day) => `TIMESTAMP ${literal(`${day} 00:00:00+00`)}`,
  floatType: 'FLOAT64',
};

const NUMERIC_TEXT = `'^[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$'`;
const postgres: Dialect = {
  // No TRY_CAST in Postgres: only text that looks like a number is cast, so a stray value never fails the query.
  jsonNumber: (json, path) => {
    const text = `(${json} #>> ${literal(`{${path.map((key) => `"${key.replaceAll('"', '\\"')}"`).join(',')}}`)})`;
    return `CASE WHEN ${text} ~ ${NUMERIC_TEXT} THEN CAST(${text} AS double precision) END`;
  },
  jsonText: (json, path) =>
    `(${json} #>> ${literal(`{${path.map((key) => `"${key.replaceAll('"', '\\"')}"`).join(',')}}`)})`,
  p95: (expression) => `percentile_disc(0.95) WITHIN GROUP (ORDER BY ${expression})`,
  earliest: (value, order) => `(array_agg(${value} ORDER BY ${order}) FILTER (WHERE ${value} IS NOT NULL))[1]`,
  text: (expression) => `CAST(${expression} AS text)`,
  quoteIdentifier: (part) => `"${part}"`,
  timestamp: (milliseconds) => `to_timestamp(${milliseconds} / 1000.0)`,
  dayStart: (day) => `TIMESTAMPTZ ${literal(`${day} 00:00:00+00`)}`,
  floatType: 'double precision',
};

const DIALECTS: Readonly<Record<SqlDialect, Dialect>> = { duckdb, clickhouse, bigquery, postgres };

/** What a source's rows give: one record per LLM call, with its normalised token counts. */
interface RecordColumns {
  workload: string;
  model: string;
  provider: string;
  /** When the request was made: epoch milliseconds (DuckDB, which reads raw logs) or a native timestamp column. */
  at: string;
  input: string;
  cached: string;
  output: string;
  /** The row carries token usage at all. */
  hasUsage: string;
}

const coalesce = (...values: string[]) => (values.length === 1 ? values[0]! : `coalesce(${values.join(', ')})`);
const zeroIfNull = (value: string) => `coalesce(${value}, 0)`;

/**
 * Token columns from OTel GenAI attributes, as `normalizeUsage` reads them: input never below cache
 * reads plus writes, current attribute names before deprecated ones.
 */
function otelTokens(number: (name: string) => string) {
  const first = (names: readonly string[]) => coalesce(...names.map(number));
  const orZero = (names: readonly string[]) => coalesce(...names.map(number), '0');
  const input = first(OTEL_ATTRIBUTES.inputTokens);
  const output = first(OTEL_ATTRIBUTES.outputTokens);
  const cacheRead = orZero(OTEL_ATTRIBUTES.cacheRead);
  const cacheWrite = orZero(OTEL_ATTRIBUTES.cacheWrite);
  return {
    input: `greatest(${orZero(OTEL_ATTRIBUTES.inputTokens)}, ${cacheRead} + ${cacheWrite})`,
    cached: cacheRead,
    output: orZero(OTEL_ATTRIBUTES.outputTokens),
    hasUsage: `(${input} IS NOT NULL OR ${output} IS NOT NULL)`,
  };
}

/**
 * Token columns from a response's `usage`, as `normalizeUsage` reads them: Chat Completions
 * (`prompt_tokens`), Anthropic (`input_tokens` plus cache reads and writes) or Responses API.
 */
function responseTokens(number: (path: readonly string[]) => string) {
  const field = (...path: string[]) => number(['usage', ...path]);
  const prompt = field('prompt_tokens');
  const completion = field('completion_tokens');
  const input = field('input_tokens');
  const output = field('output_tokens');
  const cacheRead = field('cache_read_input_tokens');
  const cacheWrite = field('cache_creation_input_tokens');
  const chat = `(${prompt} IS NOT NULL OR ${completion} IS NOT NULL)`;
  const anthropic = `(${cacheRead} IS NOT NULL OR ${cacheWrite} IS NOT NULL)`;
  return {
    input: `CASE WHEN ${chat} THEN ${zeroIfNull(prompt)} ELSE ${zeroIfNull(input)} + ${zeroIfNull(cacheRead)} + ${zeroIfNull(cacheWrite)} END`,
    cached: `CASE WHEN ${chat} THEN ${zeroIfNull(field('prompt_tokens_details', 'cached_tokens'))} WHEN ${anthropic} THEN ${zeroIfNull(cacheRead)} ELSE ${zeroIfNull(field('input_tokens_details', 'cached_tokens'))} END`,
    output: `CASE WHEN ${chat} THEN ${zeroIfNull(completion)} ELSE ${zeroIfNull(output)} END`,
    hasUsage: `(${chat} OR ${input} IS NOT NULL OR ${output} IS NOT NULL)`,
  };
}

function responseProvider(text: (path: readonly string[]) => string): string {
  const object = text(['object']);
  return `CASE WHEN ${object} IN ('chat.completion', 'chat.completion.chunk', 'response') THEN 'openai' WHEN ${text(['type'])} = 'message' THEN 'anthropic' END`;
}

function validateTable(dialect: SqlDialect, table: string): string {
  const parts = table.split('.');
  const valid =
    parts.length >= 1 &&
    parts.length <= 3 &&
    parts.every(
      (part, index) =>
        IDENTIFIER_PART.test(part) ||
        (dialect === 'bigquery' && index === 0 && parts.length === 3 && BIGQUERY_PROJECT.test(part)),
    );
  if (!valid) {
    throw usageSqlError(
      `--table ${JSON.stringify(table)} is not a table name: expected name, schema.name or project.dataset.name of letters, digits and _${dialect === 'duckdb' ? ', or a .jsonl/.json/.ndjson/.parquet file' : ''}`,
    );
  }
  const quote = DIALECTS[dialect].quoteIdentifier;
  return dialect === 'bigquery' ? quote(table) : parts.map(quote).join('.');
}

/** The expression naming a row's workload: the trusted expression, or the model. */
function workloadColumn(dialect: Dialect, options: UsageSqlOptions, path: string | undefined, model: string) {
  if (options.workloadBy !== undefined && options.workloadBy.trim() !== '') {
    return `coalesce(nullif(${dialect.text(`(${options.workloadBy})`)}, ''), 'unknown')`;
  }
  if (path !== undefined) return `coalesce(nullif(${path}, ''), 'unknown')`;
  return `coalesce(${model}, 'unknown')`;
}

const since = (options: UsageSqlOptions): string | undefined => {
  if (options.since === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.since) || !isValidDate(options.since)) {
    throw usageSqlError(`--since ${JSON.stringify(options.since)} is not a calendar date: expected YYYY-MM-DD`);
  }
  return options.since;
};

/** The final aggregation over a `records` CTE, shared by every dialect and source. */
function aggregate(dialect: Dialect, at: string, day: string | undefined, seen = (value: string) => value): string {
  const number = (expression: string) => `CAST(${expression} AS ${dialect.floatType})`;
  const where = day === undefined ? '' : `\nWHERE ${at} >= ${day}`;
  return `SELECT
  workload,
  ${dialect.earliest('request_model', at)} AS model,
  ${dialect.earliest('request_provider', at)} AS provider,
  count(*) AS requests,
  ${seen(`min(${at})`)} AS first_seen,
  ${seen(`max(${at})`)} AS last_seen,
  avg(${number('input_tokens')}) AS input_mean,
  ${dialect.p95('input_tokens')} AS input_p95,
  avg(${number('cached_input_tokens')}) AS cached_input_mean,
  ${dialect.p95('cached_input_tokens')} AS cached_input_p95,
  avg(${number('output_tokens')}) AS output_mean,
  ${dialect.p95('output_tokens')} AS output_p95
FROM records${where}
GROUP BY workload
ORDER BY first_seen, workload`;
}

const recordSelect = (columns: Omit<RecordColumns, 'hasUsage'>) => `SELECT
    ${columns.workload} AS workload,
    ${columns.model} AS request_model,
    ${columns.provider} AS request_provider,
    ${columns.at} AS requested_at,
    ${columns.input} AS input_tokens,
    ${columns.cached} AS cached_input_tokens,
    ${columns.output} AS output_tokens`;

/** Epoch milliseconds from a timestamp's text, with the units `toEpochMilliseconds` guesses from the size. */
function duckdbMilliseconds(raw: string): string {
  const numeric = `TRY_CAST(${raw} AS DOUBLE)`;
  return `CASE
      WHEN ${numeric} > 1e17 THEN ${numeric} / 1e6
      WHEN ${numeric} > 1e14 THEN ${numeric} / 1e3
      WHEN ${numeric} > 1e11 THEN ${numeric}
      WHEN ${numeric} > 0 THEN ${numeric} * 1000
      WHEN ${numeric} IS NULL THEN epoch_ms(TRY_CAST(${raw} AS TIMESTAMPTZ))
    END`;
}

/** A dotted path's value as text in DuckDB, only when it is a string, number or boolean, as the streaming importer takes it. */
function duckdbScalarAt(json: string, path: readonly string[]): string {
  const location = jsonPathOf(path);
  return `CASE WHEN json_type(${json}, ${location}) IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'DOUBLE', 'BOOLEAN') THEN json_extract_string(${json}, ${location}) END`;
}

/**
 * Paths read from one JSON column, gathered so DuckDB parses each record once: `json_extract_string`
 * with a list of paths returns them all from a single parse, where one call per path would re-parse.
 */
function duckdbFields(json: string) {
  const paths: string[] = [];
  const text = (path: readonly string[]) => {
    const location = jsonPathOf(path);
    let index = paths.indexOf(location);
    if (index === -1) index = paths.push(location) - 1;
    return `${json}_fields[${index + 1}]`;
  };
  return {
    text,
    number: (path: readonly string[]) => `TRY_CAST(${text(path)} AS DOUBLE)`,
    /** The one extraction that gives `${json}_fields`; call it after every path was asked for. */
    extract: () => `json_extract_string(${json}, [${paths.join(', ')}])`,
  };
}

const SPAN_KEYS = ['startTimeUnixNano', 'start_time', 'spanId', 'span_id', 'context'] as const;

/**
 * DuckDB over one JSON value per row: a log file read by DuckDB, or a table with a `json` column. One pass:
 * each line is parsed once for its shape (OTLP batch, span or response), then once for its fields.
 */
function duckdbQuery(options: UsageSqlOptions, day: string | undefined): string {
  const source = options.source ?? 'any';
  const table = options.file ?? options.table ?? DEFAULT_TABLES.duckdb[source === 'openai' ? 'openai' : 'otel'];
  let lines: string;
  if (options.file !== undefined || FILE_PATTERN.test(table)) {
    lines = /\.parquet$/i.test(table)
      ? `SELECT CAST("json" AS JSON) AS line FROM read_parquet(${literal(table)})`
      : `SELECT json AS line FROM read_json_objects(${literal(table)}, format = 'newline_delimited', ignore_errors = true)`;
  } else {
    lines = `SELECT CAST("json" AS JSON) AS line FROM ${validateTable('duckdb', table)}`;
  }
  const path = options.workloadPath?.split('.');
  const attributeName = options.workloadPath?.startsWith('attributes.')
    ? options.workloadPath.slice('attributes.'.length)
    : options.workloadPath;

  // Spans: attributes become a MAP once (OTLP/JSON's key/value list, or an SDK exporter's object).
  const attribute = (name: string) => `attributes[${literal(name)}]`;
  const span = otelTokens((name) => `TRY_CAST(${attribute(name)} AS DOUBLE)`);
  const spanModel = coalesce(attribute(OTEL_ATTRIBUTES.requestModel), attribute(OTEL_ATTRIBUTES.responseModel));
  const spanTime = duckdbFields('item');
  const spanColumns: RecordColumns = {
    workload: workloadColumn(
      duckdb,
      options,
      path === undefined ? undefined : coalesce(duckdbScalarAt('item', path), attribute(attributeName!)),
      spanModel,
    ),
    model: spanModel,
    provider: coalesce(...OTEL_ATTRIBUTES.provider.map(attribute)),
    at: duckdbMilliseconds(coalesce(spanTime.text(['startTimeUnixNano']), spanTime.text(['start_time']))),
    ...span,
  };

  const fields = duckdbFields('response');
  const response = responseTokens(fields.number);
  const responseModel = fields.text(['model']);
  const responseColumns: RecordColumns = {
    workload: workloadColumn(
      duckdb,
      options,
      path === undefined
        ? undefined
        : coalesce(
            duckdbScalarAt('line', path),
            `CASE WHEN response IS DISTINCT FROM line THEN ${duckdbScalarAt('response', path)} END`,
          ),
      responseModel,
    ),
    model: responseModel,
    provider: responseProvider(fields.text),
    at: duckdbMilliseconds(coalesce(fields.text(['created']), fields.text(['created_at']))),
    ...response,
  };
  const pick = (name: keyof RecordColumns) => {
    if (source === 'otel') return spanColumns[name];
    if (source === 'openai') return responseColumns[name];
    return `CASE WHEN is_span THEN ${spanColumns[name]} ELSE ${responseColumns[name]} END`;
  };
  const selected = {
    workload: pick('workload'),
    model: pick('model'),
    provider: pick('provider'),
    at: pick('at'),
    input: pick('input'),
    cached: pick('cached'),
    output: pick('output'),
  };
  const kind = source === 'otel' ? ' AND is_span' : source === 'openai' ? ' AND NOT is_span' : '';
  const head = (index: number) => `head[${index}]`;
  return `WITH lines AS (
  ${lines}
),
heads AS (
  -- One parse for the shape: $.resourceSpans, $.attributes, $.response, $.usage, then the keys that mark a
  -- span. unnest([…]) makes DuckDB evaluate it once a row instead of inlining it into every head[i].
  SELECT line, unnest([json_extract(line, ['$.resourceSpans', '$.attributes', '$.response', '$.usage', ${SPAN_KEYS.map((key) => `'$.${key}'`).join(', ')}])]) AS head
  FROM lines
),
items AS (
  -- One row per record: each span of an OTLP batch, or the line itself.
  SELECT
    unnest(CASE WHEN json_type(${head(1)}) = 'ARRAY'
      THEN json_extract(line, '$.resourceSpans[*].scopeSpans[*].spans[*]') ELSE [line] END) AS item,
    coalesce(json_type(${head(1)}) = 'ARRAY', false) OR (${head(2)} IS NOT NULL AND coalesce(${SPAN_KEYS.map((_, index) => head(index + 5)).join(', ')}) IS NOT NULL) AS is_span,
    line,
    -- A Responses API stream event (response.completed) carries the response under "response".
    CASE WHEN json_type(${head(3)}) = 'OBJECT' AND ${head(4)} IS NULL THEN ${head(3)} ELSE line END AS response
  FROM heads
),
shaped AS (
  -- Each extraction sits inside unnest([…]) too, so the record is parsed once, not once per field read.
  SELECT
    is_span,
    item,
    line,
    response,
    unnest([CASE WHEN is_span THEN
      CASE WHEN json_type(item, '$.attributes') = 'ARRAY'
        THEN map_from_entries(list_transform(CAST(json_extract(item, '$.attributes') AS JSON[]),
          attribute -> {'k': attribute ->> 'key', 'v': coalesce(attribute -> 'value' ->> 'intValue',
            attribute -> 'value' ->> 'doubleValue', attribute -> 'value' ->> 'stringValue',
            attribute -> 'value' ->> 'boolValue')}))
        ELSE TRY_CAST(json_extract(item, '$.attributes') AS MAP(VARCHAR, VARCHAR))
      END
    END]) AS attributes,
    unnest([CASE WHEN is_span THEN ${spanTime.extract()} END]) AS item_fields,
    unnest([CASE WHEN NOT is_span THEN ${fields.extract()} END]) AS response_fields
  -- A line or span that is not an object yields no fields, so no usage: it drops out below.
  FROM items
),
records AS (
  ${recordSelect(selected)}
  FROM shaped
  WHERE ${pick('hasUsage')}${kind}
)
${aggregate(duckdb, 'requested_at', day === undefined ? undefined : String(Date.parse(`${day}T00:00:00Z`)), duckdb.timestamp)}
`;
}

/** A warehouse query over spans or responses stored with a native timestamp column. */
function warehouseQuery(dialectName: Exclude<SqlDialect, 'duckdb'>, options: UsageSqlOptions, day: string | undefined) {
  const dialect = DIALECTS[dialectName];
  const source = options.source ?? 'otel';
  if (source === 'any') {
    throw usageSqlError(`--source any reads raw log lines and is for --dialect duckdb only; use otel or openai`);
  }
  const table = validateTable(dialectName, options.table ?? DEFAULT_TABLES[dialectName][source]);
  let columns: RecordColumns;
  let from: string;
  if (source === 'otel') {
    // ClickHouse: the OTel collector exporter's SpanAttributes Map(String, String) and Timestamp DateTime64(9).
    // BigQuery and Postgres: attributes as one JSON column beside a start_time timestamp.
    const number =
      dialectName === 'clickhouse'
        ? (name: string) => `toFloat64OrNull(SpanAttributes[${literal(name)}])`
        : (name: string) => dialect.jsonNumber('attributes', [name]);
    const text =
      dialectName === 'clickhouse'
        ? (name: string) => `nullIf(SpanAttributes[${literal(name)}], '')`
        : (name: string) => dialect.jsonText('attributes', [name]);
    const model = coalesce(text(OTEL_ATTRIBUTES.requestModel), text(OTEL_ATTRIBUTES.responseModel));
    const tokens = otelTokens(number);
    columns = {
      workload: workloadColumn(dialect, options, undefined, model),
      model,
      provider: coalesce(...OTEL_ATTRIBUTES.provider.map(text)),
      at: dialectName === 'clickhouse' ? 'Timestamp' : 'start_time',
      ...tokens,
    };
    from = `${table}\n  WHERE ${tokens.hasUsage}`;
  } else {
    // The response object, as JSON (BigQuery JSON, Postgres jsonb) or JSON text (ClickHouse String).
    const body = 'response';
    const tokens = responseTokens((path) => dialect.jsonNumber(body, path));
    const created = coalesce(dialect.jsonNumber(body, ['created']), dialect.jsonNumber(body, ['created_at']));
    const model = dialect.jsonText(body, ['model']);
    columns = {
      workload: workloadColumn(dialect, options, undefined, model),
      model,
      provider: responseProvider((path) => dialect.jsonText(body, path)),
      at: dialect.timestamp(`${created} * 1000`),
      ...tokens,
    };
    from = `${table}\n  WHERE ${tokens.hasUsage}`;
  }
  return `WITH records AS (
  ${recordSelect(columns)}
  FROM ${from}
)
${aggregate(
  dialect,
  'requested_at',
  day === undefined ? undefined : dialect.dayStart(day),
  // ClickHouse prints a DateTime64 in the server's time zone unless told otherwise.
  dialectName === 'clickhouse' ? (value) => `toTimeZone(${value}, 'UTC')` : undefined,
)}
`;
}

/**
 * One SQL query computing, per workload, what `tunewise usage import` measures from a raw log:
 * requests, first and last request, and the mean and p95 of input, cached-input and output tokens
 * per request. Its result rows import with {@link parseUsageAggregates} (`usage import --aggregates`).
 *
 * @throws TunewiseError (name `UsageSqlError`) on a table name or date that is not one.
 */
export function usageSql(options: UsageSqlOptions): string {
  if (!SQL_DIALECTS.includes(options.dialect)) {
    throw usageSqlError(`unknown dialect ${JSON.stringify(options.dialect)}: expected ${SQL_DIALECTS.join(', ')}`);
  }
  if (options.file !== undefined && options.dialect !== 'duckdb') {
    throw usageSqlError('a file is read by --dialect duckdb only; other engines read a --table');
  }
  const day = since(options);
  return options.dialect === 'duckdb' ? duckdbQuery(options, day) : warehouseQuery(options.dialect, options, day);
}
