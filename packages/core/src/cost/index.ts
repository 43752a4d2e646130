export {
  breakEvenVolume,
  type CostContext,
  type CostOptions,
  computeStrategies,
  computeWorkloadCosts,
  effectiveEffortHours,
  expectedRequestsPerMonth,
  MAX_BREAK_EVEN_VOLUME,
  MIN_TRAINING_EXAMPLES,
  paybackMonth,
  replicasFor,
  type WorkloadCosts,
  type WorkloadInputs,
  workloadInputs,
} from './cost-model.js';
export { horizonMonthOf, isValidDate } from './dates.js';
export { DEFAULT_SIZE_CLASS, DEFAULT_SPEED, estimateLatencyMs, speedOf } from './latency.js';
