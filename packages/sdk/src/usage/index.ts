export {
  type UsageMeterMiddleware,
  type UsageMeterMiddlewareOptions,
  type UsageMeterModelInfo,
  usageMeterMiddleware,
} from './ai-sdk.js';
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
  EARLIEST_PLAUSIBLE_TIMESTAMP,
  importUsageLog,
  MAX_LINE_BYTES,
  MAX_WORKLOAD_ID_LENGTH,
  MAX_WORKLOADS,
  type SkippedLine,
  toEpochMilliseconds,
  toUsageImportJson,
  type UsageImportJson,
  type UsageImportOptions,
  type UsageImportProgress,
  type UsageImportResult,
  type UsageLogSource,
} from './import-log.js';
export {
  describeSample,
  LARGE_VOLUME_FACTOR,
  type MergeReview,
  reviewMerge,
  SHORT_SAMPLE_DAYS,
} from './merge-review.js';
export {
  assertWorkloadInYaml,
  catalogModelId,
  type EvalUpdate,
  type MergeUsageOptions,
  mergeEvalIntoYaml,
  mergeUsageIntoYaml,
  toWorkloadSlug,
} from './merge-yaml.js';
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
export { UsageLogError } from './usage-log-error.js';
export { UsageMergeError } from './usage-merge-error.js';
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
