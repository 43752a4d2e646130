export {
  breakEvenVolume,
  type CostAtVolume,
  type CostContext,
  type CostOptions,
  cacheableOn,
  computeStrategies,
  computeWorkloadCosts,
  costAtVolume,
  effectiveEffortHours,
  expectedRequestsPerMonth,
  MAX_BREAK_EVEN_VOLUME,
  MIN_TRAINING_EXAMPLES,
  paybackMonth,
  type ResolvedDeployment,
  replicasFor,
  resolveDeployment,
  type WorkloadCosts,
  type WorkloadInputs,
  workloadInputs,
} from './cost-model.js';
export { costCurve } from './curve.js';
export { DEFAULT_SIZE_CLASS, DEFAULT_SPEED, estimateLatencyMs, speedOf } from './latency.js';
