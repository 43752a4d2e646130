import { describe, expect, it } from 'vitest';
import type { ModelPrices } from '../catalog/types.js';
import { horizonMonthOf } from '../model/dates.js';
import { usageFileSchema } from '../schema/usage-file.js';
import { type CostContext, computeWorkloadCosts } from './cost-model.js';

// Prices are round illustrative figures; only the dates matter here.
const models: Record<string, ModelPrices> = {
  'test/closing': {
    id: 'test/closing',
    input: 2,
    output: 8,
    fineTuning: { training: 25, input: 3, output: 12, availableUntil: '2027-01-06' },
    retiresOn: '2027-01-14',
  },
  'test/with-successor': {
    id: 'test/with-successor',
    input: 2,
    output: 8,
    fineTuning: { training: 25, input: 3, output: 12, successor: 'test/successor' },
    retiresOn: '2027-05-01',
  },
  'test/successor': { id: 'test/successor', input: 1, output: 4, fineTuning: { training: 10, input: 1.5, output: 6 } },
  'test/untunable': { id: 'test/untunable', input: 1, output: 4 },
  'test/short-chain': {
    id: 'test/short-chain',
    input: 2,
    output: 8,
    fineTuning: { training: 25, input: 3, output: 12, successor: 'test/also-retiring' },
    retiresOn: '2027-03-01',
  },
  'test/also-retiring': {
    id: 'test/also-retiring',
    input: 1,
    output: 4,
    fineTuning: { training: 10, input: 1.5, output: 6 },
    retiresOn: '2027-06-01',
  },
  'test/closed-successor': {
    id: 'test/closed-successor',
    input: 2,
    output: 8,
    fineTuning: { training: 25, input: 3, output: 12, successor: 'test/closing' },
    retiresOn: '2027-03-01',
  },
  'test/gone': { id: 'test/gone', input: 0.1, output: 0.4, retiresOn: '2026-10-23' },
  'test/prompt-retiring': {
    id: 'test/prompt-retiring',
    input: 1,
    output: 4,
    retiresOn: '2027-02-10',
    successor: 'test/prompt-next',
  },
  'test/prompt-next': { id: 'test/prompt-next', input: 2, output: 8 },
};

function context(model: string, asOf: string, extra: Record<string, unknown> = {}): CostContext {
  const usageFile = usageFileSchema.parse({
    version: 1,
    workloads: [
      {
        id: 'w',
        model,
        volume: { requestsPerMonth: 100000 },
        prompt: { instructionTokens: 500, exampleTokens: 1000, inputTokens: 200, outputTokens: 100 },
        trainingData: { examples: 1000, quality: 'high' },
        ...extra,
      },
    ],
  });
  return {
    workload: usageFile.workloads[0]!,
    assumptions: usageFile.assumptions,
    asOf,
    resolveModel: (id) => models[id],
  };
}

describe('horizonMonthOf', () => {
  it('counts months from asOf, month 1 being the first', () => {
    expect(horizonMonthOf('2026-11-28', '2026-11-28')).toBe(1);
    expect(horizonMonthOf('2026-12-27', '2026-11-28')).toBe(1);
    expect(horizonMonthOf('2026-12-28', '2026-11-28')).toBe(2);
    expect(horizonMonthOf('2027-01-14', '2026-11-28')).toBe(2);
    expect(horizonMonthOf('2027-11-28', '2026-11-28')).toBe(13);
    expect(horizonMonthOf('2026-01-01', '2026-11-28')).toBe(0);
  });
});

