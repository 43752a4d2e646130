import { averageGrowthFactor } from '../model/growth.js';
import type { StrategyCost, StrategyKey } from '../model/types.js';
import type { DecisionInput } from './types.js';

export function growthFactorOf(input: DecisionInput): number {
  return averageGrowthFactor(input.workload.volume.monthlyGrowth, input.assumptions.horizonMonths);
}

/** The input as it would be at another month-1 volume, growth kept: costs from the cost model's `costAtVolume`. */
export function atVolume(input: DecisionInput, requestsPerMonth: number): DecisionInput {
  const totals = input.costAtVolume(requestsPerMonth);
  const horizonMonths = input.assumptions.horizonMonths;
  const at = (key: StrategyKey): StrategyCost => {
    const cost = input.strategies[key];
    return { ...cost, averageMonthly: totals[key] / horizonMonths, total: totals[key] };
  };
  return {
    ...input,
    requestsPerMonth,
    strategies: { prompt: at('prompt'), fineTune: at('fineTune'), hybrid: at('hybrid') },
  };
}
