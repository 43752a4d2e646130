import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../__fixtures__/property-runs.js';
import { parseUsageFile } from '../parse/index.js';
import { evaluate } from '../report/evaluate.js';
import type { UsageFile, Workload } from '../schema/usage-file.js';
import { type AttributionSide, COST_DRIVERS, type CostDriver } from './attribution.js';
import { diffReports } from './diff.js';

// w1 of shared/scenarios (own model prices, so no catalog date moves the figures); see cost/__fixtures__.
const w1 = parseUsageFile(readFileSync(new URL('../cost/__fixtures__/w1-support-bot.yml', import.meta.url), 'utf8'), {
  fileName: 'w1-support-bot.yml',
}).usageFile;

const asOf = '2026-11-28';

function withWorkload(file: UsageFile, change: (workload: Workload) => Workload): UsageFile {
  return { ...file, workloads: file.workloads.map(change) };
}

/** A prototype never leaves prompting (docs/decision.md rule 2), so the recommendation stays put. */
const prototype = withWorkload(w1, (workload) => ({
  ...workload,
  profile: { ...workload.profile, stage: 'prototype' },
}));

function attributed(base: AttributionSide, head: AttributionSide) {
  const diff = diffReports(
    evaluate(base.usageFile, { asOf: base.asOf }),
    evaluate(head.usageFile, { asOf: head.asOf }),
    {
      attribution: { base, head },
    },
  );
  const entry = diff.workloads[0]!;
  const part = (driver: CostDriver) => entry.attribution!.parts.find((candidate) => candidate.driver === driver)!;
  const sum = entry.attribution?.parts.reduce((total, candidate) => total + candidate.averageMonthly, 0);
  return { diff, entry, part, sum };
}

function expectOnly(result: ReturnType<typeof attributed>, driver: CostDriver) {
  expect(result.entry.kind).toBe('changed');
  expect(Math.abs(result.entry.bill.delta)).toBeGreaterThan(1);
  expect(result.part(driver).averageMonthly).toBeCloseTo(result.entry.bill.delta, 6);
  expect(result.part(driver).total).toBeCloseTo(result.entry.billTotal.delta, 6);
  for (const other of COST_DRIVERS.filter((candidate) => candidate !== driver)) {
    expect(result.part(other).averageMonthly).toBe(0);
  }
}

