import { describe, expect, it } from 'vitest';
import { seedFromString } from '../model/random.js';
import {
  casesToDistinguish,
  compareQuality,
  monthlyFailureCost,
  passRate,
  passRates,
  probabilityHigher,
} from './quality.js';

// DESIGN.md's example: prompt 431/500, fine-tune 472/500, hybrid 474/500.
const prompt = { passed: 431, total: 500 };
const fineTune = { passed: 472, total: 500 };

describe('passRate', () => {
  it('gives passed/total and the 90% interval of Beta(passed + 1, total − passed + 1)', () => {
    // Interval ends are scipy 1.17.1 beta.ppf(0.05 | 0.95, 432, 70).
    const rate = passRate(prompt);
    expect(rate.passed).toBe(431);
    expect(rate.total).toBe(500);
    expect(rate.rate).toBe(0.862);
    expect(rate.low).toBeCloseTo(0.8343574135524725, 10);
    expect(rate.high).toBeCloseTo(0.8851238164077158, 10);
  });

  it('keeps the interval inside [0, 1] and around the estimate at the edges', () => {
    const none = passRate({ passed: 0, total: 10 });
    expect(none.rate).toBe(0);
    expect(none.low).toBeGreaterThan(0);
    expect(none.high).toBeCloseTo(0.2384041903808526, 10);
    const all = passRate({ passed: 10, total: 10 });
    expect(all.rate).toBe(1);
    expect(all.high).toBeLessThan(1);
    expect(all.low).toBeCloseTo(0.7615958096191473, 10);
  });

  it('lists only the measured strategies', () => {
    const rates = passRates({ failureCostUsd: 0.4, prompt, hybrid: { passed: 474, total: 500 } });
    expect(Object.keys(rates)).toEqual(['prompt', 'hybrid']);
    expect(rates.hybrid?.rate).toBe(0.948);
  });

  it('refuses a result that is not a count of cases', () => {
    expect(() => passRate({ passed: 5, total: 4 })).toThrow(RangeError);
    expect(() => passRate({ passed: 0, total: 0 })).toThrow(RangeError);
    expect(() => passRate({ passed: 1.5, total: 4 })).toThrow(RangeError);
  });

  it('names the result it refuses, and takes a single case', () => {
    const message = (passed: number, total: number) =>
      `an eval result needs whole numbers 0 ≤ passed ≤ total, total ≥ 1 (got ${passed}/${total})`;
    expect(() => passRate({ passed: 5, total: 4 })).toThrow(message(5, 4));
    expect(() => passRate({ passed: -1, total: 4 })).toThrow(message(-1, 4));
    expect(passRate({ passed: 0, total: 1 })).toMatchObject({ rate: 0, total: 1 });
    expect(() => casesToDistinguish(1.2, 0.5)).toThrow('a pass rate must be in [0, 1] (got 1.2)');
    expect(() => casesToDistinguish(0.5, -0.1)).toThrow('a pass rate must be in [0, 1] (got -0.1)');
    expect(() => probabilityHigher({ passed: 1, total: 2 }, { passed: 1, total: 2 }, { draws: 0 })).toThrow(
      'draws must be a positive whole number (got 0)',
    );
  });
});

describe('probabilityHigher', () => {
  // Reference probabilities: scipy 1.17.1, quad(beta(a).pdf(x) · beta(b).cdf(x), 0, 1) for the two posteriors.
  it.each([
    [fineTune, prompt, 0.9999950322690803],
    [{ passed: 45, total: 50 }, { passed: 40, total: 50 }, 0.9139121376452467],
    [{ passed: 8, total: 10 }, { passed: 6, total: 10 }, 0.8192724458204332],
  ])('P(%o > %o) from 20,000 seeded draws is within 4 standard errors of the integral', (a, b, exact) => {
    const estimate = probabilityHigher(a, b, { seed: 11 });
    const standardError = Math.sqrt((exact * (1 - exact)) / 20_000);
    expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(Math.max(4 * standardError, 1e-4));
  });

  it('seeds its draws from the two results by default, so a report reproduces from its counts', () => {
    const a = { passed: 45, total: 50 };
    const b = { passed: 40, total: 50 };
    expect(probabilityHigher(a, b)).toBe(probabilityHigher(a, b, { seed: seedFromString('45/50 40/50') }));
  });

  it('counts a tie half to each side, so equal results sit at 0.5 even where draws collide', () => {
    // 10^15 cases a side: both posteriors sit within about 1e-15 of 1, where doubles are 1.1e-16 apart, and about
    // one draw in sixteen ties. Counting ties to neither side would give 0.469 here.
    const huge = { passed: 1e15, total: 1e15 };
    expect(Math.abs(probabilityHigher(huge, huge) - 0.5)).toBeLessThan(0.015);
  });

  it('is reproducible for a seed, and complementary when the sides swap', () => {
    const a = { passed: 45, total: 50 };
    const b = { passed: 40, total: 50 };
    expect(probabilityHigher(a, b)).toBe(probabilityHigher(a, b));
    expect(probabilityHigher(a, b, { seed: 3 })).toBe(probabilityHigher(a, b, { seed: 3 }));
    expect(probabilityHigher(a, b, { seed: 3 }) + probabilityHigher(b, a, { seed: 3 })).toBeCloseTo(1, 1);
    expect(() => probabilityHigher(a, b, { draws: 0 })).toThrow(RangeError);
  });
});

