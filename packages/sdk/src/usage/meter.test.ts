import { describe, expect, it } from 'vitest';
import { createUsageMeter } from './meter.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.UTC(2026, 10, 1);

describe('createUsageMeter', () => {
  it('keeps count, window, means and p95 per workload and extrapolates to a 30.4375-day month', () => {
    const meter = createUsageMeter();
    // 100 requests over 10 days: input 1000..1099, cached 500 on half, output 100.
    for (let index = 0; index < 100; index += 1) {
      meter.record(
        'triage',
        {
          prompt_tokens: 1000 + index,
          completion_tokens: 100,
          prompt_tokens_details: { cached_tokens: index % 2 === 0 ? 500 : 0 },
        },
        { at: start + (index * 10 * DAY) / 99, model: 'gpt-4.1-mini' },
      );
    }
    meter.record('other', { input_tokens: 10, output_tokens: 1 }, { at: start });
    const { workloads, warnings } = meter.measure();
    expect(workloads.map((workload) => workload.id)).toEqual(['triage', 'other']);
    const triage = workloads[0]!;
    expect(triage).toMatchObject({
      id: 'triage',
      model: 'gpt-4.1-mini',
      requests: 100,
      firstSeen: '2026-11-01T00:00:00.000Z',
      lastSeen: '2026-11-11T00:00:00.000Z',
      windowDays: 10,
      requestsPerMonth: 304, // 100 / 10 × 30.4375 = 304.375
      extrapolated: true,
    });
    expect(triage.tokens.input.mean).toBe(1049.5);
    // Exact p95 at rank floor(0.95 × 99) = 94 is 1094; the sketch is within 1%.
    expect(Math.abs(triage.tokens.input.p95 - 1094)).toBeLessThanOrEqual(11);
    expect(triage.tokens.cachedInput.mean).toBe(250);
    expect(triage.tokens.output).toEqual({ mean: 100, p95: 100 });
    expect(warnings).toEqual([expect.stringContaining('other: the observed window (0 min) is under an hour')]);
    expect(workloads[1]).toMatchObject({ requests: 1, requestsPerMonth: 1, extrapolated: false });
  });

  it('uses its clock for calls recorded without a time, and says when nothing carried a time', () => {
    let now = start;
    const meter = createUsageMeter({ now: () => now });
    meter.record('a', { input_tokens: 1, output_tokens: 1 });
    now += 2 * HOUR;
    meter.record('a', { input_tokens: 3, output_tokens: 1 });
    // 2 requests in 2 hours = 24 a day × 30.4375 = 730.5, rounded.
    expect(meter.measure().workloads[0]).toMatchObject({
      windowDays: 0.0833,
      requestsPerMonth: 731,
      extrapolated: true,
    });

    meter.recordTokens(
      'b',
      { inputTokens: 1, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 1 },
      { at: null },
    );
    expect(meter.measure().warnings).toEqual([expect.stringContaining('b: no request carried a timestamp')]);
  });

  it('takes the model and provider from OTel attributes and ignores values without usage', () => {
    const meter = createUsageMeter({ now: () => start });
    expect(
      meter.record('a', {
        'gen_ai.request.model': 'claude-sonnet-4-5',
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.usage.input_tokens': 5,
      }),
    ).toBe(true);
    expect(meter.record('a', { hello: 'world' })).toBe(false);
    expect(meter.measure().workloads[0]).toMatchObject({
      model: 'claude-sonnet-4-5',
      provider: 'anthropic',
      requests: 1,
    });
    const written = meter.toUsageFile('version: 1 # keep me\n', { asOf: '2026-11-28' });
    expect(written).toContain('version: 1 # keep me');
    expect(written).toContain('  - id: a\n    model: anthropic/claude-sonnet-4-5');
    meter.reset();
    expect(meter.measure().workloads).toEqual([]);
  });
});