describe('attributeCostChange through diffReports', () => {
  it('gives a pure volume change to volume, in driver order', () => {
    const doubled = withWorkload(prototype, (workload) => ({
      ...workload,
      volume: { ...workload.volume, requestsPerMonth: 500_000 },
    }));
    const result = attributed({ usageFile: prototype, asOf }, { usageFile: doubled, asOf });
    expect(result.entry.attribution!.parts.map((part) => part.driver)).toEqual([...COST_DRIVERS]);
    expectOnly(result, 'volume');
    // Prompt cost is fixed effort plus volume × perRequest, so doubling every month's volume doubles the variable part.
    const base = result.diff.base!.workloads[0]!.strategies.prompt;
    const variable = base.averageMonthly - (6 * 150 + (16 * 150) / 12);
    expect(result.part('volume').averageMonthly).toBeCloseTo(variable, 3);
    // No prompt file and no switch to name: no part carries either.
    for (const part of result.entry.attribution!.parts) {
      expect(part).not.toHaveProperty('promptFiles');
      expect(part).not.toHaveProperty('switched');
    }
  });

  it('gives a longer prompt to tokens and names the prompt files whose counts changed', () => {
    const longer = withWorkload(prototype, (workload) => ({
      ...workload,
      prompt: { ...workload.prompt, instructionTokens: 1471 },
    }));
    const result = attributed(
      {
        usageFile: prototype,
        asOf,
        promptFiles: [
          { workload: 'support-bot', path: 'prompts/system.md', tokens: 1000 },
          { workload: 'support-bot', path: 'prompts/examples.md', tokens: 300 },
        ],
      },
      {
        usageFile: longer,
        asOf,
        promptFiles: [
          { workload: 'support-bot', path: 'prompts/system.md', tokens: 1471 },
          { workload: 'support-bot', path: 'prompts/examples.md', tokens: 300 },
          { workload: 'other', path: 'prompts/other.md', tokens: 9 },
        ],
      },
    );
    expectOnly(result, 'tokens');
    // The unchanged examples file is not named, nor another workload's file; only the tokens part names files.
    expect(result.part('tokens').promptFiles).toEqual([
      { path: 'prompts/system.md', base: 1000, head: 1471, delta: 471 },
    ]);
    expect(result.entry.attribution!.parts.filter((part) => part.promptFiles).map((part) => part.driver)).toEqual([
      'tokens',
    ]);
    // 471 more instruction tokens, half cached: 471 × (0.5 × 3.0 + 0.5 × 0.3) / 1e6 USD more per request.
    const requests = result.diff.base!.workloads[0]!.strategies.prompt.monthly.map(
      (_, month) => 250_000 * 1.05 ** month,
    );
    const expected = (requests.reduce((sum, value) => sum + value, 0) * 471 * 1.65) / 1e6 / 12;
    expect(result.part('tokens').averageMonthly).toBeCloseTo(expected, 2);
  });

  it('explains the second workload of a file by its own figures, naming its changed files largest change first', () => {
    const second = (instructionTokens: number) =>
      ({
        ...prototype,
        workloads: [
          ...prototype.workloads,
          {
            ...prototype.workloads[0]!,
            id: 'second',
            volume: { ...prototype.workloads[0]!.volume, requestsPerMonth: 40_000 },
            prompt: { ...prototype.workloads[0]!.prompt, instructionTokens },
          },
        ],
      }) satisfies UsageFile;
    const files = (a: number, b: number, c: number) => [
      { workload: 'second', path: 'prompts/a.md', tokens: a },
      { workload: 'second', path: 'prompts/b.md', tokens: b },
      { workload: 'second', path: 'prompts/c.md', tokens: c },
    ];
    // a.md +50, b.md −80, c.md +50: 20 instruction tokens more in all.
    const diff = diffReports(evaluate(second(310), { asOf }), evaluate(second(330), { asOf }), {
      attribution: {
        base: { usageFile: second(310), asOf, promptFiles: files(100, 200, 10) },
        head: { usageFile: second(330), asOf, promptFiles: files(150, 120, 60) },
      },
    });
    expect(diff.changed).toEqual(['second']);
    const entry = diff.workloads.find((candidate) => candidate.id === 'second')!;
    const tokens = entry.attribution!.parts.find((part) => part.driver === 'tokens')!;
    expect(Math.abs(entry.bill.delta)).toBeGreaterThan(0.5);
    expect(tokens.averageMonthly).toBeCloseTo(entry.bill.delta, 6);
    expect(tokens.promptFiles?.map((file) => [file.path, file.delta])).toEqual([
      ['prompts/b.md', -80],
      ['prompts/a.md', 50],
      ['prompts/c.md', 50],
    ]);
  });

  it('gives a change of model to models and prices', () => {
    const smaller = withWorkload(prototype, (workload) => ({ ...workload, model: 'example/small' }));
    expectOnly(attributed({ usageFile: prototype, asOf }, { usageFile: smaller, asOf }), 'models');
  });

  it('gives a change of catalog price to models and prices', () => {
    const dearer: UsageFile = {
      ...prototype,
      models: { ...prototype.models, 'example/large': { ...prototype.models['example/large']!, output: 30 } },
    };
    const result = attributed({ usageFile: prototype, asOf }, { usageFile: dearer, asOf });
    expectOnly(result, 'models');
    expect(result.part('models').averageMonthly).toBeGreaterThan(0);
  });

  it('gives new eval results, or a dearer wrong answer, to measured quality', () => {
    // Prompting measured at 470 of 500 (6% failing) at $0.05 a failure; then re-measured at 440 of 500 (12%), and then
    // with a wrong answer costing $0.10: each doubles the failures' share of the bill, and only quality moves it.
    const measured = (passed: number, failureCostUsd: number) =>
      withWorkload(prototype, (workload) => ({
        ...workload,
        quality: { failureCostUsd, prompt: { passed, total: 500 }, fineTune: { passed: 480, total: 500 } },
      }));
    const remeasured = attributed({ usageFile: measured(470, 0.05), asOf }, { usageFile: measured(440, 0.05), asOf });
    expectOnly(remeasured, 'quality');
    const dearer = attributed({ usageFile: measured(470, 0.05), asOf }, { usageFile: measured(470, 0.1), asOf });
    expectOnly(dearer, 'quality');
    // Failures are priced per request: the share of failing requests × requests × the cost of one.
    const prompt = dearer.diff.base!.workloads[0]!.strategies.prompt;
    const failures = prompt.averageMonthly - prompt.averageMonthlyWithoutFailures!;
    expect(dearer.part('quality').averageMonthly).toBeCloseTo(failures, 6);
    expect(remeasured.part('quality').averageMonthly).toBeCloseTo(failures, 6);
  });

  it('gives a change of engineer rate to assumptions and effort', () => {
    const dearer: UsageFile = { ...prototype, assumptions: { ...prototype.assumptions, engineerHourlyRate: 300 } };
    const result = attributed({ usageFile: prototype, asOf }, { usageFile: dearer, asOf });
    expectOnly(result, 'assumptions');
    // Prompt effort: 16 h setup over 12 months and 6 h a month, now at $150 an hour more.
    expect(result.part('assumptions').averageMonthly).toBeCloseTo(150 * (16 / 12 + 6), 6);
  });

  it('gives a switch of what runs (current) its own part: head cost of the new strategy minus the old', () => {
    const tuned = withWorkload(w1, (workload) => ({ ...workload, current: 'fine-tune' }));
    const result = attributed({ usageFile: w1, asOf }, { usageFile: tuned, asOf });
    const head = result.diff.head!.workloads[0]!;
    const switched = result.part('recommendation');
    expect(switched.switched).toEqual({ from: 'prompt', to: 'fine-tune' });
    expect(result.entry.attribution!.parts.filter((part) => part.switched).map((part) => part.driver)).toEqual([
      'recommendation',
    ]);
    expect(switched.averageMonthly).toBeCloseTo(
      head.strategies.fineTune.averageMonthly - head.strategies.prompt.averageMonthly,
      6,
    );
    expect(result.sum).toBeCloseTo(result.entry.bill.delta, 6);
  });

  it('explains the bill, not the recommendation: a new recommendation alone moves nothing', () => {
    const production = withWorkload(w1, (workload) => workload);
    const result = attributed({ usageFile: prototype, asOf }, { usageFile: production, asOf });
    const [base, head] = [result.diff.base!.workloads[0]!, result.diff.head!.workloads[0]!];
    expect(base.recommendation).toBe('prompt');
    expect(head.recommendation).not.toBe('prompt');
    expect(result.entry.recommendationChanged).toBe(true);
    expect(result.part('recommendation')).toMatchObject({ averageMonthly: 0 });
    expect(result.part('recommendation').switched).toBeUndefined();
    expect(result.sum).toBeCloseTo(result.entry.bill.delta, 6);
  });

  it('gives a change that blocks the strategy that runs to its driver', () => {
    const production = withWorkload(w1, (workload) => ({ ...workload, current: 'fine-tune' }));
    // The fine-tune's model becomes one without fine-tuning prices: fine-tune and hybrid can no longer run.
    const untunable: UsageFile = {
      ...production,
      models: { ...w1.models, 'example/closed': { input: 0.2, output: 0.8 } as UsageFile['models'][string] },
      workloads: production.workloads.map((workload) => ({
        ...workload,
        fineTune: { ...workload.fineTune, model: 'example/closed' },
      })),
    };
    const result = attributed({ usageFile: production, asOf }, { usageFile: untunable, asOf });
    const head = result.diff.head!.workloads[0]!;
    expect(head.strategies.fineTune.feasible).toBe(false);
    // What the team pays instead is the prompt cost, so the models driver carries the whole change.
    expect(Math.abs(result.entry.bill.delta)).toBeGreaterThan(1);
    expect(result.part('models').averageMonthly).toBeCloseTo(result.entry.bill.delta, 6);
    expect(result.part('recommendation').averageMonthly).toBe(0);
  });

  it('measures each driver with the earlier ones already substituted', () => {
    const both = withWorkload(prototype, (workload) => ({
      ...workload,
      volume: { ...workload.volume, requestsPerMonth: 500_000 },
      prompt: { ...workload.prompt, instructionTokens: 2000 },
    }));
    const onlyTokensAtDoubledVolume = attributed(
      {
        usageFile: withWorkload(prototype, (workload) => ({
          ...workload,
          volume: { ...workload.volume, requestsPerMonth: 500_000 },
        })),
        asOf,
      },
      { usageFile: both, asOf },
    );
    const result = attributed({ usageFile: prototype, asOf }, { usageFile: both, asOf });
    expect(result.part('tokens').averageMonthly).toBeCloseTo(
      onlyTokensAtDoubledVolume.part('tokens').averageMonthly,
      6,
    );
    expect(result.sum).toBeCloseTo(result.entry.bill.delta, 6);
  });

  it('leaves workloads alone when no usage files are given', () => {
    const doubled = withWorkload(prototype, (workload) => ({
      ...workload,
      volume: { ...workload.volume, requestsPerMonth: 500_000 },
    }));
    const diff = diffReports(evaluate(prototype, { asOf }), evaluate(doubled, { asOf }));
    expect(diff.workloads[0]!.attribution).toBeUndefined();
  });

  it('explains only workloads that changed: an unchanged one carries no attribution', () => {
    const result = attributed({ usageFile: prototype, asOf }, { usageFile: prototype, asOf });
    expect(result.entry.kind).toBe('unchanged');
    expect(result.entry.attribution).toBeUndefined();
  });
});

