import { STRATEGY_KEYS } from '../model/strategies.js';
import type { Factor, StrategyKey, WorkloadReport } from '../model/types.js';

/**
 * The one rule for what the text and markdown reports show of a workload's reasons, so both say the same: every
 * factor, strongest first (ties keep the decision's order), its weight signed to at most two decimals; and one line
 * per sensitivity probe. Each renderer only escapes the text for its medium.
 */
export interface ShownFactor {
  favors: Factor['favors'];
  /** "+1.5", "-0.25", "+2". */
  weight: string;
  reason: string;
}

const weightFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function shownFactors(workload: WorkloadReport): ShownFactor[] {
  return workload.factors
    .map((factor, index) => ({ factor, index }))
    .sort((left, right) => Math.abs(right.factor.weight) - Math.abs(left.factor.weight) || left.index - right.index)
    .map(({ factor }) => ({
      favors: factor.favors,
      weight: `${factor.weight < 0 ? '-' : '+'}${weightFormat.format(Math.abs(factor.weight))}`,
      reason: factor.reason,
    }));
}

/**
 * One line per sensitivity probe that flips the answer ("volume.requestsPerMonth over 50,000–200,000
 * requests/month: prompt → fine-tune"). Probes that leave the answer alone say nothing a reader needs.
 */
export function sensitivityLines(workload: WorkloadReport): string[] {
  return workload.sensitivity
    .filter((entry) => entry.changesAnswer)
    .map((entry) => `${entry.input} over ${entry.range}: ${entry.low} → ${entry.high}`);
}

/** Each blocker once, with every strategy it blocks, in strategy order; renderers put them under the table. */
export function blockedStrategies(workload: WorkloadReport): Array<{ message: string; keys: StrategyKey[] }> {
  const strategiesByBlocker = new Map<string, { message: string; keys: StrategyKey[] }>();
  for (const key of STRATEGY_KEYS) {
    for (const blocker of workload.strategies[key].blockers) {
      const identity = `${blocker.id}\u0000${blocker.message}`;
      const entry = strategiesByBlocker.get(identity) ?? { message: blocker.message, keys: [] };
      entry.keys.push(key);
      strategiesByBlocker.set(identity, entry);
    }
  }
  return [...strategiesByBlocker.values()];
}
