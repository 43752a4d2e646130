export type {
  AttributionSide,
  CostAttribution,
  CostDriver,
  CostDriverPart,
  PromptFileChange,
  PromptFileTokens,
} from './attribution.js';
export { attributeCostChange, COST_DRIVERS } from './attribution.js';
export type { DiffOptions, MoneyDelta, ReportDiff, WorkloadChangeKind, WorkloadDiff, WorkloadSide } from './diff.js';
export { diffReports, isReportDiff } from './diff.js';
export type { PolicyRule, PolicyVerdict, PolicyViolation } from './policy.js';
export { evaluatePolicy } from './policy.js';
