import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../__fixtures__/property-runs.js';
import { defaultCatalog, knownModelIds } from '../catalog/index.js';
import { countedStrategyKey } from '../model/strategies.js';
import { parseUsageFile } from '../parse/index.js';
import { type UsageFile, type UsageFileInput, usageFileSchema } from '../schema/usage-file.js';
import { evaluate } from './evaluate.js';

// Generated cases take seconds on a slow, shared runner; vitest's 5 s default flaked there under load.
const PROPERTY_TIMEOUT_MS = 120_000;

const example = parseUsageFile(readFileSync(new URL('./__fixtures__/example.yml', import.meta.url), 'utf8'), {
  fileName: 'example.yml',
  knownModelIds: knownModelIds(defaultCatalog),
}).usageFile;

describe('evaluate', () => {
  it('states the day it speaks for, the pricing date and its sources', () => {
    const report = evaluate(example, { asOf: '2026-11-28' });
    expect(report).toMatchObject({ schemaVersion: 1, asOf: '2026-11-28', currency: 'USD', horizonMonths: 12 });
    expect(report.pricing.checked).toBe(defaultCatalog.checked);
    expect(report.pricing.sources.length).toBeGreaterThan(0);
    for (const source of report.pricing.sources) expect(source).toMatch(/^https:\/\//);
    expect(report.assumptions.effortHours).toEqual({
      promptSetup: 16,
      promptMonthly: 6,
      fineTuneSetup: 80,
      fineTuneMonthly: 12,
      retrain: 16,
    });
  });

  it('is deterministic: the same file and date give the same report', () => {
    expect(evaluate(example, { asOf: '2026-11-28' })).toEqual(evaluate(example, { asOf: '2026-11-28' }));
  });

  it('never recommends an OpenAI fine-tune that dies on 2027-01-14 inside the horizon', () => {
    const report = evaluate(example, { asOf: '2026-11-28' });
    const invoice = report.workloads.find((workload) => workload.id === 'invoice-extraction')!;
    expect(invoice.recommendation).toBe('prompt');
    // A team new to OpenAI fine-tuning is refused (2026-05-07); one already running fine-tunes loses them on 2027-01-14.
    expect(invoice.strategies.fineTune.blockers.map((blocker) => blocker.id)).toEqual([
      'provider-closed',
      'retires-in-horizon',
    ]);
    expect(invoice.strategies.fineTune.blockers[0]!.message).toContain(
      'fine-tuning openai/gpt-4.1-mini is closed to this team: openai has taken no new fine-tuning customers since 2026-05-07',
    );
    expect(invoice.strategies.fineTune.blockers[0]!.message).toContain(
      'can train until 2027-01-06, and its fine-tunes serve until 2027-01-14',
    );
    expect(invoice.strategies.fineTune.blockers[1]!.message).toContain('2027-01-14');
    // The way out names a live model that outlives the horizon, never another OpenAI one.
    const wayOut = invoice.whatWouldChange.join('\n');
    expect(wayOut).toContain('together/');
    expect(wayOut).not.toMatch(/openai\/gpt-4o-mini \(/);
  });

  it('names live alternatives in blockers that only another model lifts, and counts blocked plans at prompt cost', () => {
    const report = evaluate(example, { asOf: '2026-11-28' });
    const invoice = report.workloads.find((workload) => workload.id === 'invoice-extraction')!;
    expect(invoice.strategies.fineTune.blockers[1]!.message).toMatch(/live fine-tunable alternatives: together\//);
    const expected = report.workloads.reduce((total, workload) => {
      const plan = workload.strategies.fineTune;
      return total + (plan.priced && plan.feasible ? plan : workload.strategies.prompt).averageMonthly;
    }, 0);
    expect(report.totals.fineTune.averageMonthly).toBeCloseTo(expected, 2);
    expect(report.totals.fineTune.averageMonthly).not.toBeCloseTo(
      report.workloads.reduce((total, workload) => total + workload.strategies.fineTune.averageMonthly, 0),
      0,
    );
  });

  it('after 2027-01-06 says training is closed', () => {
    const report = evaluate(example, { asOf: '2027-01-07' });
    const invoice = report.workloads.find((workload) => workload.id === 'invoice-extraction')!;
    expect(invoice.strategies.fineTune.blockers.map((blocker) => blocker.id)).toContain('training-closed');
  });

  it('simulates range volumes and sums the recommended mix', () => {
    const report = evaluate(example, { asOf: '2026-11-28' });
    const sum = report.workloads.reduce(
      (total, workload) => total + workload.strategies[countedStrategyKey(workload.recommendation)].averageMonthly,
      0,
    );
    expect(report.totals.recommended.averageMonthly).toBeCloseTo(sum, 2);
    for (const workload of report.workloads) {
      expect(workload.sensitivity.length).toBeGreaterThanOrEqual(4);
      expect(workload.factors.length).toBeGreaterThan(0);
      expect(workload.nextSteps.length).toBeGreaterThan(0);
    }
  });

  it('rejects an asOf that is not a date', () => {
    expect(() => evaluate(example, { asOf: '2026-13-01' })).toThrow(/YYYY-MM-DD/);
  });
});

// End to end through the real cost model, catalog prices and the decision model.
const generated = fc
  .record({
    requestsPerMonth: fc.integer({ min: 0, max: 6000 }).map((exponent) => Math.round(10 ** (exponent / 1000))),
    model: fc.constantFrom('openai/gpt-4.1', 'anthropic/claude-sonnet-5', 'openai/gpt-5.6-luna', 'openai/gpt-4.1-mini'),
    fineTuneModel: fc.constantFrom(
      'together/meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
      'together/meta-llama/Meta-Llama-3.1-70B-Instruct-Reference',
      'openai/gpt-4.1-mini',
    ),
    stage: fc.constantFrom('prototype', 'mvp', 'production'),
    domain: fc.constantFrom('general', 'legal', 'healthcare', 'finance'),
    regulated: fc.boolean(),
    tasks: fc.integer({ min: 1, max: 4 }),
    changeCadence: fc.constantFrom('weekly', 'monthly', 'quarterly', 'rarely'),
    latencyTargetMs: fc.option(fc.integer({ min: 500, max: 8000 }), { nil: undefined }),
    examples: fc.integer({ min: 0, max: 3000 }),
    quality: fc.constantFrom('low', 'medium', 'high'),
    exampleTokens: fc.integer({ min: 0, max: 4000 }),
    mlExpertise: fc.constantFrom('none', 'some', 'dedicated'),
  })
  .map(
    (draw): UsageFileInput => ({
      version: 1,
      assumptions: { mlExpertise: draw.mlExpertise },
      workloads: [
        {
          id: 'generated',
          model: draw.model,
          volume: { requestsPerMonth: draw.requestsPerMonth },
          prompt: { instructionTokens: 800, exampleTokens: draw.exampleTokens, inputTokens: 400, outputTokens: 200 },
          profile: {
            stage: draw.stage,
            domain: draw.domain,
            regulated: draw.regulated,
            tasks: draw.tasks,
            changeCadence: draw.changeCadence,
            ...(draw.latencyTargetMs === undefined ? {} : { latencyTargetMs: draw.latencyTargetMs }),
          },
          trainingData: { examples: draw.examples, quality: draw.quality },
          fineTune: { model: draw.fineTuneModel },
        },
      ],
    }),
  );

const answer = (input: UsageFileInput) =>
  evaluate(usageFileSchema.parse(input), { asOf: '2026-11-28', draws: 50 }).workloads[0]!;
const withWorkload = (input: UsageFileInput, change: (workload: UsageFile['workloads'][number]) => object) => {
  const parsed = usageFileSchema.parse(input);
  return { ...input, workloads: [{ ...input.workloads[0]!, ...change(parsed.workloads[0]!) }] } as UsageFileInput;
};

// Through the real cost model, more examples also cost more training, which moves the break-even. Near a tie that
// alone can flip the answer back to prompt (seed 400038153 found: healthcare, regulated, 500 → 545 examples on a 70B
// LoRA, scores 4.99 against 5.00), so docs/decision.md rule 9 for examples is only a property of the decision with costs held
// (decision/decide.property.test.ts). End to end, volume and quality leave training cost alone and must hold.
// Rule numbers are those of docs/decision.md.
describe('rule 9 through evaluate: more volume or higher quality never move fine-tune or hybrid back to prompt', {
  timeout: PROPERTY_TIMEOUT_MS,
}, () => {
  it('holds over generated workloads', () => {
    fc.assert(
      fc.property(generated, fc.integer({ min: 2, max: 20 }), (input, factor) => {
        const before = answer(input).recommendation;
        if (before === 'prompt') return;
        const workload = input.workloads[0]!;
        const volume = workload.volume.requestsPerMonth as number;
        const richer = [
          withWorkload(input, () => ({ volume: { requestsPerMonth: volume * factor } })),
          withWorkload(input, (parsed) => ({ trainingData: { ...parsed.trainingData, quality: 'high' } })),
        ];
        for (const variant of richer) expect(answer(variant).recommendation).not.toBe('prompt');
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe('rule 10 through evaluate: confidence is in [0, 1]', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('holds over generated workloads', () => {
    fc.assert(
      fc.property(generated, (input) => {
        const { confidence } = answer(input);
        expect(confidence).toBeGreaterThanOrEqual(0);
        expect(confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: propertyRuns(150) },
    );
  });
});

describe('chart', () => {
  it("carries the cost model's points: evenly spaced from 0, crossing at the break-even volume, self-hosted steps included", () => {
    const report = evaluate(example, { asOf: '2026-11-28' });
    const triage = report.workloads.find((workload) => workload.id === 'support-triage')!;
    const { volumes } = triage.chart;
    expect(volumes[0]).toBe(0);
    const step = volumes[1]!;
    for (const [index, volume] of volumes.entries()) expect(volume).toBe(index * step);
    // The lines cross between the two points around the break-even volume.
    const after = volumes.findIndex((volume) => volume > triage.breakEven.requestsPerMonth!);
    expect(after).toBeGreaterThan(0);
    expect(triage.chart.series.fineTune![after - 1]!).toBeGreaterThan(triage.chart.series.prompt![after - 1]!);
    expect(triage.chart.series.fineTune![after]!).toBeLessThan(triage.chart.series.prompt![after]!);
    expect(triage.chart.series.fineTune![0]!).toBeGreaterThan(triage.chart.series.prompt![0]!);
    const review = report.workloads.find((workload) => workload.id === 'contract-review')!;
    expect(review.strategies.fineTune.replicas).toBeDefined();
    expect(review.chart.series.fineTune).not.toBeNull();
    expect(review.chart.omitted).toEqual([]);
    const assistant = report.workloads.find((workload) => workload.id === 'internal-assistant')!;
    expect(assistant.chart.series.fineTune).toBeNull();
    expect(assistant.chart.omitted.map((entry) => entry.strategy)).toEqual(['fineTune', 'hybrid']);
  });
});

describe('sensitivity', () => {
  it('leaves out a probe whose range is empty: no "0–0 examples" for a workload without training data', () => {
    const { usageFile } = parseUsageFile(
      [
        'version: 1',
        'workloads:',
        '  - id: no-data',
        '    model: openai/gpt-4.1-mini',
        '    volume: { requestsPerMonth: 100000 }',
        '    prompt: { instructionTokens: 500, inputTokens: 200, outputTokens: 100 }',
        '    trainingData: { examples: 0 }',
      ].join('\n'),
      { fileName: 'llm-usage.yml' },
    );
    const workload = evaluate(usageFile, { asOf: '2026-11-28' }).workloads[0]!;
    const inputs = workload.sensitivity.map((entry) => entry.input);
    expect(inputs).not.toContain('trainingData.examples');
    expect(inputs).toContain('volume.requestsPerMonth');
    // "0–0.9" (the cache hit rate) is a range; "0–0 examples" is not.
    expect(workload.sensitivity.filter((entry) => /(^|[^\d.])0–0(?![\d.])/.test(entry.range))).toEqual([]);
  });
});

describe('the bill and the opportunity', () => {
  it('bills what runs today (prompt by default) and offers the saving of switching to the recommendation', () => {
    // The README's example: with the catalog's hosting modes (issue 9) the fixture's support-triage fine-tune costs
    // more than its prompt (recommended for latency, nothing to save); in the README's example, where measured
    // failures are costed (issue 11), the fine-tune is the cheaper one.
    const readmeExample = parseUsageFile(
      readFileSync(new URL('../../../../examples/llm-usage.yml', import.meta.url), 'utf8'),
      { fileName: 'llm-usage.yml' },
    ).usageFile;
    const report = evaluate(readmeExample, { asOf: '2026-11-28' });
    const triage = report.workloads.find((workload) => workload.id === 'support-triage')!;
    expect(triage.current).toBe('prompt');
    expect(triage.recommendation).toBe('fine-tune');
    expect(triage.bill.averageMonthly).toBe(triage.strategies.prompt.averageMonthly);
    expect(triage.opportunity).toEqual({
      switchTo: 'fine-tune',
      averageMonthly: expect.closeTo(
        triage.strategies.prompt.averageMonthly - triage.strategies.fineTune.averageMonthly,
        4,
      ),
      total: expect.closeTo(triage.strategies.prompt.total - triage.strategies.fineTune.total, 4),
    });
    // Workloads recommended to keep prompting have nothing to save.
    for (const workload of report.workloads.filter((candidate) => candidate.recommendation === 'prompt')) {
      expect(workload.opportunity).toBeUndefined();
    }
    const billSum = report.workloads.reduce((sum, workload) => sum + workload.bill.averageMonthly, 0);
    expect(report.totals.bill.averageMonthly).toBeCloseTo(billSum, 3);
    expect(report.totals.bill.averageMonthly - report.totals.recommended.averageMonthly).toBeCloseTo(
      triage.opportunity!.averageMonthly,
      3,
    );
  });

  it('bills a fine-tune that runs today at its own cost, with nothing left to save', () => {
    const tuned: UsageFile = {
      ...example,
      workloads: example.workloads.map((workload) =>
        workload.id === 'support-triage' ? { ...workload, current: 'fine-tune' } : workload,
      ),
    };
    const triage = evaluate(tuned, { asOf: '2026-11-28' }).workloads.find(
      (workload) => workload.id === 'support-triage',
    )!;
    expect(triage.bill.averageMonthly).toBe(triage.strategies.fineTune.averageMonthly);
    expect(triage.opportunity).toBeUndefined();
  });

  it('defaults current to prompt in the schema', () => {
    const parsed = usageFileSchema.parse({
      version: 1,
      workloads: [
        {
          id: 'a',
          model: 'openai/gpt-4.1',
          volume: { requestsPerMonth: 1 },
          prompt: { inputTokens: 1, outputTokens: 1 },
        },
      ],
    });
    expect(parsed.workloads[0]!.current).toBe('prompt');
  });
});
