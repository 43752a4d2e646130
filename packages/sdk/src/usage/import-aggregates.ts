import { readFile } from 'node:fs/promises';
import { didYouMean, formatUsageFileIssue, TunewiseError, type UsageFileIssue } from '@tunewise/core';
import { parse as parseCsv } from 'csv-parse/sync';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { UsageImportResult } from './import-log.js';
import { type MeasuredWorkload, measureWorkloadSummary, type WorkloadSummary } from './meter.js';
import { AGGREGATE_COLUMNS } from './warehouse-sql.js';

/** One result row of a `tunewise usage sql` query, as a CSV or JSON export gives it: values untyped. */
export type AggregateRow = Readonly<Record<string, unknown>>;

/** Where a row came from, for error messages. */
export interface AggregateRowLocation {
  file: string;
  /** 1-based line of the row (0 when unknown). */
  line: number;
  /** 1-based column of each field, when known. */
  columns?: Readonly<Record<string, number>>;
}

const REQUIRED_COLUMNS = AGGREGATE_COLUMNS.filter((column) => column !== 'model' && column !== 'provider');

const aggregatesError = (issues: UsageFileIssue[]) =>
  new TunewiseError({
    name: 'UsageAggregatesError',
    message:
      issues.length === 1
        ? formatUsageFileIssue(issues[0]!)
        : `${issues.length} problems in the aggregate rows:\n${issues.map(formatUsageFileIssue).join('\n')}`,
  });

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** A number from a JSON number or a numeric string (engines export BIGINT as text). */
function numberOf(value: unknown): number | undefined {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Epoch milliseconds from an engine's timestamp text: ISO 8601, `2026-11-01 00:00:00[.fff]` with an
 * optional `+00`, `+00:00`, `Z` or ` UTC` (DuckDB, ClickHouse, Postgres, BigQuery CSV), read as UTC
 * when no zone is given; or epoch milliseconds as a number, or a Date (a driver's timestamp).
 */
export function aggregateTimestampMs(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/.exec(
    value.trim(),
  );
  if (match === null) return undefined;
  const [, day, time, zone] = match;
  const offset =
    zone === undefined || zone === 'Z' || zone === 'UTC'
      ? 'Z'
      : zone.length === 3
        ? `${zone}:00`
        : zone.includes(':')
          ? zone
          : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  // Date.parse keeps milliseconds only; engines print up to nanoseconds.
  const milliseconds = time!.replace(/(\.\d{3})\d+$/, '$1');
  const parsed = Date.parse(`${day}T${milliseconds}${offset}`);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * Turns result rows of a `tunewise usage sql` query into the same measurements a raw-log import
 * gives: each row goes through the meter's own rounding and month extrapolation.
 *
 * @throws TunewiseError (name `UsageAggregatesError`) naming file:line:column, field, expected and found.
 */
export function measureAggregateRows(
  rows: ReadonlyArray<{ row: AggregateRow; location: AggregateRowLocation }>,
): Pick<UsageImportResult, 'workloads' | 'warnings' | 'records'> {
  const issues: UsageFileIssue[] = [];
  const warnings: string[] = [];
  const workloads: MeasuredWorkload[] = [];
  const seen = new Set<string>();
  let records = 0;
  rows.forEach(({ row, location }, index) => {
    const issue = (column: string, message: string, expected: string, found: unknown, suggestion?: string) => {
      issues.push({
        file: location.file,
        line: location.line,
        column: location.columns?.[column] ?? (location.line > 0 ? 1 : 0),
        path: `[${index}].${column}`,
        message,
        expected,
        found: typeof found === 'string' ? JSON.stringify(found) : JSON.stringify(found ?? null),
        ...(suggestion === undefined ? {} : { suggestion }),
      });
    };
    const missing = REQUIRED_COLUMNS.filter((column) => !(column in row));
    if (missing.length > 0) {
      const present = Object.keys(row);
      for (const column of missing) {
        const close = didYouMean(column, present)[0];
        issues.push({
          file: location.file,
          line: location.line,
          column: location.line > 0 ? 1 : 0,
          path: `[${index}]`,
          message: `missing column ${column}`,
          expected: `the columns of \`tunewise usage sql\` (${AGGREGATE_COLUMNS.join(', ')})`,
          found: present.length === 0 ? 'no columns' : present.join(', '),
          ...(close === undefined ? {} : { suggestion: `${close} → ${column}` }),
        });
      }
      return;
    }
    const workload = row.workload;
    if (typeof workload !== 'string' && typeof workload !== 'number') {
      issue('workload', 'no workload', 'a workload name', workload);
      return;
    }
    const id = String(workload) === '' ? 'unknown' : String(workload);
    if (seen.has(id)) {
      issue('workload', `workload ${JSON.stringify(id)} appears twice`, 'one row per workload', workload);
      return;
    }
    seen.add(id);
    const requests = numberOf(row.requests);
    if (requests === undefined || !Number.isInteger(requests) || requests < 1) {
      issue('requests', 'not a request count', 'a whole number of at least 1', row.requests);
      return;
    }
    const time = (column: 'first_seen' | 'last_seen') => {
      const value = row[column];
      if (isBlank(value)) return undefined;
      const milliseconds = aggregateTimestampMs(value);
      if (milliseconds === undefined) {
        issue(column, 'not a timestamp', 'ISO 8601 or YYYY-MM-DD HH:MM:SS (UTC), or empty', value);
      }
      return milliseconds;
    };
    const stat = (name: 'input' | 'cached_input' | 'output') => {
      const read = (column: string) => {
        const value = numberOf(row[column]);
        if (value === undefined || value < 0) {
          issue(column, 'not a token count', 'a number of at least 0', row[column]);
          return 0;
        }
        return value;
      };
      return { mean: read(`${name}_mean`), p95: read(`${name}_p95`) };
    };
    const before = issues.length;
    const firstMs = time('first_seen');
    const lastMs = time('last_seen');
    const tokens = { input: stat('input'), cachedInput: stat('cached_input'), output: stat('output') };
    if (issues.length > before) return;
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    const summary: WorkloadSummary = {
      requests,
      firstMs,
      lastMs,
      model: text(row.model),
      provider: text(row.provider),
      tokens,
    };
    records += requests;
    workloads.push(measureWorkloadSummary(id, summary, warnings));
  });
  if (issues.length > 0) throw aggregatesError(issues);
  return { workloads, warnings, records };
}

/** The rows of a JSON export: an array of objects, ClickHouse's `{ data: [...] }`, or one object per line. */
function jsonRows(text: string, file: string) {
  const lineCounter = new LineCounter();
  const trimmed = text.trimStart();
  const documents =
    trimmed.startsWith('[') || (trimmed.startsWith('{') && !/\}\s*\r?\n\s*\{/.test(trimmed))
      ? [{ source: text, lineOffset: 0 }]
      : text.split('\n').flatMap((line, index) => (line.trim() === '' ? [] : [{ source: line, lineOffset: index }]));
  const rows: Array<{ row: AggregateRow; location: AggregateRowLocation }> = [];
  for (const { source, lineOffset } of documents) {
    const counter = lineOffset === 0 ? lineCounter : new LineCounter();
    // JSON is YAML 1.2: the yaml parser keeps every node's position, for errors that point at the field.
    const document = parseDocument(source, { lineCounter: counter, prettyErrors: false });
    const position = (node: Node | null | undefined) => {
      const { line, col } = counter.linePos(node?.range?.[0] ?? 0);
      return { line: line + lineOffset, column: col };
    };
    const firstError = document.errors[0];
    if (firstError !== undefined) {
      const { line, col } = counter.linePos(firstError.pos[0]);
      throw aggregatesError([
        {
          file,
          line: line + lineOffset,
          column: col,
          path: '',
          message: 'not valid JSON',
          expected: 'rows of `tunewise usage sql` as JSON',
          found: firstError.code,
        },
      ]);
    }
    let contents = document.contents as Node | null;
    if (isMap(contents) && isSeq(contents.get('data', true))) contents = contents.get('data', true) as Node;
    const items = isSeq(contents) ? contents.items : [contents];
    for (const item of items) {
      if (!isMap(item)) {
        throw aggregatesError([
          {
            file,
            ...position(item as Node),
            path: '',
            message: 'not a row',
            expected: 'an object with the columns of `tunewise usage sql`',
            found: item === null ? 'nothing' : 'another value',
          },
        ]);
      }
      const columns: Record<string, number> = {};
      for (const pair of item.items) {
        const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
        columns[key] = position(pair.value as Node).column;
      }
      rows.push({ row: item.toJSON() as AggregateRow, location: { file, line: position(item).line, columns } });
    }
  }
  return rows;
}

function csvRows(text: string, file: string) {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parseCsv(text, { columns: true, bom: true, skip_empty_lines: true, info: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    throw aggregatesError([
      {
        file,
        line,
        column: line > 0 ? 1 : 0,
        path: '',
        message: 'not valid CSV',
        expected: 'a header row with the columns of `tunewise usage sql`',
        found: (error as Error).message,
      },
    ]);
  }
  return records.map(({ record, info }) => ({ row: record as AggregateRow, location: { file, line: info.lines } }));
}

/**
 * Reads the result rows of a `tunewise usage sql` query (CSV with a header row, a JSON array,
 * ClickHouse `FORMAT JSON`, or JSON lines) and measures them as {@link importUsageLog} measures a
 * raw log. Rows carry no per-line detail, so nothing is counted as skipped.
 *
 * @throws TunewiseError (name `UsageAggregatesError`) on a missing file or a bad row.
 */
export async function importUsageAggregates(file: string): Promise<UsageImportResult> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    throw new TunewiseError({
      name: 'UsageAggregatesError',
      message: code === 'ENOENT' ? `aggregates file not found: ${file}` : `cannot read ${file}: ${code}`,
      cause: error,
    });
  });
  const trimmed = text.trimStart();
  const rows = trimmed.startsWith('[') || trimmed.startsWith('{') ? jsonRows(text, file) : csvRows(text, file);
  const measured = measureAggregateRows(rows);
  return {
    ...measured,
    lines: 0,
    aggregateRows: rows.length,
    bytesRead: Buffer.byteLength(text),
    skipped: { count: 0, examples: [] },
  };
}
