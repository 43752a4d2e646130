import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../__fixtures__/property-runs.js';
import type { ModelPrices } from '../catalog/types.js';
import { usageFileSchema, type Workload } from '../schema/usage-file.js';
import { type CostContext, computeStrategies, computeWorkloadCosts } from './cost-model.js';

// Generated cases take seconds on a slow, shared runner; vitest's 5 s default flaked there under load.
const PROPERTY_TIMEOUT_MS = 120_000;

const price = fc.double({ min: 0.01, max: 100, noNaN: true });
const tokenCount = fc.integer({ min: 0, max: 20000 });

const arbitraryCase = fc.record({
  requestsPerMonth: fc.integer({ min: 0, max: 50_000_000 }),
  monthlyGrowth: fc.double({ min: 0, max: 0.2, noNaN: true }),
  instructionTokens: tokenCount,
  exampleTokens: tokenCount,
  inputTokens: tokenCount,
  outputTokens: fc.integer({ min: 1, max: 4000 }),
  cacheHitRate: fc.double({ min: 0, max: 1, noNaN: true }),
  examples: fc.integer({ min: 50, max: 100000 }),
  selfHosted: fc.boolean(),
  base: fc.record({ input: price, cachedFraction: fc.double({ min: 0.05, max: 1, noNaN: true }), output: price }),
  tuned: fc.record({ training: price, input: price, output: price }),
  gpuHourly: fc.double({ min: 0.5, max: 20, noNaN: true }),
  tokensPerSecond: fc.integer({ min: 100, max: 20000 }),
});
type Case = typeof arbitraryCase extends fc.Arbitrary<infer T> ? T : never;

function contextFor(example: Case): CostContext {
  const usageFile = usageFileSchema.parse({
    version: 1,
    workloads: [
      {
        id: 'generated',
        model: 'test/base',
        volume: { requestsPerMonth: example.requestsPerMonth, monthlyGrowth: example.monthlyGrowth },
        prompt: {
          instructionTokens: example.instructionTokens,
          exampleTokens: example.exampleTokens,
          inputTokens: example.inputTokens,
          outputTokens: example.outputTokens,
          cacheHitRate: example.cacheHitRate,
        },
        trainingData: { examples: example.examples },
        fineTune: {
          model: 'test/tuned',
          ...(example.selfHosted
            ? {
                hosting: 'self-hosted',
                selfHosted: { gpuHourly: example.gpuHourly, tokensPerSecond: example.tokensPerSecond },
              }
            : {}),
        },
      },
    ],
  });
  const models: Record<string, ModelPrices> = {
    'test/base': {
      id: 'test/base',
      input: example.base.input,
      cachedInput: example.base.input * example.base.cachedFraction,
      output: example.base.output,
    },
    'test/tuned': { id: 'test/tuned', input: 1, output: 1, fineTuning: example.tuned },
  };
  return {
    workload: usageFile.workloads[0] as Workload,
    assumptions: usageFile.assumptions,
    asOf: '2026-11-28',
    resolveModel: (id) => models[id],
  };
}

const totals = (example: Case) => {
  const strategies = computeStrategies(contextFor(example));
  return [strategies.prompt.total, strategies.fineTune.total, strategies.hybrid.total];
};

function expectNoLower(before: number[], after: number[]) {
  after.forEach((value, index) => {
    expect(value).toBeGreaterThanOrEqual(before[index]! - 1e-6 * Math.max(1, Math.abs(before[index]!)));
  });
}

describe('cost never falls when volume, tokens or prices rise', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('volume', () => {
    fc.assert(
      fc.property(arbitraryCase, fc.integer({ min: 1, max: 10_000_000 }), (example, extra) => {
        expectNoLower(totals(example), totals({ ...example, requestsPerMonth: example.requestsPerMonth + extra }));
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it('tokens', () => {
    const field = fc.constantFrom('instructionTokens', 'exampleTokens', 'inputTokens', 'outputTokens' as const);
    fc.assert(
      fc.property(arbitraryCase, field, fc.integer({ min: 1, max: 5000 }), (example, key, extra) => {
        expectNoLower(totals(example), totals({ ...example, [key]: example[key] + extra }));
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it('prices', () => {
    fc.assert(
      fc.property(arbitraryCase, fc.double({ min: 1, max: 3, noNaN: true }), (example, factor) => {
        const raised: Case = {
          ...example,
          base: { ...example.base, input: example.base.input * factor, output: example.base.output * factor },
          tuned: {
            training: example.tuned.training * factor,
            input: example.tuned.input * factor,
            output: example.tuned.output * factor,
          },
          gpuHourly: example.gpuHourly * factor,
        };
        expectNoLower(totals(example), totals(raised));
      }),
      { numRuns: propertyRuns(100) },
    );
  });
});

describe('break-even volume is where the two averages meet', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('fine-tune averages no more than prompt at break-even, and more just below it', () => {
    fc.assert(
      fc.property(arbitraryCase, (example) => {
        const flat = { ...example, monthlyGrowth: 0 };
        const context = contextFor(flat);
        const volume = computeWorkloadCosts(context).breakEven.requestsPerMonth;
        if (volume === null) {
          // No crossover: fine-tune stays above prompt at every volume we can probe.
          for (const probe of [0, 1e3, 1e6, 1e9, 1e12]) {
            const at = computeStrategies(context, { requestsPerMonth: probe, monthlyGrowth: 0 });
            expect(at.fineTune.averageMonthly).toBeGreaterThan(at.prompt.averageMonthly - 1e-6);
          }
          return;
        }
        const at = computeStrategies(context, { requestsPerMonth: volume, monthlyGrowth: 0 });
        const tolerance = 1e-7 * Math.max(1, at.prompt.averageMonthly);
        expect(at.fineTune.averageMonthly).toBeLessThanOrEqual(at.prompt.averageMonthly + tolerance);
        if (volume >= 1) {
          const below = computeStrategies(context, { requestsPerMonth: volume - 1, monthlyGrowth: 0 });
          expect(below.fineTune.averageMonthly).toBeGreaterThan(below.prompt.averageMonthly - tolerance);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
