import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../__fixtures__/property-runs.js';
import { defaultCatalog, findCatalogGpu, fineTuningAccessOn, knownModelIds, resolveModel } from '../catalog/index.js';
import { parseUsageFile } from '../parse/index.js';
import { evaluate } from '../report/evaluate.js';
import { type CostContext, cacheableOn, computeStrategies, computeWorkloadCosts, replicasFor } from './cost-model.js';

/** A fixture of this folder parsed as the CLI parses it (catalog ids and GPUs checked), with its cost context. */
function fixture(name: string, asOf = '2026-12-01') {
  const text = readFileSync(new URL(`./__fixtures__/${name}.yml`, import.meta.url), 'utf8');
  const { usageFile } = parseUsageFile(text, {
    fileName: `${name}.yml`,
    knownModelIds: knownModelIds(defaultCatalog),
    catalog: defaultCatalog,
  });
  const context: CostContext = {
    workload: usageFile.workloads[0]!,
    assumptions: usageFile.assumptions,
    asOf,
    resolveModel: (id) => resolveModel(id, usageFile.models, defaultCatalog),
    resolveGpu: (id) => findCatalogGpu(defaultCatalog, id),
    fineTuningAccess: (provider) =>
      fineTuningAccessOn(defaultCatalog, provider, asOf, usageFile.assumptions.activeFineTuningProviders),
  };
  return { usageFile, context };
}

const cents = (values: readonly number[]) => values.map((value) => Math.round(value * 100) / 100);

describe('a fine-tune on a dedicated GPU endpoint (w3-dedicated-endpoint.yml)', () => {
  it('uses the catalog GPU the fixture cites', () => {
    const gpu = findCatalogGpu(defaultCatalog, 'together/h100');
    // The fixture's hand computation rests on these two figures; a catalog refresh that moves them fails here first.
    expect(gpu?.hourly).toBe(3.99);
    expect(gpu?.throughput?.small).toMatchObject({ tokensPerSecond: 27_159, gpusPerReplica: 1 });
  });

  it('reproduces the hand-computed replicas and costs to the cent', () => {
    const { usageFile } = fixture('w3-dedicated-endpoint');
    const [workload] = evaluate(usageFile, { asOf: '2026-12-01' }).workloads;
    const fineTune = workload!.strategies.fineTune;
    expect(fineTune.blockers).toEqual([]);
    expect(fineTune.replicas).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3]);
    expect(fineTune.upfront).toBeCloseTo(4_007.5, 2);
    expect(cents(fineTune.monthly)).toEqual([
      3_712.7, 3_712.7, 3_712.7, 4_520.2, 3_712.7, 6_625.4, 7_432.9, 6_625.4, 6_625.4, 7_432.9, 6_625.4, 9_538.1,
    ]);
    expect(fineTune.total).toBeCloseTo(74_284, 2);
    expect(fineTune.averageMonthly).toBeCloseTo(6_190.33, 2);
    expect(fineTune.perRequest).toBe(0);
    expect(workload!.inputs.hosting).toBe('dedicated');
  });

  it('puts the break-even exactly where the step function crosses prompting', () => {
    const { context } = fixture('w3-dedicated-endpoint');
    const { breakEven } = computeWorkloadCosts(context);
    const volume = breakEven.requestsPerMonth;
    expect(volume).not.toBeNull();
    const at = (requestsPerMonth: number) => computeStrategies(context, { requestsPerMonth, monthlyGrowth: 0 });
    const crossing = at(volume!);
    const below = at(volume! - 1);
    expect(crossing.fineTune.averageMonthly).toBeLessThanOrEqual(crossing.prompt.averageMonthly + 1e-6);
    expect(below.fineTune.averageMonthly).toBeGreaterThan(below.prompt.averageMonthly);
  });

  it('never lowers the replicas when volume grows (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.double({ min: 1, max: 100_000, noNaN: true }),
        fc.integer({ min: 0, max: 5 }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        (first, second, tokensPerRequest, tokensPerSecond, minReplicas, peakFactor) => {
          const [low, high] = first <= second ? [first, second] : [second, first];
          const shape = { tokensPerSecond, minReplicas, peakFactor };
          expect(replicasFor(high, tokensPerRequest, shape)).toBeGreaterThanOrEqual(
            replicasFor(low, tokensPerRequest, shape),
          );
        },
      ),
      { numRuns: propertyRuns(500) },
    );
  }, 60_000);

  it('never lowers the replicas of a whole report when the workload grows (property)', () => {
    const { usageFile } = fixture('w3-dedicated-endpoint');
    const base = usageFile.workloads[0]!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000_000 }), fc.integer({ min: 0, max: 200_000_000 }), (a, b) => {
        const replicasAt = (requestsPerMonth: number) =>
          evaluate(
            { ...usageFile, workloads: [{ ...base, volume: { ...base.volume, requestsPerMonth } }] },
            { asOf: '2026-12-01', draws: 10 },
          ).workloads[0]!.strategies.fineTune.replicas!;
        const [low, high] = a <= b ? [a, b] : [b, a];
        const atLow = replicasAt(low);
        const atHigh = replicasAt(high);
        for (const [index, count] of atLow.entries()) expect(atHigh[index]).toBeGreaterThanOrEqual(count);
      }),
      { numRuns: propertyRuns(25) },
    );
  }, 60_000);
});

