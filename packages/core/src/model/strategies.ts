import type { Recommendation, StrategyKey, StrategyName } from './types.js';

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
