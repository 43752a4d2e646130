import type { ModelPrices, SizeClass, Speed } from '../catalog/types.js';

/**
 * Latency of a model without a published `speed`, by size class. Round figures for hosted APIs in late 2026:
 * small models (mini/nano/flash-lite, ≤ 10B open models) answer fastest; large frontier models slowest.
 */
export const DEFAULT_SPEED: Readonly<Record<SizeClass, Speed>> = {
  small: { ttftMs: 300, prefillTokensPerSecond: 12000, outputTokensPerSecond: 150 },
  medium: { ttftMs: 450, prefillTokensPerSecond: 8000, outputTokensPerSecond: 90 },
  large: { ttftMs: 700, prefillTokensPerSecond: 5000, outputTokensPerSecond: 50 },
};

/** The size class assumed when a model has neither `speed` nor `sizeClass`. */
export const DEFAULT_SIZE_CLASS: SizeClass = 'medium';

/** A model's latency profile: its own `speed`, else the default for its size class (medium when it has none). */
export function speedOf(model: Pick<ModelPrices, 'speed' | 'sizeClass'>): Speed {
  return model.speed ?? DEFAULT_SPEED[model.sizeClass ?? DEFAULT_SIZE_CLASS];
}

/** `ttftMs + promptTokens / prefill · 1000 + outputTokens / output · 1000` */
export function estimateLatencyMs(speed: Speed, promptTokens: number, outputTokens: number): number {
  return (
    speed.ttftMs +
    (promptTokens / speed.prefillTokensPerSecond) * 1000 +
    (outputTokens / speed.outputTokensPerSecond) * 1000
  );
}