describe('attribution parts (property)', () => {
  const side = fc.record({
    requestsPerMonth: fc.integer({ min: 0, max: 5_000_000 }),
    monthlyGrowth: fc.double({ min: 0, max: 0.2, noNaN: true }),
    instructionTokens: fc.integer({ min: 0, max: 5_000 }),
    exampleTokens: fc.integer({ min: 0, max: 5_000 }),
    outputTokens: fc.integer({ min: 1, max: 2_000 }),
    model: fc.constantFrom('example/large', 'example/small'),
    fineTuneModel: fc.constantFrom('example/large', 'example/small'),
    outputPrice: fc.double({ min: 1, max: 60, noNaN: true }),
    engineerHourlyRate: fc.integer({ min: 20, max: 400 }),
    stage: fc.constantFrom('prototype', 'mvp', 'production'),
    examples: fc.integer({ min: 0, max: 20_000 }),
    hosting: fc.constantFrom('provider', 'self-hosted'),
    current: fc.constantFrom('prompt', 'fine-tune', 'hybrid'),
    promptPassed: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
    fineTunePassed: fc.integer({ min: 0, max: 200 }),
    failureCostUsd: fc.double({ min: 0, max: 5, noNaN: true }),
  });

  function fileOf(values: typeof side extends fc.Arbitrary<infer T> ? T : never): UsageFile {
    const withModels: UsageFile = {
      ...w1,
      assumptions: { ...w1.assumptions, engineerHourlyRate: values.engineerHourlyRate },
      models: { ...w1.models, 'example/large': { ...w1.models['example/large']!, output: values.outputPrice } },
    };
    return withWorkload(withModels, (workload) => ({
      ...workload,
      model: values.model,
      current: values.current as Workload['current'],
      volume: { ...workload.volume, requestsPerMonth: values.requestsPerMonth, monthlyGrowth: values.monthlyGrowth },
      prompt: {
        ...workload.prompt,
        instructionTokens: values.instructionTokens,
        exampleTokens: values.exampleTokens,
        outputTokens: values.outputTokens,
      },
      profile: { ...workload.profile, stage: values.stage as Workload['profile']['stage'] },
      trainingData: { ...workload.trainingData, examples: values.examples },
      ...(values.promptPassed === undefined
        ? {}
        : {
            quality: {
              failureCostUsd: values.failureCostUsd,
              prompt: { passed: values.promptPassed, total: 200 },
              fineTune: { passed: values.fineTunePassed, total: 200 },
            },
          }),
      fineTune: {
        ...workload.fineTune,
        model: values.fineTuneModel,
        hosting: values.hosting as Workload['fineTune']['hosting'],
        ...(values.hosting === 'self-hosted'
          ? { selfHosted: { gpuHourly: 2.5, gpusPerReplica: 1, tokensPerSecond: 2_500, minReplicas: 1, peakFactor: 2 } }
          : {}),
      },
    }));
  }

  it('sum to the total change of every changed workload, to the cent', () => {
    const runs = propertyRuns(60);
    let changed = 0;
    fc.assert(
      fc.property(side, side, (baseValues, headValues) => {
        const base = fileOf(baseValues);
        const head = fileOf(headValues);
        const diff = diffReports(evaluate(base, { asOf, draws: 50 }), evaluate(head, { asOf, draws: 50 }), {
          attribution: { base: { usageFile: base, asOf }, head: { usageFile: head, asOf } },
        });
        for (const entry of diff.workloads.filter((candidate) => candidate.kind === 'changed')) {
          changed += 1;
          const parts = entry.attribution!.parts;
          const monthly = parts.reduce((sum, part) => sum + part.averageMonthly, 0);
          const total = parts.reduce((sum, part) => sum + part.total, 0);
          expect(Math.abs(monthly - entry.bill.delta)).toBeLessThan(0.005);
          expect(Math.abs(total - entry.billTotal.delta)).toBeLessThan(0.005);
        }
      }),
      { numRuns: runs },
    );
    // Independent draws almost always differ; the property must not pass by having nothing to check.
    expect(changed).toBeGreaterThan((runs * 5) / 6);
  }, 60_000);
});
