export { type UsageMeterMiddleware, type UsageMeterMiddlewareOptions, usageMeterMiddleware } from './ai-sdk.js';
export { usageCostUsd } from './cost.js';
export { DUCKDB_PACKAGE, type DuckdbImportOptions, importUsageWithDuckdb } from './duckdb-engine.js';
export {
  type AggregateRow,
  type AggregateRowLocation,
  aggregateTimestampMs,
  importUsageAggregates,
  measureAggregateRows,
} from './import-aggregates.js';
export {
  importUsageLog,
  type SkippedLine,
  toEpochMilliseconds,
  toUsageImportJson,
  type UsageImportJson,
  type UsageImportOptions,
  type UsageImportProgress,
  type UsageImportResult,
  type UsageLogSource,
} from './import-log.js';
export { catalogModelId, type MergeUsageOptions, mergeUsageIntoYaml, toWorkloadSlug } from './merge-yaml.js';
export {
  createUsageMeter,
  DAYS_PER_MONTH,
  type MeasuredUsage,
  type MeasuredWorkload,
  MINIMUM_WINDOW_MS,
  measureWorkloadSummary,
  type RecordOptions,
  type TokenStat,
  type UsageMeter,
  type UsageMeterOptions,
  type WorkloadSummary,
} from './meter.js';
export { type WrapOpenAIOptions, wrapOpenAI } from './openai.js';
export { QuantileSketch } from './quantile-sketch.js';
export { normalizeUsage, type TokenUsage } from './usage-shapes.js';
export {
  AGGREGATE_COLUMNS,
  DEFAULT_TABLES,
  SQL_DIALECTS,
  type SqlDialect,
  USAGE_SQL_SOURCES,
  type UsageSqlOptions,
  type UsageSqlSource,
  usageSql,
} from './warehouse-sql.js';
