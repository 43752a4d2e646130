// The public API of @tunewise/core: what a consumer of the model needs, named one by one. Every name here is a semver
// promise, and etc/core.api.md (checked by `npm test`) shows each change to it in review; see docs/api.md.
// Internals (random draws, replica sizing, decision weights, the zod sub-schemas...) stay out: tests import from src.

/** The version of @tunewise/core (from its package.json, set at build time). */
export const VERSION: string = __PACKAGE_VERSION__;

// Pricing catalog and model lifecycle.
export {
  type FineTuningAccess,
  fineTuningAccessOn,
  type OpenFineTuningOptions,
  openFineTuningModels,
} from './catalog/access.js';
export {
  defaultCatalog,
  type FineTuneAvailability,
  type FineTuneStatus,
  findCatalogGpu,
  findCatalogModel,
  fineTuneAvailability,
  knownModelIds,
  liveFineTunableModels,
  resolveModel,
} from './catalog/index.js';
export { type CatalogListing, type CatalogListingOptions, catalogListing } from './catalog/listing.js';
export { STALE_AFTER_DAYS, type StalePrice, type StaleScope, stalePrices } from './catalog/staleness.js';
export type {
  Catalog,
  CatalogFineTuning,
  CatalogGpu,
  CatalogModel,
  FineTuneServing,
  FineTuningPrices,
  GpuThroughput,
  ModelPrices,
  PriceProvenance,
  ProviderFineTuningAccess,
  SizeClass,
  SourceKind,
  Speed,
} from './catalog/types.js';
// The cost model, for one workload at a time.
export {
  type CostContext,
  type CostOptions,
  computeWorkloadCosts,
  MIN_TRAINING_EXAMPLES,
  type WorkloadCosts,
  type WorkloadInputs,
} from './cost/cost-model.js';
// Base → head: the diff, why the cost moved, and the policy verdict.
export type {
  AttributionSide,
  CostAttribution,
  CostDriver,
  CostDriverPart,
  PromptFileChange,
  PromptFileTokens,
} from './diff/attribution.js';
export { COST_DRIVERS } from './diff/attribution.js';
export {
  type DiffOptions,
  diffReports,
  isReportDiff,
  type MoneyDelta,
  type ReportDiff,
  type WorkloadChangeKind,
  type WorkloadDiff,
  type WorkloadSide,
} from './diff/diff.js';
export { evaluateGatingPolicy, type GatingPolicy, gatingPolicy } from './diff/gating-policy.js';
export { evaluatePolicy, type PolicyRule, type PolicyVerdict, type PolicyViolation } from './diff/policy.js';
// Errors a caller can meet, each with a static isInstance that works across copies of the package.
export {
  formatUsageFileIssue,
  InvalidAsOfError,
  NonFiniteCostError,
  TunewiseError,
  UncountedPromptFilesError,
  UnknownModelError,
  UsageFileError,
  type UsageFileIssue,
} from './errors/index.js';
// Renderers: the pull-request comment, terminal text and JSON.
export { escapeJsonText, escapeMarkdown, escapeTerminal } from './format/escape.js';
export { isValidDate } from './model/dates.js';
// The report: evaluate a usage file for a date.
export { STRATEGY_KEYS, strategyKey } from './model/strategies.js';
export type {
  Blocker,
  Factor,
  Report,
  Sensitivity,
  StrategyCost,
  StrategyKey,
  StrategyName,
  Uncertainty,
  WorkloadReport,
} from './model/types.js';
// The usage file: parse (located errors), its JSON Schema, and the paths issues point at.
export { type DidYouMeanOptions, didYouMean } from './parse/did-you-mean.js';
export { USAGE_FILE_SCHEMA_ID, usageFileJsonSchema, usageFileJsonSchemaText } from './parse/json-schema.js';
export {
  type ParsedUsageFile,
  type ParseUsageFileOptions,
  parseUsageFile,
  type SafeParseUsageFileResult,
  safeParseUsageFile,
} from './parse/parse-usage-file.js';
export type { SourcePosition } from './parse/source-map.js';
export { formatUsageFilePath, type UsageFilePath } from './parse/usage-file-path.js';
// Measured quality: pass rates, their intervals, and whether two strategies can be told apart.
export {
  casesToDistinguish,
  compareQuality,
  DISTINGUISHABLE_AT,
  monthlyFailureCost,
  PASS_RATE_INTERVAL,
  type PassRate,
  passRate,
  passRates,
  probabilityHigher,
  type QualityComparison,
  type QualityDrawOptions,
} from './quality/quality.js';
export { renderJson } from './render/json.js';
export {
  commentMarker,
  DEFAULT_MARKDOWN_MAX_LENGTH,
  type MarkdownInput,
  type MarkdownOptions,
  renderMarkdown,
} from './render/markdown.js';
export { renderText, type TextOptions } from './render/text.js';
export { type EvaluateOptions, evaluate } from './report/evaluate.js';
export {
  type ChangeCadence,
  DEFAULTS,
  type EffortHours,
  MAX_USAGE_FILE_BYTES,
  type MlExpertise,
} from './schema/defaults.js';
export type {
  Assumptions,
  CustomModel,
  EvalResult,
  Policy,
  Quality,
  UsageFile,
  UsageFileInput,
  VolumeRange,
  Workload,
} from './schema/usage-file.js';
export { MAX_TOKENS } from './schema/usage-file.js';
