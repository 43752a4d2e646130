import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE_CLASS, DEFAULT_SPEED, estimateLatencyMs, speedOf } from './latency.js';

describe('speedOf', () => {
  it('uses the model’s own speed over its size class', () => {
    const own = { ttftMs: 100, prefillTokensPerSecond: 20000, outputTokensPerSecond: 300 };
    expect(speedOf({ speed: own, sizeClass: 'large' })).toBe(own);
  });

  it('falls back to the size class, and to a medium model when nothing is known', () => {
    expect(speedOf({ sizeClass: 'small' })).toBe(DEFAULT_SPEED.small);
    expect(speedOf({ sizeClass: 'large' })).toBe(DEFAULT_SPEED.large);
    expect(DEFAULT_SIZE_CLASS).toBe('medium');
    expect(speedOf({})).toBe(DEFAULT_SPEED.medium);
  });
});

describe('estimateLatencyMs', () => {
  it('adds time to first token, prefill and output at the model’s rates', () => {
    // Medium defaults: 450 ms + 2,000 prompt tokens at 8,000/s (250 ms) + 180 output tokens at 90/s (2,000 ms).
    expect(estimateLatencyMs(DEFAULT_SPEED.medium, 2000, 180)).toBeCloseTo(450 + 250 + 2000, 9);
    expect(estimateLatencyMs(DEFAULT_SPEED.small, 0, 0)).toBe(300);
  });

  it('orders the default size classes: small answers before medium, medium before large', () => {
    const latency = (size: 'small' | 'medium' | 'large') => estimateLatencyMs(DEFAULT_SPEED[size], 1000, 200);
    expect(latency('small')).toBeLessThan(latency('medium'));
    expect(latency('medium')).toBeLessThan(latency('large'));
  });
});
