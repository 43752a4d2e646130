import { describe, expect, it } from 'vitest';
import { createRandom, quantile, seedFromString, simulateVolume, triangular } from './monte-carlo.js';

/**
 * The uncertainty band must come out the same for the same usage file on every machine and every release, so the
 * generator and the seed hash are pinned to their reference outputs, not only to their statistics.
 */
describe('the seeded generator and the seed hash', () => {
  it('draws mulberry32’s reference sequence', () => {
    // Reference values from an independent Python port of mulberry32 (32-bit integer arithmetic, masks as in C).
    const fromFortyTwo = createRandom(42);
    expect([fromFortyTwo(), fromFortyTwo(), fromFortyTwo()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
    ]);
    const fromZero = createRandom(0);
    expect([fromZero(), fromZero(), fromZero()]).toEqual([
      0.26642920868471265, 0.0003297457005828619, 0.2232720274478197,
    ]);
  });

  it('hashes a workload id with 32-bit FNV-1a (the published test vectors)', () => {
    expect(seedFromString('')).toBe(0x811c9dc5);
    expect(seedFromString('a')).toBe(0xe40c292c);
    expect(seedFromString('foobar')).toBe(0xbf9cf968);
  });
});

describe('triangular', () => {
  const range = { low: 0, expected: 50, high: 100 };

  it('maps a uniform draw through the inverse of the triangular distribution', () => {
    // Below the mode: low + sqrt(u (high − low)(mode − low)); above: high − sqrt((1 − u)(high − low)(high − mode)).
    expect(triangular(range, 0.125)).toBeCloseTo(25, 12);
    expect(triangular(range, 0.875)).toBeCloseTo(75, 12);
    expect(triangular(range, 0)).toBe(0);
    expect(triangular(range, 0.5)).toBeCloseTo(50, 12);
    expect(triangular({ low: 0, expected: 0, high: 100 }, 0.75)).toBeCloseTo(100 - Math.sqrt(0.25 * 100 * 100), 12);
  });

  it('returns low for a range with no width', () => {
    expect(triangular({ low: 7, expected: 7, high: 7 }, 0.9)).toBe(7);
  });
});

describe('quantile', () => {
  it('interpolates between the neighbouring samples', () => {
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantile([10, 20, 30, 40], 0)).toBe(10);
    expect(quantile([10, 20, 30, 40], 1)).toBe(40);
    expect(quantile([10, 20, 30, 40], 0.1)).toBeCloseTo(13, 12);
    expect(quantile([5], 0.9)).toBe(5);
  });

  it('is 0 with no samples', () => {
    expect(quantile([], 0.5)).toBe(0);
  });
});

describe('simulateVolume', () => {
  const totalsAt = (volume: number) => ({ prompt: volume * 2, fineTune: 100_000 + volume, hybrid: 150_000 + volume });

  it('reports the draws and seed it used, and no probability without draws', () => {
    const none = simulateVolume({ range: { low: 1, expected: 2, high: 3 }, draws: 0, seed: 9, totalsAt });
    expect(none).toMatchObject({ draws: 0, seed: 9, fineTuneCheaperProbability: 0 });
    expect(none.totals.prompt).toEqual({ p10: 0, p50: 0, p90: 0 });
  });

  it('counts a tie as not cheaper: fine-tuning must cost less than prompting', () => {
    // At exactly 100,000 requests both cost 200,000.
    const tie = simulateVolume({
      range: { low: 100_000, expected: 100_000, high: 100_000 },
      draws: 10,
      seed: 1,
      totalsAt,
    });
    expect(tie.fineTuneCheaperProbability).toBe(0);
    expect(tie.totals.hybrid).toEqual({ p10: 250_000, p50: 250_000, p90: 250_000 });
  });
});
