export {
  type UsageMeterMiddleware,
  type UsageMeterMiddlewareOptions,
  type UsageMeterModelInfo,
  usageMeterMiddleware,
} from './ai-sdk.js';
export { usageCostUsd } from './cost.js';
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
  type RecordOptions,
  type TokenStat,
  type UsageMeter,
  type UsageMeterOptions,
} from './meter.js';
export { type WrapOpenAIOptions, wrapOpenAI } from './openai.js';
export { QuantileSketch } from './quantile-sketch.js';
export { UsageLogError } from './usage-log-error.js';
export { normalizeUsage, type TokenUsage } from './usage-shapes.js';
