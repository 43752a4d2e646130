import type { StrategyKey, StrategyName } from './types.js';

/** The keys of a workload's `strategies`, in report order. */
export const STRATEGY_KEYS: readonly StrategyKey[] = ['prompt', 'fineTune', 'hybrid'];

/** The key of `strategies` for a strategy name: `'fine-tune'` becomes `'fineTune'`, the others are unchanged. */
export function strategyKey(name: StrategyName): StrategyKey {
  return name === 'fine-tune' ? 'fineTune' : name;
}
