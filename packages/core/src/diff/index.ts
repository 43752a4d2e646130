export type { MoneyDelta, ReportDiff, WorkloadChangeKind, WorkloadDiff, WorkloadSide } from './diff.js';
export { diffReports, isReportDiff } from './diff.js';
export type { GatingPolicy } from './gating-policy.js';
export { evaluateGatingPolicy, gatingPolicy } from './gating-policy.js';
export type { PolicyRule, PolicyVerdict, PolicyViolation } from './policy.js';
export { evaluatePolicy } from './policy.js';
