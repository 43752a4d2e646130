import { createRandom } from '../model/random.js';
import type { StrategyKey, Uncertainty } from '../model/types.js';
import type { VolumeRange } from '../schema/usage-file.js';

// The seeded generator lives in model/ so that quality (which the cost model reads) can draw without this folder.
export { createRandom, seedFromString } from '../model/random.js';

/** Inverse-CDF draw from triangular(low, mode, high) for a uniform u in [0, 1). */
export function triangular(range: VolumeRange, uniform: number): number {
  const { low, expected: mode, high } = range;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a range with high = low gives split = NaN, and the second branch then returns high − √0 = low
  if (high <= low) return low;
  const split = (mode - low) / (high - low);
  // Stryker disable next-line EqualityOperator: both branches give the mode at uniform = split (the inverse CDF is continuous there)
  return uniform < split
    ? low + Math.sqrt(uniform * (high - low) * (mode - low))
    : high - Math.sqrt((1 - uniform) * (high - low) * (high - mode));
}

/** Linear-interpolated quantile of sorted values. */
export function quantile(sorted: ArrayLike<number>, fraction: number): number {
  // Stryker disable next-line ConditionalExpression: without the guard an empty array reads undefined on both sides, which `?? 0` turns into the same 0
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const lowerValue = sorted[lower] ?? 0;
  return lowerValue + ((sorted[upper] ?? lowerValue) - lowerValue) * (position - lower);
}

/** Monte Carlo draws per workload when none are given (2,000). */
export const DEFAULT_DRAWS = 2000;

/** Options of {@link simulateVolume}: the volume range to draw from, the seed, and how to price a volume. */
export interface MonteCarloOptions {
  range: VolumeRange;
  draws?: number;
  seed: number;
  /**
   * Totals of each strategy over the horizon for a month-1 volume: the cost model's `costAtVolume`. It may draw more
   * inputs (measured pass rates) from `random`, the simulation's own seeded stream.
   */
  totalsAt: (requestsPerMonth: number, random: () => number) => Record<StrategyKey, number>;
}

/**
 * Seeded Monte Carlo over a triangular volume draw: the probability that fine-tuning's total is lower than
 * prompting's, and p10/p50/p90 totals per strategy. Same input, same numbers.
 */
export function simulateVolume(options: MonteCarloOptions): Uncertainty {
  const draws = options.draws ?? DEFAULT_DRAWS;
  const random = createRandom(options.seed);
  // Typed arrays sort numerically without a comparator, several times faster than number[].
  const samples: Record<StrategyKey, Float64Array> = {
    prompt: new Float64Array(draws),
    fineTune: new Float64Array(draws),
    hybrid: new Float64Array(draws),
  };
  let fineTuneCheaper = 0;
  for (let draw = 0; draw < draws; draw += 1) {
    const totals = options.totalsAt(triangular(options.range, random()), random);
    samples.prompt[draw] = totals.prompt;
    samples.fineTune[draw] = totals.fineTune;
    samples.hybrid[draw] = totals.hybrid;
    if (totals.fineTune < totals.prompt) fineTuneCheaper += 1;
  }
  const summary = (values: Float64Array) => {
    values.sort();
    return { p10: quantile(values, 0.1), p50: quantile(values, 0.5), p90: quantile(values, 0.9) };
  };
  return {
    draws,
    seed: options.seed,
    fineTuneCheaperProbability: draws === 0 ? 0 : fineTuneCheaper / draws,
    totals: { prompt: summary(samples.prompt), fineTune: summary(samples.fineTune), hybrid: summary(samples.hybrid) },
  };
}