describe('casesToDistinguish', () => {
  it('reproduces the hand-computed sample size for 94.4% against 86.2%', () => {
    // p̄ = 0.903; 2·p̄(1−p̄) = 0.175182; 1.6448536·√0.175182 = 0.6884494
    // p_a(1−p_a) + p_b(1−p_b) = 0.052864 + 0.118956 = 0.17182; 0.8416212·√0.17182 = 0.3488619
    // (0.6884494 + 0.3488619)² = 1.0760146; / 0.082² = 0.006724 → 160.026 → 161 cases per strategy.
    expect(casesToDistinguish(0.944, 0.862)).toBe(161);
    expect(casesToDistinguish(0.862, 0.944)).toBe(161);
  });

  it('reproduces the hand-computed sample size for 90% against 80%', () => {
    // p̄ = 0.85; 1.6448536·√0.255 = 0.8306104; 0.8416212·√(0.09 + 0.16) = 0.4208106
    // (1.2514210)² = 1.5660545; / 0.01 → 156.605 → 157 cases per strategy.
    expect(casesToDistinguish(0.9, 0.8)).toBe(157);
  });

  it('has no answer for equal rates and refuses rates outside [0, 1]', () => {
    expect(casesToDistinguish(0.9, 0.9)).toBeUndefined();
    expect(() => casesToDistinguish(1.2, 0.5)).toThrow(RangeError);
  });
});

describe('compareQuality', () => {
  it('calls 472/500 against 431/500 distinguishable', () => {
    const comparison = compareQuality(fineTune, prompt);
    expect(comparison.distinguishable).toBe(true);
    expect(comparison.probabilityAHigher).toBeGreaterThan(0.999);
    expect(comparison.casesPerStrategy).toBe(161);
    expect(comparison.moreCases).toEqual({ a: 0, b: 0 });
  });

  it('calls 45/50 against 40/50 not distinguishable and says how many more cases to label', () => {
    const comparison = compareQuality({ passed: 45, total: 50 }, { passed: 40, total: 50 });
    expect(comparison.distinguishable).toBe(false);
    expect(comparison.casesPerStrategy).toBe(157);
    expect(comparison.moreCases).toEqual({ a: 107, b: 107 });
  });

  it('calls a probability of exactly 0.95 distinguishable', () => {
    // 420/500 against 400/500: 19,000 of the default 20,000 seeded draws favour the first (found by searching counts).
    const comparison = compareQuality({ passed: 420, total: 500 }, { passed: 400, total: 500 });
    expect(comparison.probabilityAHigher).toBe(0.95);
    expect(comparison.distinguishable).toBe(true);
  });

  it('is distinguishable in either direction', () => {
    expect(compareQuality(prompt, fineTune).distinguishable).toBe(true);
  });
});

describe('monthlyFailureCost', () => {
  it('is volume × failure rate × cost of one failure', () => {
    // DESIGN's worked sentence: 400,000 requests, $0.40 a failure, 5.6% against 13.8% failing.
    expect(monthlyFailureCost(400_000, 0.944, 0.4)).toBeCloseTo(8960, 6);
    expect(monthlyFailureCost(400_000, 0.862, 0.4)).toBeCloseTo(22_080, 6);
    expect(monthlyFailureCost(400_000, 0.862, 0.4) - monthlyFailureCost(400_000, 0.944, 0.4)).toBeCloseTo(13_120, 6);
    expect(monthlyFailureCost(400_000, 1, 0.4)).toBe(0);
  });
});
