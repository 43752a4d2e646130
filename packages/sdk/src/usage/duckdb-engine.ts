import { stat } from 'node:fs/promises';
import { TunewiseError } from '@tunewise/core';
import { type AggregateRow, measureAggregateRows } from './import-aggregates.js';
import { missingWorkloadWarning, type UsageImportResult } from './import-log.js';
import { usageSql } from './warehouse-sql.js';

/** The optional dependency that runs DuckDB in-process, loaded only for `--engine duckdb`. */
export const DUCKDB_PACKAGE = '@duckdb/node-api';

/** Options of {@link importUsageWithDuckdb}. */
export interface DuckdbImportOptions {
  /** Dotted field naming the workload, read as `importUsageLog` reads it; default: the model. */
  workloadBy?: string;
  /** @internal The module to load instead of {@link DUCKDB_PACKAGE}; only a test sets it, to see the missing-install path. */
  duckdbPackage?: string;
}

interface DuckdbModule {
  DuckDBInstance: {
    create(path: string): Promise<{
      connect(): Promise<{
        runAndReadAll(sql: string): Promise<{ getRowObjectsJson(): Array<Record<string, unknown>> }>;
        closeSync?(): void;
      }>;
      closeSync?(): void;
    }>;
  };
}

async function loadDuckdb(packageName: string): Promise<DuckdbModule> {
  try {
    // A name from a variable, so no bundler pulls the native package in: it loads only when used.
    return (await import(packageName)) as DuckdbModule;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new TunewiseError({
        name: 'OptionalDependencyError',
        message: `--engine duckdb needs the optional package ${DUCKDB_PACKAGE}, which is not installed: run \`npm install ${DUCKDB_PACKAGE}\` (or use the default streaming engine)`,
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Measures a JSONL log (any line `importUsageLog` reads) or a Parquet file with one `json` column per
 * record by running the `tunewise usage sql --dialect duckdb` query in an in-process DuckDB, on every
 * core. Gives the same numbers as {@link importUsageLog}, except that p95 is DuckDB's exact
 * `quantile_disc` rather than the streaming sketch (see the README for the bound).
 *
 * @throws TunewiseError: `OptionalDependencyError` when `@duckdb/node-api` is not installed,
 *   `UsageLogError` when the file is missing or DuckDB cannot read it.
 */
export async function importUsageWithDuckdb(
  file: string,
  options: DuckdbImportOptions = {},
): Promise<UsageImportResult> {
  const size = await stat(file).then(
    (info) => (info.isFile() ? info.size : undefined),
    () => undefined,
  );
  if (size === undefined) throw new TunewiseError({ name: 'UsageLogError', message: `usage log not found: ${file}` });
  const { DuckDBInstance } = await loadDuckdb(options.duckdbPackage ?? DUCKDB_PACKAGE);
  const query = usageSql({
    dialect: 'duckdb',
    source: 'any',
    file,
    ...(options.workloadBy === undefined ? {} : { workloadPath: options.workloadBy }),
  });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  let rows: AggregateRow[];
  try {
    rows = (await connection.runAndReadAll(query)).getRowObjectsJson();
  } catch (error) {
    throw new TunewiseError({
      name: 'UsageLogError',
      message: `DuckDB could not read ${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      cause: error,
    });
  } finally {
    connection.closeSync?.();
    instance.closeSync?.();
  }
  const measured = measureAggregateRows(rows.map((row) => ({ row, location: { file, line: 0 } })));
  const unknown = measured.workloads.find((workload) => workload.id === 'unknown');
  if (options.workloadBy !== undefined && unknown !== undefined) {
    measured.warnings.unshift(missingWorkloadWarning(unknown.requests, options.workloadBy));
  }
  return {
    ...measured,
    lines: 0,
    aggregateRows: rows.length,
    bytesRead: size,
    skipped: { count: 0, examples: [] },
  };
}
