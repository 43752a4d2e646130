import { defaultCatalog, resolveModel } from '@tunewise/core';
import { describe, expect, it } from 'vitest';
import { usageCostUsd } from './cost.js';

describe('usageCostUsd', () => {
  it('prices uncached input, cache reads and output separately', () => {
    // 1,000,000 input of which 400,000 cached, 100,000 output at $2 / $0.5 / $8 per 1M.
    const cost = usageCostUsd(
      { inputTokens: 1_000_000, cachedInputTokens: 400_000, cacheWriteTokens: 0, outputTokens: 100_000 },
      { input: 2, cachedInput: 0.5, output: 8 },
    );
    expect(cost).toBeCloseTo(0.6 * 2 + 0.4 * 0.5 + 0.1 * 8, 12);
  });

  it('bills cache reads at the input price when there is no cached price, and never more cached than input', () => {
    const usage = { inputTokens: 100, cachedInputTokens: 500, cacheWriteTokens: 0, outputTokens: 0 };
    expect(usageCostUsd(usage, { input: 1, output: 1 })).toBeCloseTo(100 / 1e6, 15);
  });

  it("works with core's catalog prices", () => {
    const prices = resolveModel('openai/gpt-4.1-mini', {}, defaultCatalog)!;
    const usage = { inputTokens: 3000, cachedInputTokens: 2000, cacheWriteTokens: 0, outputTokens: 200 };
    const expected = (1000 * prices.input + 2000 * (prices.cachedInput ?? prices.input) + 200 * prices.output) / 1e6;
    expect(usageCostUsd(usage, prices)).toBeCloseTo(expected, 15);
  });
});
