import type { ModelPrices } from '@tunewise/core';
import type { TokenUsage } from './usage-shapes.js';

/**
 * What one call cost in USD at a model's base prices (per 1M tokens): uncached input at `input`,
 * cache reads at `cachedInput` (at `input` when the model has no cached price), output at `output`.
 * Cache writes are billed as input: the catalog has no cache-write price, and providers that charge
 * extra for them (Anthropic, 1.25× input for 5-minute writes) make this a slight underestimate.
 */
export function usageCostUsd(usage: TokenUsage, prices: Pick<ModelPrices, 'input' | 'cachedInput' | 'output'>): number {
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  return (
    ((usage.inputTokens - cached) * prices.input +
      cached * (prices.cachedInput ?? prices.input) +
      usage.outputTokens * prices.output) /
    1e6
  );
}