describe('fine-tuning lifecycle', () => {
  it('blocks a fine-tune whose model retires inside the horizon without a successor, naming the date', () => {
    const { fineTune, hybrid } = computeWorkloadCosts(context('test/closing', '2026-11-28')).strategies;
    expect(fineTune.feasible).toBe(false);
    expect(hybrid.feasible).toBe(false);
    const blocker = fineTune.blockers.find((entry) => entry.id === 'retires-in-horizon');
    expect(blocker?.message).toContain('2027-01-14');
    expect(blocker?.message).toContain('month 2');
  });

  it('blocks training after the last day a job can start', () => {
    const { fineTune } = computeWorkloadCosts(context('test/closing', '2027-01-07')).strategies;
    expect(fineTune.blockers.map((entry) => entry.id)).toContain('training-closed');
    expect(fineTune.blockers.find((entry) => entry.id === 'training-closed')?.message).toContain('2027-01-06');
  });

  it('blocks a retired model', () => {
    const { fineTune } = computeWorkloadCosts(context('test/closing', '2027-01-14')).strategies;
    expect(fineTune.blockers.map((entry) => entry.id)).toContain('retired');
  });

  it('is feasible with a short horizon that ends before retirement', () => {
    const costs = computeWorkloadCosts({
      ...context('test/closing', '2026-11-28'),
      assumptions: { horizonMonths: 1, engineerHourlyRate: 100, mlExpertise: 'some', activeFineTuningProviders: [] },
    });
    expect(costs.strategies.fineTune.feasible).toBe(true);
  });

  it('re-fine-tunes on the named successor in the retirement month and serves it afterwards', () => {
    // Retraining yearly keeps months 5–7 free of retrains, so only the migration moves them.
    const costs = computeWorkloadCosts(
      context('test/with-successor', '2026-11-28', { fineTune: { retrainEveryMonths: 12 } }),
    );
    const { fineTune } = costs.strategies;
    expect(fineTune.feasible).toBe(true);
    expect(fineTune.migration).toEqual({
      month: 6,
      to: 'test/successor',
      reason: expect.stringContaining('2027-05-01'),
    });
    // Month 6 carries setup hours (80 h × $100) and training on the successor (1000 × 400 tokens × 3 epochs × $10/1M).
    const perRequestBefore = (100 * 3 + 200 * 3 + 100 * 12) / 1e6;
    const perRequestAfter = (100 * 1.5 + 200 * 1.5 + 100 * 6) / 1e6;
    expect(fineTune.monthly[4]).toBeCloseTo(100000 * perRequestBefore + 12 * 100 + 0, 6);
    expect(fineTune.monthly[5]).toBeCloseTo(
      100000 * perRequestAfter + 12 * 100 + 80 * 100 + (1000 * 400 * 3 * 10) / 1e6,
      6,
    );
    expect(fineTune.monthly[6]).toBeCloseTo(100000 * perRequestAfter + 12 * 100, 6);
  });

  it('blocks a move to a successor that itself retires inside the horizon', () => {
    const { fineTune } = computeWorkloadCosts(context('test/short-chain', '2026-11-28')).strategies;
    expect(fineTune.feasible).toBe(false);
    expect(fineTune.blockers[0]!.message).toContain('its successor test/also-retiring retires on 2027-06-01');
  });

  it('blocks a move to a successor whose training has closed by then', () => {
    const { fineTune } = computeWorkloadCosts(context('test/closed-successor', '2026-11-28')).strategies;
    expect(fineTune.blockers[0]!.message).toContain('takes no new training jobs after 2027-01-06');
  });

  it('blocks prompting a model that has retired', () => {
    const { prompt } = computeWorkloadCosts(context('test/gone', '2026-11-28')).strategies;
    expect(prompt.feasible).toBe(false);
    expect(prompt.blockers).toEqual([{ id: 'retired', message: expect.stringContaining('retired on 2026-10-23') }]);
    // The day before, it still serves but retires in month 1 with no successor named: infeasible, with the date.
    const before = computeWorkloadCosts(context('test/gone', '2026-10-22')).strategies.prompt;
    expect(before.blockers).toEqual([
      {
        id: 'prompt-retires-in-horizon',
        message:
          'test/gone retires on 2026-10-23 (month 1 of the 12-month horizon), and the catalog names no successor',
      },
    ]);
  });

  it('moves the prompt to the successor in its retirement month, at its prices and with the prompt re-validated', () => {
    // asOf 2026-11-28: 2027-02-10 falls in month 3. 100,000 requests/month of 1,700 prompt and 100 output tokens.
    const volume = 100_000;
    const costs = computeWorkloadCosts(context('test/prompt-retiring', '2026-11-28')).strategies.prompt;
    expect(costs.feasible).toBe(true);
    expect(costs.migration).toEqual({
      month: 3,
      to: 'test/prompt-next',
      reason:
        "the prompt model test/prompt-retiring retires on 2027-02-10: the prompt moves to its successor test/prompt-next in month 3, at the successor's prices and with the prompt re-validated",
    });
    const upkeep = 6 * 100;
    const before = upkeep + (volume * (1_700 * 1 + 100 * 4)) / 1e6;
    const after = upkeep + (volume * (1_700 * 2 + 100 * 8)) / 1e6;
    expect(costs.monthly[0]).toBeCloseTo(before, 6);
    expect(costs.monthly[1]).toBeCloseTo(before, 6);
    expect(costs.monthly[2]).toBeCloseTo(after + 16 * 100, 6);
    expect(costs.monthly[3]).toBeCloseTo(after, 6);
  });

  it('lists too few examples, the data policy and an untunable model as blockers', () => {
    const few = computeWorkloadCosts(context('test/successor', '2026-11-28', { trainingData: { examples: 49 } }));
    expect(few.strategies.fineTune.blockers.map((entry) => entry.id)).toEqual(['too-few-examples']);
    const policy = computeWorkloadCosts(
      context('test/successor', '2026-11-28', { profile: { dataPolicy: 'no-third-party-training' } }),
    );
    expect(policy.strategies.hybrid.blockers.map((entry) => entry.id)).toEqual(['data-policy']);
    const untunable = computeWorkloadCosts(context('test/untunable', '2026-11-28'));
    expect(untunable.strategies.fineTune).toMatchObject({ feasible: false, priced: false });
    expect(untunable.breakEven).toEqual({ requestsPerMonth: null, paybackMonth: null });
  });
});