describe('a provider fine-tune with an hourly hosting fee (w4-provider-hosting-fee.yml)', () => {
  it('reproduces the hand-computed costs and break-even to the cent', () => {
    const { usageFile, context } = fixture('w4-provider-hosting-fee');
    const [workload] = evaluate(usageFile, { asOf: '2026-12-01' }).workloads;
    const fineTune = workload!.strategies.fineTune;
    expect(fineTune.blockers).toEqual([]);
    expect(fineTune.perRequest).toBeCloseTo(0.0004, 10);
    expect(fineTune.upfront).toBeCloseTo(8_010, 2);
    expect(cents(fineTune.monthly)).toEqual([2_841, 2_841, 2_841, 4_451, 2_841, 2_841]);
    expect(fineTune.total).toBeCloseTo(26_666, 2);
    expect(fineTune.averageMonthly).toBeCloseTo(4_444.33, 2);
    expect(workload!.strategies.prompt.perRequest).toBeCloseTo(0.0012, 10);
    expect(workload!.breakEven.requestsPerMonth).toBe(3_972_084);
    expect(computeWorkloadCosts(context).breakEven.requestsPerMonth).toBe(3_972_084);
  });

  it('charges no hosting fee where the model has none', () => {
    const { context } = fixture('w4-provider-hosting-fee');
    const withoutFee = {
      ...context,
      resolveModel: (id: string) => {
        const model = context.resolveModel(id)!;
        const { hostingHourly: _fee, ...fineTuning } = model.fineTuning!;
        return { ...model, fineTuning };
      },
    };
    const difference = computeStrategies(context).fineTune.monthly.map(
      (value, index) => value - computeStrategies(withoutFee).fineTune.monthly[index]!,
    );
    expect(cents(difference)).toEqual(Array.from({ length: 6 }, () => 1_241));
  });
});

/** One workload on the shipped catalog, its fineTune block and assumptions given as YAML lines. */
function workloadWith(fineTune: string, assumptions = '{}') {
  const text = [
    'version: 1',
    `assumptions: ${assumptions}`,
    'workloads:',
    '  - id: triage',
    '    model: openai/gpt-4.1-mini',
    '    volume: { requestsPerMonth: 2000000 }',
    '    prompt: { instructionTokens: 600, exampleTokens: 3000, inputTokens: 900, outputTokens: 150 }',
    '    trainingData: { examples: 2500, quality: high }',
    `    fineTune: ${fineTune}`,
    '',
  ].join('\n');
  const { usageFile } = parseUsageFile(text, {
    fileName: 'llm-usage.yml',
    knownModelIds: knownModelIds(defaultCatalog),
    catalog: defaultCatalog,
  });
  return evaluate(usageFile, { asOf: '2026-12-01', draws: 10 }).workloads[0]!;
}

describe('hosting modes and provider access on the shipped catalog', () => {
  const fireworks8b = 'fireworks/accounts/fireworks/models/llama-v3p1-8b-instruct';

  it('refuses provider hosting of a dedicated-only model, naming the serving mode that exists', () => {
    const fineTune = workloadWith(`{ model: ${fireworks8b} }`).strategies.fineTune;
    expect(fineTune.priced).toBe(false);
    expect(fineTune.blockers.map((blocker) => blocker.id)).toEqual(['no-per-token-serving']);
    expect(fineTune.blockers[0]!.message).toContain(
      `fine-tunes of ${fireworks8b} have no confirmed per-token price: the provider serves them only on dedicated GPU endpoints (hosting: dedicated)`,
    );
  });

  it('prices the same model on a dedicated endpoint given by price and throughput', () => {
    const fineTune = workloadWith(
      `{ model: ${fireworks8b}, hosting: dedicated, deployment: { gpu: { hourly: 8 }, tokensPerSecond: 20000 } }`,
    ).strategies.fineTune;
    expect(fineTune).toMatchObject({ priced: true, feasible: true, blockers: [] });
    // 2,000,000 × (100 + 900 + 150) tokens × 3 / 2,628,000 s / 20,000 tok/s = 0.13 → 1 replica at $8 × 730.
    expect(fineTune.replicas).toEqual(Array.from({ length: 12 }, () => 1));
  });

  it('closes OpenAI fine-tuning to a team new to it, and opens it to one listed as active', () => {
    const closed = workloadWith('{}').strategies.fineTune.blockers.map((blocker) => blocker.id);
    expect(closed).toContain('provider-closed');
    const open = workloadWith('{}', '{ activeFineTuningProviders: [openai] }').strategies.fineTune.blockers;
    expect(open.map((blocker) => blocker.id)).not.toContain('provider-closed');
  });
});

describe('minimum cacheable prefix', () => {
  it('bills a static prefix shorter than minCacheTokens uncached, whatever the hit rate', () => {
    const gpt41 = resolveModel('openai/gpt-4.1', {}, defaultCatalog)!;
    expect(gpt41.minCacheTokens).toBe(1024);
    expect(cacheableOn(gpt41, 350)).toBe(false);
    expect(cacheableOn(gpt41, 1024)).toBe(true);
    // A model with no cached-input price caches nothing, however long the prefix.
    expect(cacheableOn({ ...gpt41, cachedInput: undefined }, 100_000)).toBe(false);
    const perRequest = (instructionTokens: number, cacheHitRate: number) => {
      const text = [
        'version: 1',
        'workloads:',
        '  - id: short-prefix',
        '    model: openai/gpt-4.1',
        '    volume: { requestsPerMonth: 100000 }',
        `    prompt: { instructionTokens: ${instructionTokens}, inputTokens: 200, outputTokens: 100, cacheHitRate: ${cacheHitRate} }`,
        '',
      ].join('\n');
      const { usageFile } = parseUsageFile(text, { fileName: 'llm-usage.yml' });
      return evaluate(usageFile, { asOf: '2026-12-01', draws: 10 }).workloads[0]!.strategies.prompt.perRequest;
    };
    expect(perRequest(350, 0.9)).toBeCloseTo(perRequest(350, 0), 12);
    expect(perRequest(2000, 0.9)).toBeLessThan(perRequest(2000, 0));
  });
});
