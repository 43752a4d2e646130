import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../__fixtures__/property-runs.js';
import { createRandom, DEFAULT_DRAWS, quantile, simulateVolume, triangular } from './monte-carlo.js';

// Generated cases take seconds on a slow, shared runner; vitest's 5 s default flaked there under load.
const PROPERTY_TIMEOUT_MS = 120_000;

describe('triangular draws', () => {
  it('stay within [low, high] and put the median near the closed form', () => {
    const range = { low: 100, expected: 200, high: 1000 };
    const random = createRandom(42);
    const values = Array.from({ length: 20000 }, () => triangular(range, random())).sort((a, b) => a - b);
    expect(values[0]).toBeGreaterThanOrEqual(100);
    expect(values.at(-1)).toBeLessThanOrEqual(1000);
    // Median of triangular(a, c, b) with c < (a+b)/2: b - sqrt((b-a)(b-c)/2) = 1000 - sqrt(900·800/2) = 400.
    expect(Math.abs(quantile(values, 0.5) - 400)).toBeLessThan(8);
  });

  it('invert the triangular CDF: low at 0, the mode at the mode’s share of the range, closed forms between', () => {
    const range = { low: 100, expected: 350, high: 1100 };
    expect(triangular(range, 0)).toBe(100);
    // F(mode) = (mode − low) / (high − low) = 0.25.
    expect(triangular(range, 0.25)).toBeCloseTo(350, 9);
    // Below the mode: low + √(u·(high − low)·(mode − low)) = 100 + √(0.1 × 1000 × 250) = 258.11.
    expect(triangular(range, 0.1)).toBeCloseTo(100 + Math.sqrt(0.1 * 1000 * 250), 9);
    // Above it: high − √((1 − u)·(high − low)·(high − mode)) = 1100 − √(0.5 × 1000 × 750) = 487.63.
    expect(triangular(range, 0.5)).toBeCloseTo(1100 - Math.sqrt(0.5 * 1000 * 750), 9);
    // Either side of the split (0.25), each branch's own formula.
    expect(triangular(range, 0.22)).toBeCloseTo(100 + Math.sqrt(0.22 * 1000 * 250), 9);
    expect(triangular(range, 0.3)).toBeCloseTo(1100 - Math.sqrt(0.7 * 1000 * 750), 9);
  });

  it('collapse to the single value of a degenerate range', () => {
    expect(triangular({ low: 5, expected: 5, high: 5 }, 0.7)).toBe(5);
  });
});

describe('quantile', () => {
  it('interpolates linearly between the two nearest sorted values', () => {
    const sorted = [10, 20, 30, 40];
    expect(quantile(sorted, 0)).toBe(10);
    // Position (4 − 1) × 0.5 = 1.5: halfway from 20 to 30.
    expect(quantile(sorted, 0.5)).toBe(25);
    // Position 0.3: 10 + 0.3 × 10.
    expect(quantile(sorted, 0.1)).toBeCloseTo(13, 12);
    expect(quantile(sorted, 1)).toBe(40);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBe(0);
  });
});

describe('simulateVolume', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  const totalsAt = (volume: number) => ({
    prompt: 1000 + volume * 0.01,
    fineTune: 3000 + volume * 0.002,
    hybrid: 3500,
  });

  it('is reproducible for the same seed and differs for another', () => {
    const range = { low: 50000, expected: 250000, high: 1000000 };
    const first = simulateVolume({ range, seed: 7, draws: 500, totalsAt });
    expect(simulateVolume({ range, seed: 7, draws: 500, totalsAt })).toEqual(first);
    expect(simulateVolume({ range, seed: 8, draws: 500, totalsAt }).totals.prompt.p50).not.toBe(
      first.totals.prompt.p50,
    );
  });

  it('gives the share of draws where fine-tuning is cheaper (crossover at 250,000)', () => {
    // P(V > 250000) for triangular(0, 250000, 1000000) = (1000000-250000)/(1000000-0) · (1000000-250000)/(1000000-250000) = 0.75.
    const result = simulateVolume({
      range: { low: 0, expected: 250000, high: 1000000 },
      seed: 1,
      draws: 20000,
      totalsAt,
    });
    expect(result.fineTuneCheaperProbability).toBeGreaterThan(0.73);
    expect(result.fineTuneCheaperProbability).toBeLessThan(0.77);
  });

  it('counts a draw where fine-tuning costs exactly what prompting costs as not cheaper', () => {
    const level = () => ({ prompt: 5000, fineTune: 5000, hybrid: 6000 });
    const result = simulateVolume({ range: { low: 1000, expected: 2000, high: 3000 }, seed: 3, totalsAt: level });
    expect(result.fineTuneCheaperProbability).toBe(0);
    // Without `draws`, the documented default.
    expect(result.draws).toBe(DEFAULT_DRAWS);
    expect(result.totals.hybrid).toEqual({ p10: 6000, p50: 6000, p90: 6000 });
    // And a fine-tune cheaper in every draw is cheaper with probability exactly 1.
    const cheaper = () => ({ prompt: 5000, fineTune: 4000, hybrid: 6000 });
    const always = simulateVolume({ range: { low: 1000, expected: 2000, high: 3000 }, seed: 3, totalsAt: cheaper });
    expect(always.fineTuneCheaperProbability).toBe(1);
  });

  it('gives 0, not NaN, with no draws at all', () => {
    const result = simulateVolume({ range: { low: 1, expected: 2, high: 3 }, seed: 3, draws: 0, totalsAt });
    expect(result.fineTuneCheaperProbability).toBe(0);
    expect(result.totals.prompt).toEqual({ p10: 0, p50: 0, p90: 0 });
  });

  it('orders p10 ≤ p50 ≤ p90 for any range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer(),
        (a, b, c, seed) => {
          const [low, expected, high] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
          const { totals } = simulateVolume({ range: { low, expected, high }, seed, draws: 200, totalsAt });
          for (const strategy of Object.values(totals)) {
            expect(strategy.p10).toBeLessThanOrEqual(strategy.p50);
            expect(strategy.p50).toBeLessThanOrEqual(strategy.p90);
          }
        },
      ),
      { numRuns: propertyRuns(50) },
    );
  });
});
