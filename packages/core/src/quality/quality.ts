import { createRandom, seedFromString } from '../model/random.js';
import type { PassRate, QualityComparison, StrategyKey } from '../model/types.js';
import type { EvalResult, Quality } from '../schema/usage-file.js';
import { betaQuantile, sampleBeta } from './beta.js';

export type { PassRate, QualityComparison } from '../model/types.js';

/** Width of the interval shown around each pass rate (DESIGN.md: a 90% interval). */
export const PASS_RATE_INTERVAL = 0.9;
/** Two strategies are distinguishable when one passes more often with at least this probability. */
export const DISTINGUISHABLE_AT = 0.95;
/** Seeded draws per comparison: the Monte Carlo error of a probability near 0.95 is then about 0.0015. */
export const QUALITY_DRAWS = 20_000;

// Standard normal quantiles of the sample-size formula (scipy.stats.norm.ppf(0.95) and ppf(0.8)):
// a one-sided 5% test that finds a real difference of that size 80% of the time.
const Z_95 = 1.6448536269514722;
const Z_80 = 0.8416212335729143;

/** The point estimate and 90% interval of one strategy's pass rate. */
export function passRate(result: EvalResult): PassRate {
  const { alpha, beta } = posterior(result);
  const tail = (1 - PASS_RATE_INTERVAL) / 2;
  return {
    passed: result.passed,
    total: result.total,
    rate: result.passed / result.total,
    low: betaQuantile(tail, alpha, beta),
    high: betaQuantile(1 - tail, alpha, beta),
  };
}

/** Pass rates of the strategies a `quality` block measured; an unmeasured strategy has no entry. */
export function passRates(quality: Quality): Partial<Record<StrategyKey, PassRate>> {
  const rates: Partial<Record<StrategyKey, PassRate>> = {};
  for (const strategy of ['prompt', 'fineTune', 'hybrid'] as const) {
    const result = quality[strategy];
    if (result !== undefined) rates[strategy] = passRate(result);
  }
  return rates;
}

/** Options of {@link probabilityHigher} and {@link compareQuality}. */
export interface QualityDrawOptions {
  /** Seed of the draws; default: `seedFromString("passedA/totalA passedB/totalB")`, so equal inputs give equal answers. */
  seed?: number;
  /** Draws from each Beta; default {@link QUALITY_DRAWS}. */
  draws?: number;
}

/** P(p_a > p_b) under independent Beta posteriors, estimated from seeded draws. */
export function probabilityHigher(a: EvalResult, b: EvalResult, options: QualityDrawOptions = {}): number {
  const draws = options.draws ?? QUALITY_DRAWS;
  if (!(Number.isInteger(draws) && draws > 0))
    throw new RangeError(`draws must be a positive whole number (got ${draws})`);
  const random = createRandom(options.seed ?? seedFromString(`${a.passed}/${a.total} ${b.passed}/${b.total}`));
  const first = posterior(a);
  const second = posterior(b);
  let higher = 0;
  for (let draw = 0; draw < draws; draw++) {
    const drawA = sampleBeta(first.alpha, first.beta, random);
    const drawB = sampleBeta(second.alpha, second.beta, random);
    // A tie (possible only in the last bits) counts half to each side, so equal inputs sit at 0.5.
    if (drawA > drawB) higher += 1;
    else if (drawA === drawB) higher += 0.5;
  }
  return higher / draws;
}

/** Compares two strategies' eval results (DESIGN.md, "Measured quality"). */
export function compareQuality(a: EvalResult, b: EvalResult, options: QualityDrawOptions = {}): QualityComparison {
  const probabilityAHigher = probabilityHigher(a, b, options);
  const casesPerStrategy = casesToDistinguish(a.passed / a.total, b.passed / b.total);
  return {
    probabilityAHigher,
    distinguishable: Math.max(probabilityAHigher, 1 - probabilityAHigher) >= DISTINGUISHABLE_AT,
    casesPerStrategy,
    moreCases:
      casesPerStrategy === undefined
        ? undefined
        : { a: Math.max(0, casesPerStrategy - a.total), b: Math.max(0, casesPerStrategy - b.total) },
  };
}

/**
 * Cases per strategy that tell pass rates `rateA` and `rateB` apart, rounded up:
 * `n = (z₀.₉₅·√(2·p̄(1−p̄)) + z₀.₈·√(p_a(1−p_a)+p_b(1−p_b)))² / (p_a−p_b)²` with p̄ the mean of the two.
 * Undefined when the rates are equal.
 */
export function casesToDistinguish(rateA: number, rateB: number): number | undefined {
  for (const rate of [rateA, rateB]) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`a pass rate must be in [0, 1] (got ${rate})`);
  }
  if (rateA === rateB) return undefined;
  const mean = (rateA + rateB) / 2;
  const pooled = Z_95 * Math.sqrt(2 * mean * (1 - mean));
  const separate = Z_80 * Math.sqrt(rateA * (1 - rateA) + rateB * (1 - rateB));
  return Math.ceil((pooled + separate) ** 2 / (rateA - rateB) ** 2);
}

/** `failures_m = v_m · (1 − p) · failureCostUsd`: what a month's wrong answers cost, in USD. */
export function monthlyFailureCost(requestsPerMonth: number, rate: number, failureCostUsd: number): number {
  return requestsPerMonth * (1 - rate) * failureCostUsd;
}

function posterior(result: EvalResult): { alpha: number; beta: number } {
  const { passed, total } = result;
  if (!(Number.isInteger(passed) && Number.isInteger(total) && passed >= 0 && total >= 1 && passed <= total)) {
    throw new RangeError(`an eval result needs whole numbers 0 ≤ passed ≤ total, total ≥ 1 (got ${passed}/${total})`);
  }
  return { alpha: passed + 1, beta: total - passed + 1 };
}
