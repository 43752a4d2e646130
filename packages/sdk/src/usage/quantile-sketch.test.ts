import { describe, expect, it } from 'vitest';
import { QuantileSketch } from './quantile-sketch.js';

/** A small seeded generator (mulberry32) so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe('QuantileSketch', () => {
  const distributions: Record<string, (next: () => number) => number> = {
    // Token counts are heavy-tailed: a log-normal around ~1,000 tokens.
    'log-normal token counts': (next) =>
      Math.round(Math.exp(7 + 1.2 * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()))),
    'uniform 0..100,000': (next) => Math.floor(next() * 100_000),
    'mostly zero (cache misses) with a tail': (next) => (next() < 0.7 ? 0 : Math.floor(next() * 5000)),
  };

  for (const [name, draw] of Object.entries(distributions)) {
    it(`keeps p50, p95 and p99 within the relative accuracy on ${name}`, () => {
      const next = random(42);
      const sketch = new QuantileSketch(0.01);
      const values: number[] = [];
      for (let index = 0; index < 50_000; index += 1) {
        const value = draw(next);
        values.push(value);
        sketch.add(value);
      }
      values.sort((left, right) => left - right);
      for (const q of [0, 0.5, 0.95, 0.99, 1]) {
        const exact = exactQuantile(values, q);
        const estimate = sketch.quantile(q);
        expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(0.01 * exact + 1e-9);
      }
      const exactMean = values.reduce((total, value) => total + value, 0) / values.length;
      expect(sketch.mean).toBeCloseTo(exactMean, 6);
      expect(sketch.count).toBe(50_000);
    });
  }

  it('is not exact: a coarser accuracy gives a visibly different but bounded answer', () => {
    const sketch = new QuantileSketch(0.1);
    for (let value = 1; value <= 1000; value += 1) sketch.add(value);
    const estimate = sketch.quantile(0.95);
    expect(estimate).not.toBe(950);
    expect(Math.abs(estimate - 950)).toBeLessThanOrEqual(95);
  });

  it('stays small however many values it sees', () => {
    const sketch = new QuantileSketch(0.01);
    const next = random(7);
    for (let index = 0; index < 200_000; index += 1) sketch.add(Math.floor(next() * 1e6) + 1);
    // Buckets cover log_γ(1e6) ≈ 691 indexes, grown by doubling: plus a little slack, never the 200,000 values.
    const buckets = (sketch as unknown as { counts: Float64Array }).counts.length;
    expect(buckets).toBeLessThan(800);
  });

  it('merges two sketches into the sketch of the union', () => {
    const left = new QuantileSketch();
    const right = new QuantileSketch();
    const both = new QuantileSketch();
    for (let value = 1; value <= 500; value += 1) {
      left.add(value);
      both.add(value);
    }
    for (let value = 10_000; value <= 10_500; value += 1) {
      right.add(value);
      both.add(value);
    }
    left.merge(right);
    expect(left.count).toBe(both.count);
    expect(left.quantile(0.95)).toBe(both.quantile(0.95));
    expect(left.mean).toBeCloseTo(both.mean, 9);
  });

  it('returns 0 when empty and ignores negative or non-finite values', () => {
    const sketch = new QuantileSketch();
    expect(sketch.quantile(0.95)).toBe(0);
    sketch.add(-5);
    sketch.add(Number.NaN);
    sketch.add(Number.POSITIVE_INFINITY);
    expect(sketch.count).toBe(0);
  });
});
