import type { Factor, WorkloadReport } from '../model/types.js';

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

/** "prompt.outputTokens over half to double: stays prompt", or "… : prompt → fine-tune (changes the answer)". */
export function sensitivityLines(workload: WorkloadReport): string[] {
  return workload.sensitivity.map(
    (entry) =>
      `${entry.input} over ${entry.range}: ` +
      (entry.low === entry.high && !entry.changesAnswer
        ? `stays ${entry.low}`
        : `${entry.low} → ${entry.high}${entry.changesAnswer ? ' (changes the answer)' : ''}`),
  );
}
