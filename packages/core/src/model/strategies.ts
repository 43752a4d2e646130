import { roundTo } from './numbers.js';
import type { Recommendation, StrategyCost, StrategyKey, StrategyName, WorkloadReport } from './types.js';

/** The keys of a workload's `strategies`, in report order. */
export const STRATEGY_KEYS: readonly StrategyKey[] = ['prompt', 'fineTune', 'hybrid'];

/** The key of `strategies` for a strategy name: `'fine-tune'` becomes `'fineTune'`, the others are unchanged. */
export function strategyKey(name: StrategyName): StrategyKey {
  return name === 'fine-tune' ? 'fineTune' : name;
}

/**
 * The strategy whose cost stands for a workload's answer in totals and summaries: the recommended one, or prompting
 * for `none` (what the workload costs while it runs as it does today; the report says it was counted so).
 */
export function countedStrategyKey(recommendation: Recommendation): StrategyKey {
  return recommendation === 'none' ? 'prompt' : strategyKey(recommendation);
}

/** The key of the recommended strategy, or undefined when nothing is feasible (`none`). */
export function recommendedStrategyKey(recommendation: Recommendation): StrategyKey | undefined {
  return recommendation === 'none' ? undefined : strategyKey(recommendation);
}

/** USD a month on average and over the horizon. */
export interface Money {
  averageMonthly: number;
  total: number;
}

/**
 * What running `strategy` costs a workload. Where it cannot run (blocked, or no fine-tuning price), prompting's
 * cost stands in, since that is what the team would keep paying. The bill, the totals and the attribution all count
 * a strategy this way; a `none` recommendation counts at prompt cost ({@link countedStrategyKey}).
 */
export function runningCost(strategies: Record<StrategyKey, StrategyCost>, strategy: Recommendation): Money {
  const chosen = strategies[countedStrategyKey(strategy)];
  const counted = chosen.priced && chosen.feasible ? chosen : strategies.prompt;
  return { averageMonthly: counted.averageMonthly, total: counted.total };
}

/** Half a cent a month is rounding, not a saving worth a sentence. */
const SAVING_TOLERANCE = 0.005;

/**
 * The bill (what `current` costs) and the opportunity (the saving of switching to `recommendation`, when there is
 * one) of a workload, rounded as the report rounds money.
 */
export function billOf(
  strategies: Record<StrategyKey, StrategyCost>,
  current: StrategyName,
  recommendation: Recommendation,
): Pick<WorkloadReport, 'current' | 'bill' | 'opportunity'> {
  const bill = runningCost(strategies, current);
  const recommended = runningCost(strategies, recommendation);
  const averageMonthly = roundTo(bill.averageMonthly - recommended.averageMonthly, 4);
  const total = roundTo(bill.total - recommended.total, 4);
  return {
    current,
    bill,
    ...(recommendation !== 'none' && recommendation !== current && averageMonthly >= SAVING_TOLERANCE
      ? { opportunity: { switchTo: recommendation, averageMonthly, total } }
      : {}),
  };
}
