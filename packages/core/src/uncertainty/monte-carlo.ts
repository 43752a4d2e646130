import type { StrategyKey, Uncertainty } from '../model/types.js';
import type { VolumeRange } from '../schema/usage-file.js';

/** mulberry32: a small, fast, seedable PRNG; the same seed gives the same stream everywhere. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit seed from a string (FNV-1a), so each workload gets its own reproducible stream. */
export function seedFromString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Inverse-CDF draw from triangular(low, mode, high) for a uniform u in [0, 1). */
export function triangular(range: VolumeRange, uniform: number): number {
  const { low, expected: mode, high } = range;
  if (high <= low) return low;
  const split = (mode - low) / (high - low);
  return uniform < split
    ? low + Math.sqrt(uniform * (high - low) * (mode - low))
    : high - Math.sqrt((1 - uniform) * (high - low) * (high - mode));
}

/** Linear-interpolated quantile of sorted values. */
export function quantile(sorted: ArrayLike<number>, fraction: number): number {
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
  /** Totals of each strategy over the horizon for a month-1 volume: the cost model's `costAtVolume`. */
  totalsAt: (requestsPerMonth: number) => Record<StrategyKey, number>;
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
    const totals = options.totalsAt(triangular(options.range, random()));
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
