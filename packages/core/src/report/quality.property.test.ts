import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../__fixtures__/property-runs.js';
import { parseUsageFile } from '../parse/parse-usage-file.js';
import type { UsageFile } from '../schema/usage-file.js';
import { evaluate } from './evaluate.js';

// Properties of measured quality through the whole report (cost model, decision), on the invented prices of
// __fixtures__/quality-flip.yml with generated volumes, failure costs and eval results.

const base = parseUsageFile(readFileSync(new URL('./__fixtures__/quality-flip.yml', import.meta.url), 'utf8'), {
  fileName: 'quality-flip.yml',
}).usageFile;

interface Draw {
  requestsPerMonth: number;
  failureCostUsd: number;
  total: number;
  promptPassed: number;
  fineTunePassed: number;
}

function usageFileOf(draw: Draw): UsageFile {
  const workload = base.workloads[0]!;
  return {
    ...base,
    workloads: [
      {
        ...workload,
        volume: { ...workload.volume, requestsPerMonth: draw.requestsPerMonth },
        quality: {
          failureCostUsd: draw.failureCostUsd,
          prompt: { passed: draw.promptPassed, total: draw.total },
          fineTune: { passed: draw.fineTunePassed, total: draw.total },
        },
      },
    ],
  };
}

const report = (draw: Draw) => evaluate(usageFileOf(draw), { asOf: '2026-12-01', draws: 50 }).workloads[0]!;
const tuned = (draw: Draw) => (report(draw).recommendation === 'prompt' ? 0 : 1);

const drawArbitrary = fc
  .record({
    exponent: fc.integer({ min: 3000, max: 7000 }),
    failureCostUsd: fc.constantFrom(0, 0.01, 0.1, 0.4, 2),
    total: fc.integer({ min: 20, max: 1000 }),
    prompt: fc.double({ min: 0.5, max: 1, noNaN: true }),
    fineTune: fc.double({ min: 0.5, max: 1, noNaN: true }),
  })
  .map(
    (draw): Draw => ({
      requestsPerMonth: Math.round(10 ** (draw.exponent / 1000)),
      failureCostUsd: draw.failureCostUsd,
      total: draw.total,
      promptPassed: Math.round(draw.prompt * draw.total),
      fineTunePassed: Math.round(draw.fineTune * draw.total),
    }),
  );

describe('measured quality over generated workloads', { timeout: 60_000 }, () => {
  it('more failures for the fine-tune never make it more attractive', () => {
    fc.assert(
      fc.property(drawArbitrary, fc.integer({ min: 1, max: 200 }), (draw, fewer) => {
        const worse = { ...draw, fineTunePassed: Math.max(0, draw.fineTunePassed - fewer) };
        fc.pre(worse.fineTunePassed !== draw.fineTunePassed);
        expect(tuned(worse)).toBeLessThanOrEqual(tuned(draw));
        expect(report(worse).strategies.fineTune.averageMonthly).toBeGreaterThanOrEqual(
          report(draw).strategies.fineTune.averageMonthly - 1e-6,
        );
      }),
      { numRuns: propertyRuns(40), seed: 20261201 },
    );
  });

  it('more failures for the prompt never make it more attractive', () => {
    fc.assert(
      fc.property(drawArbitrary, fc.integer({ min: 1, max: 200 }), (draw, fewer) => {
        const worse = { ...draw, promptPassed: Math.max(0, draw.promptPassed - fewer) };
        fc.pre(worse.promptPassed !== draw.promptPassed);
        expect(tuned(worse)).toBeGreaterThanOrEqual(tuned(draw));
        const gap = (subject: Draw) => {
          const { prompt, fineTune } = report(subject).strategies;
          return prompt.averageMonthly - fineTune.averageMonthly;
        };
        expect(gap(worse)).toBeGreaterThanOrEqual(gap(draw) - 1e-6);
      }),
      { numRuns: propertyRuns(40), seed: 20261202 },
    );
  });

  it('a larger sample with the same rates never makes the answer less certain about quality', () => {
    fc.assert(
      fc.property(drawArbitrary, fc.integer({ min: 2, max: 10 }), (draw, factor) => {
        fc.pre(draw.promptPassed !== draw.fineTunePassed);
        const larger = {
          ...draw,
          total: draw.total * factor,
          promptPassed: draw.promptPassed * factor,
          fineTunePassed: draw.fineTunePassed * factor,
        };
        const small = report(draw).quality!.comparisons[0]!;
        const large = report(larger).quality!.comparisons[0]!;
        // Once told apart, always told apart; and the probability only moves away from a coin toss (draw noise aside).
        if (small.distinguishable) expect(large.distinguishable).toBe(true);
        const certainty = (probability: number) => Math.abs(probability - 0.5);
        expect(certainty(large.probabilityAHigher)).toBeGreaterThanOrEqual(certainty(small.probabilityAHigher) - 0.02);
        // And the more-cases step never asks for more cases than before.
        expect(large.moreCases!.a).toBeLessThanOrEqual(small.moreCases!.a);
      }),
      { numRuns: propertyRuns(30), seed: 20261203 },
    );
  });
});
