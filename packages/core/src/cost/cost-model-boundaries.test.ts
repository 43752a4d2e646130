import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../catalog/index.js';
import type { ModelPrices } from '../catalog/types.js';
import { UncountedPromptFilesError } from '../errors/uncounted-prompt-files-error.js';
import { horizonMonthOf } from '../model/dates.js';
import { usageFileSchema } from '../schema/usage-file.js';
import {
  type CostContext,
  computeWorkloadCosts,
  MAX_BREAK_EVEN_VOLUME,
  MIN_TRAINING_EXAMPLES,
  paybackMonth,
  reportedBreakEven,
  resolveDeployment,
  selfHostedBreakEven,
  workloadInputs,
} from './cost-model.js';

/**
 * The cost model at its edges: the last month of the horizon, the exact day a model retires or closes to training,
 * exactly the minimum examples, the break-even cap. Prices are round illustrative figures (not catalog prices);
 * expected costs are worked by hand from docs/cost-model.md with the defaults of schema/defaults.ts: $100/hour,
 * "some" ML expertise (fine-tune setup 80 h, fine-tune upkeep 12 h/month, retrain 16 h), 3 epochs, a 12-month
 * horizon from 2026-11-28, 100,000 requests a month without growth.
 */
const AS_OF = '2026-11-28';
const PROMPT = { instructionTokens: 500, exampleTokens: 1000, inputTokens: 200, outputTokens: 100 };
/** The same prompt with half its static prefix served from the cache. */
const HALF_CACHED = { workload: { prompt: { ...PROMPT, cacheHitRate: 0.5 } } };
/** A prompt as short as the fine-tune's, so only per-token prices differ. */
const SHORT_PROMPT = { workload: { prompt: { ...PROMPT, instructionTokens: 100, exampleTokens: 0 } } };
const tunable = { training: 25, input: 3, output: 12 };
const models: Record<string, ModelPrices> = {
  'b/tunable': { id: 'b/tunable', input: 2, output: 8, fineTuning: tunable },
  'b/cached': { id: 'b/cached', input: 2, output: 8, fineTuning: { ...tunable, cachedInput: 0.3 } },
  'b/with-successor': {
    id: 'b/with-successor',
    input: 2,
    output: 8,
    fineTuning: { ...tunable, successor: 'b/successor' },
    retiresOn: '2027-05-01',
  },
  'b/successor': { id: 'b/successor', input: 1, output: 4, fineTuning: { training: 10, input: 1.5, output: 6 } },
  // Month 12 of a horizon from 2026-11-28 runs 2027-10-28 to 2027-11-27; 2027-11-28 starts month 13.
  'b/retires-month-12': { id: 'b/retires-month-12', input: 2, output: 8, fineTuning: tunable, retiresOn: '2027-11-27' },
  'b/retires-month-13': { id: 'b/retires-month-13', input: 2, output: 8, fineTuning: tunable, retiresOn: '2027-11-28' },
  'b/to-closing-successor': {
    id: 'b/to-closing-successor',
    input: 2,
    output: 8,
    fineTuning: { ...tunable, successor: 'b/closes-that-day' },
    retiresOn: '2027-05-01',
  },
  'b/closes-that-day': {
    id: 'b/closes-that-day',
    input: 1,
    output: 4,
    fineTuning: { training: 10, input: 1.5, output: 6, availableUntil: '2027-05-01' },
  },
  'b/to-month-13-successor': {
    id: 'b/to-month-13-successor',
    input: 2,
    output: 8,
    fineTuning: { ...tunable, successor: 'b/retires-month-13' },
    retiresOn: '2027-05-01',
  },
  'b/to-month-12-successor': {
    id: 'b/to-month-12-successor',
    input: 2,
    output: 8,
    fineTuning: { ...tunable, successor: 'b/retires-month-12' },
    retiresOn: '2027-05-01',
  },
  'b/last-training-day': {
    id: 'b/last-training-day',
    input: 2,
    output: 8,
    fineTuning: { ...tunable, availableUntil: '2027-01-06' },
  },
  'b/prompt-only-retiring': { id: 'b/prompt-only-retiring', input: 2, output: 8, retiresOn: '2026-12-15' },
  'b/to-untunable-successor': {
    id: 'b/to-untunable-successor',
    input: 2,
    output: 8,
    fineTuning: { ...tunable, successor: 'b/prompt-only-successor' },
    retiresOn: '2027-05-01',
  },
  // Tunable, served on dedicated endpoints, training price unconfirmed; and per-token serving with no confirmed price.
  'b/unpriced-training': { id: 'b/unpriced-training', input: 2, output: 8, tuning: { serving: ['dedicated'] } },
  'b/dedicated-only': {
    id: 'b/dedicated-only',
    provider: 'b',
    input: 2,
    output: 8,
    tuning: { training: 25, serving: ['dedicated', 'per-token'] },
  },
  'b/closing-tuner': {
    id: 'b/closing-tuner',
    input: 2,
    output: 8,
    fineTuning: tunable,
    tuning: { training: 25, serving: ['per-token'], availableUntil: '2027-03-01' },
    retiresOn: '2028-06-01',
  },
  // No provider in the catalog: it is read from the id, acme.
  'acme/tunable': { id: 'acme/tunable', input: 2, output: 8, fineTuning: tunable },
  // The provider charges $3 an hour to keep a tuned model deployed (as Azure does).
  'b/hosting-fee': { id: 'b/hosting-fee', input: 2, output: 8, fineTuning: { ...tunable, hostingHourly: 3 } },
  // Served, but nobody can fine-tune it.
  'b/prompt-only-successor': { id: 'b/prompt-only-successor', input: 1, output: 4 },
  // Prompt models retiring in the last month of the horizon and just after it, with no successor.
  'b/prompt-retires-month-12': { id: 'b/prompt-retires-month-12', input: 2, output: 8, retiresOn: '2027-11-27' },
  'b/prompt-retires-month-13': { id: 'b/prompt-retires-month-13', input: 2, output: 8, retiresOn: '2027-11-28' },
  // Prompt models retiring in month 6 whose successor retires the same day, the day after, or is not in the catalog.
  'b/prompt-to-same-day': {
    id: 'b/prompt-to-same-day',
    input: 2,
    output: 8,
    retiresOn: '2027-05-01',
    successor: 'b/retires-2027-05-01',
  },
  'b/prompt-to-next-day': {
    id: 'b/prompt-to-next-day',
    input: 2,
    output: 8,
    retiresOn: '2027-05-01',
    successor: 'b/retires-2027-05-02',
  },
  'b/prompt-to-unknown': {
    id: 'b/prompt-to-unknown',
    input: 2,
    output: 8,
    retiresOn: '2027-05-01',
    successor: 'b/not-in-catalog',
  },
  'b/retires-2027-05-01': { id: 'b/retires-2027-05-01', input: 1, output: 4, retiresOn: '2027-05-01' },
  'b/retires-2027-05-02': { id: 'b/retires-2027-05-02', input: 1, output: 4, retiresOn: '2027-05-02' },
  'b/retired-with-successor': {
    id: 'b/retired-with-successor',
    input: 2,
    output: 8,
    retiresOn: '2026-11-01',
    successor: 'b/successor',
  },
  // A catalog model whose provider serves tunes per token only, and one whose provider serves them no way we know.
  'b/per-token-tuner': { id: 'b/per-token-tuner', provider: 'b', input: 2, output: 8, fineTuning: tunable },
  'b/unserved-tuner': {
    id: 'b/unserved-tuner',
    provider: 'b',
    input: 2,
    output: 8,
    tuning: { training: 25, serving: [] },
  },
  // Tunes retiring in month 6 whose successors are tuned only on GPUs, or have no confirmed training price.
  'b/to-dedicated-only-successor': {
    id: 'b/to-dedicated-only-successor',
    input: 2,
    output: 8,
    fineTuning: { ...tunable, successor: 'b/dedicated-only' },
    retiresOn: '2027-05-01',
  },
  'b/gpu-tuner-to-unpriced-successor': {
    id: 'b/gpu-tuner-to-unpriced-successor',
    input: 2,
    output: 8,
    tuning: { training: 25, serving: ['dedicated'], successor: 'b/unpriced-training' },
    retiresOn: '2027-05-01',
  },
  'b/gpu-tuner-to-dedicated-only-successor': {
    id: 'b/gpu-tuner-to-dedicated-only-successor',
    input: 2,
    output: 8,
    tuning: { training: 25, serving: ['dedicated'], successor: 'b/dedicated-only' },
    retiresOn: '2027-05-01',
  },
  // Same per-token prices as b/tunable's fine-tune, a hair dearer on output: break-even far out.
  'b/almost-tuned-prices': { id: 'b/almost-tuned-prices', input: 3, output: 12.000001 },
  'b/nearly-tuned-prices': { id: 'b/nearly-tuned-prices', input: 3, output: 12.0001 },
};

function context(
  model: string,
  options: { asOf?: string; workload?: Record<string, unknown>; assumptions?: Record<string, unknown> } = {},
): CostContext {
  const usageFile = usageFileSchema.parse({
    version: 1,
    ...(options.assumptions === undefined ? {} : { assumptions: options.assumptions }),
    workloads: [
      {
        id: 'w',
        model,
        volume: { requestsPerMonth: 100000 },
        prompt: PROMPT,
        trainingData: { examples: 1000, quality: 'high' },
        fineTune: { model: model.startsWith('b/almost') || model.startsWith('b/nearly') ? 'b/tunable' : model },
        ...options.workload,
      },
    ],
  });
  return {
    workload: usageFile.workloads[0]!,
    assumptions: usageFile.assumptions,
    asOf: options.asOf ?? AS_OF,
    resolveModel: (id) => models[id],
  };
}

const blockerIds = (costs: ReturnType<typeof computeWorkloadCosts>) =>
  costs.strategies.fineTune.blockers.map((blocker) => blocker.id);

// Fine-tune on b/tunable: kept prompt 100 tokens (the default cap), 200 in, 100 out.
const FINE_TUNE_PER_REQUEST = (100 * 3 + 200 * 3 + 100 * 12) / 1e6;
// One training run: 1000 examples × 400 tokens (200 + 100 + 100 kept) × 3 epochs × $25/1M.
const TRAINING = (1000 * 400 * 3 * 25) / 1e6;
const UPKEEP = 12 * 100;
const RETRAIN_HOURS = 16 * 100;

describe('retrains and the horizon', () => {
  it('charges a retrain due in the last month of the horizon', () => {
    const { fineTune } = computeWorkloadCosts(
      context('b/tunable', { workload: { fineTune: { model: 'b/tunable', retrainEveryMonths: 11 } } }),
    ).strategies;
    expect(fineTune.retrainMonths).toEqual([12]);
    expect(fineTune.monthly[10]).toBeCloseTo(100000 * FINE_TUNE_PER_REQUEST + UPKEEP, 6);
    expect(fineTune.monthly[11]).toBeCloseTo(100000 * FINE_TUNE_PER_REQUEST + UPKEEP + TRAINING + RETRAIN_HOURS, 6);
  });

  it('charges the migration month one training run, not a retrain on top', () => {
    // Monthly retrains, and b/with-successor retires in month 6: that month re-fine-tunes on the successor instead.
    const { fineTune } = computeWorkloadCosts(context('b/with-successor')).strategies;
    expect(fineTune.migration?.month).toBe(6);
    expect(fineTune.retrainMonths).toEqual([2, 3, 4, 5, 7, 8, 9, 10, 11, 12]);
    const perRequestAfter = (100 * 1.5 + 200 * 1.5 + 100 * 6) / 1e6;
    const trainingAfter = (1000 * 400 * 3 * 10) / 1e6;
    expect(fineTune.monthly[5]).toBeCloseTo(100000 * perRequestAfter + UPKEEP + trainingAfter + 80 * 100, 6);
    expect(fineTune.monthly[6]).toBeCloseTo(100000 * perRequestAfter + UPKEEP + trainingAfter + RETRAIN_HOURS, 6);
  });
});

describe('lifecycle dates, to the day', () => {
  it('blocks a fine-tune whose model retires in the last month of the horizon, not one retiring just after', () => {
    expect(horizonMonthOf('2027-11-27', AS_OF)).toBe(12);
    expect(horizonMonthOf('2027-11-28', AS_OF)).toBe(13);
    const lastMonth = computeWorkloadCosts(context('b/retires-month-12'));
    expect(blockerIds(lastMonth)).toEqual(['retires-in-horizon']);
    expect(lastMonth.strategies.fineTune.blockers[0]?.message).toContain('month 12 of the 12-month horizon');
    expect(blockerIds(computeWorkloadCosts(context('b/retires-month-13')))).toEqual([]);
  });

  it('accepts a successor that still trains on the retirement day, or retires just after the horizon', () => {
    const closing = computeWorkloadCosts(context('b/to-closing-successor')).strategies.fineTune;
    expect(closing.blockers).toEqual([]);
    expect(closing.migration).toMatchObject({ month: 6, to: 'b/closes-that-day' });
    const outliving = computeWorkloadCosts(context('b/to-month-13-successor')).strategies.fineTune;
    expect(outliving.blockers).toEqual([]);
    expect(outliving.migration).toMatchObject({ month: 6, to: 'b/retires-month-13' });
    expect(outliving.monthly.slice(6).every((month) => month > 0)).toBe(true);
  });

  it('refuses a successor that cannot be fine-tuned, and says so', () => {
    const costs = computeWorkloadCosts(context('b/to-untunable-successor'));
    expect(costs.strategies.fineTune.blockers).toEqual([
      {
        id: 'retires-in-horizon',
        message:
          'fine-tunes of b/to-untunable-successor stop working on 2027-05-01 (month 6 of the 12-month horizon), and its successor b/prompt-only-successor cannot be fine-tuned',
      },
    ]);
    expect(costs.strategies.fineTune.migration).toBeUndefined();
  });

  it('refuses a successor that retires in the last month of the horizon', () => {
    const costs = computeWorkloadCosts(context('b/to-month-12-successor'));
    expect(blockerIds(costs)).toEqual(['retires-in-horizon']);
    expect(costs.strategies.fineTune.blockers[0]?.message).toContain('retires on 2027-11-27, inside the horizon');
    expect(costs.strategies.fineTune.migration).toBeUndefined();
  });

  it('still takes training jobs on the last day they are open, and not the day after', () => {
    expect(blockerIds(computeWorkloadCosts(context('b/last-training-day', { asOf: '2027-01-06' })))).toEqual([]);
    expect(blockerIds(computeWorkloadCosts(context('b/last-training-day', { asOf: '2027-01-07' })))).toEqual([
      'training-closed',
    ]);
  });

  it('blocks prompting as retired on the day the model retires; the day before, as retiring inside the horizon', () => {
    const onTheDay = computeWorkloadCosts(
      context('b/prompt-only-retiring', { asOf: '2026-12-15', workload: { fineTune: { model: 'b/tunable' } } }),
    );
    expect(onTheDay.strategies.prompt.blockers.map((blocker) => blocker.id)).toEqual(['retired']);
    const dayBefore = computeWorkloadCosts(
      context('b/prompt-only-retiring', { asOf: '2026-12-14', workload: { fineTune: { model: 'b/tunable' } } }),
    );
    // With no successor in the catalog, a prompt model retiring inside the horizon is no plan either (docs/lifecycle.md).
    expect(dayBefore.strategies.prompt.blockers.map((blocker) => blocker.id)).toEqual(['prompt-retires-in-horizon']);
  });
});

describe('training data', () => {
  it(`is enough at exactly ${MIN_TRAINING_EXAMPLES} examples`, () => {
    const exactly = computeWorkloadCosts(
      context('b/tunable', { workload: { trainingData: { examples: 50, quality: 'high' } } }),
    );
    expect(blockerIds(exactly)).toEqual([]);
    expect(exactly.strategies.fineTune.feasible).toBe(true);
  });
});

describe('per-token prices', () => {
  it('gives the hybrid’s prompt layer the fine-tune’s cached-input price, and the fine-tune’s short prompt none', () => {
    const cached = computeWorkloadCosts(context('b/cached', HALF_CACHED)).strategies;
    // Hybrid: 500 layer tokens, half at $3 and half at $0.30, then 200 in at $3 and 100 out at $12.
    expect(cached.hybrid.perRequest).toBeCloseTo((500 * (0.5 * 3 + 0.5 * 0.3) + 200 * 3 + 100 * 12) / 1e6, 12);
    expect(cached.fineTune.perRequest).toBeCloseTo(FINE_TUNE_PER_REQUEST, 12);
  });

  it('gives no discount without a cached-input price, whatever the hit rate', () => {
    const uncached = computeWorkloadCosts(context('b/tunable', HALF_CACHED)).strategies;
    expect(uncached.hybrid.perRequest).toBeCloseTo((500 * 3 + 200 * 3 + 100 * 12) / 1e6, 12);
  });

  it('bills per token when hosting is provider, even with a selfHosted block left in the file', () => {
    const withBlock = computeWorkloadCosts(
      context('b/tunable', {
        workload: {
          fineTune: { model: 'b/tunable', hosting: 'provider', selfHosted: { gpuHourly: 2, tokensPerSecond: 1000 } },
        },
      }),
    );
    const plain = computeWorkloadCosts(context('b/tunable'));
    expect(withBlock.strategies.fineTune.replicas).toBeUndefined();
    expect(withBlock.strategies.fineTune.perRequest).toBeCloseTo(FINE_TUNE_PER_REQUEST, 12);
    expect(withBlock.strategies.fineTune.total).toBeCloseTo(plain.strategies.fineTune.total, 6);
    expect(withBlock.breakEven).toEqual(plain.breakEven);
  });
});

describe('break-even', () => {
  it('is 0 requests when fine-tuning is cheaper even with no traffic', () => {
    // 100 h of prompt upkeep a month ($10,000) outweighs the fine-tune's fixed costs (about $3,400 a month).
    const costs = computeWorkloadCosts(context('b/tunable', { assumptions: { effortHours: { promptMonthly: 100 } } }));
    expect(costs.breakEven.requestsPerMonth).toBe(0);
    expect(costs.breakEven.paybackMonth).toBe(1);
  });

  it(`is none when it lies beyond ${MAX_BREAK_EVEN_VOLUME.toExponential()} requests a month, and a figure below`, () => {
    // Prompting costs $1e-10 more per request than the fine-tune: about $2,600 of fixed gap takes ~2.6e13 requests.
    expect(computeWorkloadCosts(context('b/almost-tuned-prices', SHORT_PROMPT)).breakEven.requestsPerMonth).toBeNull();
    // $1e-8 more per request: ~2.6e11, under the cap.
    const near = computeWorkloadCosts(context('b/nearly-tuned-prices', SHORT_PROMPT)).breakEven.requestsPerMonth;
    expect(near).toBeGreaterThan(1e11);
    expect(near).toBeLessThan(MAX_BREAK_EVEN_VOLUME);
  });
});

describe('break-even as a reader sees it', () => {
  it('formats a zero break-even as "0", never "-0"', () => {
    const costs = computeWorkloadCosts(context('b/tunable', { assumptions: { effortHours: { promptMonthly: 100 } } }));
    expect(new Intl.NumberFormat('en-US').format(costs.breakEven.requestsPerMonth ?? Number.NaN)).toBe('0');
  });
});

describe('self-hosted break-even when each replica costs more than the prompt traffic it absorbs', () => {
  // One replica at 100 tokens/s and peak factor 1 carries 100 × 730 h × 3600 s / 400 tokens = 657,000 requests a
  // month, which cost $2,759.40 to prompt (b/tunable's prompt: 1,500 static + 200 in at $2, 100 out at $8 per 1M);
  // the replica costs 10 × 730 = $7,300. So a second replica never pays: only the first band can break even.
  const selfHosted = { gpuHourly: 10, tokensPerSecond: 100, minReplicas: 1, peakFactor: 1 };
  const selfHostedContext = (promptMonthlyHours: number) =>
    context('b/tunable', {
      workload: { fineTune: { model: 'b/tunable', hosting: 'self-hosted', selfHosted } },
      assumptions: { effortHours: { promptMonthly: promptMonthlyHours } },
    });
  const averagesAt = (promptMonthlyHours: number, requestsPerMonth: number) => {
    const { strategies } = computeWorkloadCosts(selfHostedContext(promptMonthlyHours), {
      requestsPerMonth,
      monthlyGrowth: 0,
    });
    return { prompt: strategies.prompt.averageMonthly, fineTune: strategies.fineTune.averageMonthly };
  };

  it('breaks even inside the first replica when the prompt’s upkeep is heavy enough', () => {
    // Fine-tune without GPUs: ($30 + $8,000 setup + 12 × $1,200 + 11 retrains × $1,630) / 12 = $3,363.33 a month;
    // prompt at 90 h upkeep: $1,600 / 12 + $9,000 = $9,133.33. ($3,363.33 + $7,300 − $9,133.33) / $0.0042 = 364,285.7.
    const breakEven = computeWorkloadCosts(selfHostedContext(90)).breakEven.requestsPerMonth;
    expect(breakEven).toBe(364_286);
    const at = averagesAt(90, 364_286);
    expect(at.fineTune).toBeLessThanOrEqual(at.prompt);
    const before = averagesAt(90, 364_285);
    expect(before.fineTune).toBeGreaterThan(before.prompt);
  });

  it('never breaks even when the first replica does not pay for itself, since later ones pay less', () => {
    // At 70 h the prompt's fixed cost is $7,133.33: the first band still leaves fine-tuning $770 a month dearer.
    expect(computeWorkloadCosts(selfHostedContext(70)).breakEven.requestsPerMonth).toBeNull();
    for (const requestsPerMonth of [0, 657_000, 1_314_000, 10_000_000]) {
      const at = averagesAt(70, requestsPerMonth);
      expect(at.fineTune).toBeGreaterThan(at.prompt);
    }
  });
});

describe('what a reader is told', () => {
  it('names the reason each blocker gives', () => {
    const few = computeWorkloadCosts(
      context('b/tunable', { workload: { trainingData: { examples: 49, quality: 'high' } } }),
    );
    expect(few.strategies.fineTune.blockers[0]?.message).toBe('49 training examples; fine-tuning needs at least 50');
    const policy = computeWorkloadCosts(
      context('b/tunable', { workload: { profile: { dataPolicy: 'no-third-party-training' } } }),
    );
    expect(policy.strategies.fineTune.blockers[0]?.message).toBe(
      'the data policy forbids training on a third party, and fine-tune hosting is `provider`',
    );
    const untunable = computeWorkloadCosts(context('b/prompt-only-retiring', { asOf: '2026-12-01' }));
    expect(untunable.strategies.fineTune.blockers).toEqual([
      { id: 'not-fine-tunable', message: 'b/prompt-only-retiring cannot be fine-tuned' },
    ]);
    const noSuccessor = computeWorkloadCosts(context('b/retires-month-12'));
    expect(noSuccessor.strategies.fineTune.blockers[0]?.message).toContain(
      'the catalog names no fine-tunable successor',
    );
  });

  it('on the day a tunable model retires, says it retired — not that it will retire in month 1', () => {
    const onTheDay = computeWorkloadCosts(context('b/retires-month-12', { asOf: '2027-11-27' }));
    expect(onTheDay.strategies.fineTune.blockers).toEqual([
      { id: 'retired', message: 'b/retires-month-12 retired on 2027-11-27, and its fine-tunes with it' },
    ]);
  });

  it('counts the static prefix and the input in the prompt strategy’s tokens and latency', () => {
    const { prompt } = computeWorkloadCosts(context('b/tunable')).strategies;
    expect(prompt.promptTokens).toBe(500 + 1000 + 200);
    // No speed or size class: a medium model, 450 ms + 1,700 tokens at 8,000/s + 100 tokens at 90/s.
    expect(prompt.latencyMs).toBeCloseTo(450 + (1700 / 8000) * 1000 + (100 / 90) * 1000, 9);
  });

  it('refuses prompt files whose tokens were not counted, and accepts them once counted', () => {
    const withFiles = (prompt: Record<string, unknown>) =>
      context('b/tunable', { workload: { prompt: { inputTokens: 200, outputTokens: 100, ...prompt } } }).workload;
    const uncountedInstructions = () => workloadInputs(withFiles({ instructionFiles: ['prompts/system.md'] }));
    expect(uncountedInstructions).toThrow(UncountedPromptFilesError);
    expect(() => workloadInputs(withFiles({ exampleFiles: ['prompts/examples.md'] }))).toThrow(
      UncountedPromptFilesError,
    );
    const counted = workloadInputs(
      withFiles({
        instructionFiles: ['prompts/system.md'],
        instructionTokens: 700,
        exampleFiles: ['prompts/examples.md'],
        exampleTokens: 300,
      }),
    );
    expect(counted).toMatchObject({ instructionTokens: 700, exampleTokens: 300 });
    expect(() => workloadInputs(withFiles({}))).not.toThrow();
  });
});

describe('break-even, more edges', () => {
  it('is 0 when fine-tuning is cheaper with no traffic even though each request costs it more', () => {
    // b/almost-tuned-prices prompts at (100 + 200) × $3 + 100 × $12 per 1M = $0.0021, b/tunable's fine-tune the same
    // plus nothing: raise the prompt's upkeep so prompting costs more at zero volume, and make the fine-tune dearer
    // per request by keeping all 500 instruction tokens.
    const costs = computeWorkloadCosts(
      context('b/almost-tuned-prices', {
        workload: { ...SHORT_PROMPT.workload, fineTune: { model: 'b/tunable', keepInstructionTokens: 500 } },
        assumptions: { effortHours: { promptMonthly: 100 } },
      }),
    );
    expect(costs.strategies.fineTune.perRequest).toBeGreaterThan(costs.strategies.prompt.perRequest);
    expect(costs.breakEven.requestsPerMonth).toBe(0);
  });

  it('charges the provider’s hourly hosting fee only when the provider hosts the tune, not on your own GPUs', () => {
    const selfHosted = { gpuHourly: 2, gpusPerReplica: 1, tokensPerSecond: 1_000_000, minReplicas: 1, peakFactor: 1 };
    const own = computeWorkloadCosts(
      context('b/hosting-fee', {
        workload: { fineTune: { model: 'b/hosting-fee', hosting: 'self-hosted', selfHosted, retrainEveryMonths: 12 } },
      }),
    ).strategies.fineTune;
    expect(own.monthly[1]).toBeCloseTo(UPKEEP + 2 * 730, 6);
    const provider = computeWorkloadCosts(
      context('b/hosting-fee', { workload: { fineTune: { model: 'b/hosting-fee', retrainEveryMonths: 12 } } }),
    ).strategies.fineTune;
    expect(provider.monthly[1]).toBeCloseTo(100000 * FINE_TUNE_PER_REQUEST + UPKEEP + 3 * 730, 6);
  });

  it('bills every GPU of a self-hosted replica', () => {
    const selfHosted = { gpuHourly: 2, gpusPerReplica: 4, tokensPerSecond: 1_000_000, minReplicas: 1, peakFactor: 1 };
    const { fineTune } = computeWorkloadCosts(
      context('b/tunable', {
        workload: { fineTune: { model: 'b/tunable', hosting: 'self-hosted', selfHosted, retrainEveryMonths: 12 } },
      }),
    ).strategies;
    expect(fineTune.replicas?.[1]).toBe(1);
    // Month 2: upkeep plus one replica of 4 GPUs at $2 for 730 hours.
    expect(fineTune.monthly[1]).toBeCloseTo(UPKEEP + 4 * 2 * 730, 6);
  });
});

describe('break-even at a tie', () => {
  it('is 0 when the two cost the same with no traffic, even though each request then costs fine-tuning more', () => {
    // Whole dollars, so both sums are exact. Fine-tune: 10,000 examples × 400 tokens × 3 epochs × $25/1M = $300 of
    // training, 80 h set-up, 12 h a month, no retrain: $8,300 + 12 × $1,200 = $22,700. Prompt: 23 h set-up and 17 h
    // a month: $2,300 + 12 × $1,700 = $22,700. Per request the fine-tune's 100 kept + 200 in at $3 and 100 out at
    // $12 ($0.0021) is dearer than the short prompt's 100 + 200 in at $2 and 100 out at $8 ($0.0014).
    const tie = computeWorkloadCosts(
      context('b/tunable', {
        workload: {
          ...SHORT_PROMPT.workload,
          trainingData: { examples: 10_000, quality: 'high' },
          fineTune: { model: 'b/tunable', retrainEveryMonths: 12 },
        },
        assumptions: { effortHours: { promptSetup: 23, promptMonthly: 17 } },
      }),
      { requestsPerMonth: 0 },
    );
    expect(tie.strategies.fineTune.total).toBe(22_700);
    expect(tie.strategies.prompt.total).toBe(22_700);
    expect(tie.strategies.fineTune.perRequest).toBeGreaterThan(tie.strategies.prompt.perRequest);
    expect(tie.breakEven.requestsPerMonth).toBe(0);
  });
});

describe('payback', () => {
  it('is the month in which the cumulative costs become equal, not the month after', () => {
    // Whole dollars, so the sums are exact: prompting $100 a month; fine-tuning $150 up front and $50 a month.
    // Cumulative: prompt 100, 200, 300; fine-tune 200, 250, 300 — level in month 3.
    const strategy = (upfront: number, month: number) => {
      const monthly = [month, month, month, month];
      const total = upfront + 4 * month;
      return { ...computeWorkloadCosts(context('b/tunable')).strategies.prompt, upfront, monthly, total };
    };
    expect(paybackMonth(strategy(0, 100), strategy(150, 50))).toBe(3);
    // A dollar more up front and it pays back a month later.
    expect(paybackMonth(strategy(0, 100), strategy(151, 50))).toBe(4);
  });
});

describe('self-hosted break-even with two replicas at the floor', () => {
  // As above: a replica costs $7,300 a month and carries 657,000 requests, whose prompting costs $2,759.40, so a
  // replica never pays for itself; only the floor band (2 replicas, up to 1,314,000 requests) can break even.
  // Fine-tune without GPUs $3,363.33 a month; at 140 h of prompt upkeep prompting's fixed cost is $14,133.33.
  // At the top of the floor band fine-tune costs 3,363.33 + 2 × 7,300 = $17,963.33 and prompting
  // 14,133.33 + 0.0042 × 1,314,000 = $19,652.13: fine-tuning is cheaper there, so it breaks even inside the band at
  // (17,963.33 − 14,133.33) / 0.0042 = 911,904.8 requests.
  const selfHosted = { gpuHourly: 10, tokensPerSecond: 100, minReplicas: 2, peakFactor: 1 };
  const twoReplicaContext = () =>
    context('b/tunable', {
      workload: { fineTune: { model: 'b/tunable', hosting: 'self-hosted', selfHosted } },
      assumptions: { effortHours: { promptMonthly: 140 } },
    });

  it('breaks even inside the floor band when the floor is cheaper than prompting at its top', () => {
    expect(computeWorkloadCosts(twoReplicaContext()).breakEven.requestsPerMonth).toBe(911_905);
    const averagesAt = (requestsPerMonth: number) => {
      const { strategies } = computeWorkloadCosts(twoReplicaContext(), { requestsPerMonth, monthlyGrowth: 0 });
      expect(strategies.fineTune.replicas?.[0]).toBe(2);
      return strategies;
    };
    const at = averagesAt(911_905);
    expect(at.fineTune.averageMonthly).toBeLessThanOrEqual(at.prompt.averageMonthly);
    const before = averagesAt(911_904);
    expect(before.fineTune.averageMonthly).toBeGreaterThan(before.prompt.averageMonthly);
  });
});

/**
 * b/tunable self-hosted on one $10/h replica (100 tokens/s), with eval results of 500 cases each, $1 a failure, and
 * `upkeepHours` of prompt upkeep a month.
 */
function selfHostedWithFailures(options: { promptPassed: number; fineTunePassed: number; upkeepHours: number }) {
  return context('b/tunable', {
    workload: {
      fineTune: {
        model: 'b/tunable',
        hosting: 'self-hosted',
        selfHosted: { gpuHourly: 10, tokensPerSecond: 100, minReplicas: 1, peakFactor: 1 },
      },
      quality: {
        metric: 'exact match',
        failureCostUsd: 1,
        prompt: { passed: options.promptPassed, total: 500 },
        fineTune: { passed: options.fineTunePassed, total: 500 },
      },
    },
    assumptions: { effortHours: { promptMonthly: options.upkeepHours } },
  });
}

describe('self-hosted break-even when the fine-tune’s failures cost more per request than prompting', () => {
  it('is 0 when fine-tuning is cheaper with no traffic, however much each request then costs it', () => {
    // The fine-tune fails 20% of its eval cases and the prompt 2%, at $1 a failure: each request costs the fine-tune
    // $0.20 in failures against the prompt's $0.0042 + $0.02. With 120 h of prompt upkeep ($12,133.33 a month) one
    // replica plus the fine-tune's fixed costs ($10,663.33) are still cheaper with no traffic at all.
    const costs = computeWorkloadCosts(
      selfHostedWithFailures({ promptPassed: 490, fineTunePassed: 400, upkeepHours: 120 }),
    );
    expect(costs.strategies.fineTune.failureRate).toBeCloseTo(0.2, 12);
    expect(costs.strategies.fineTune.perRequest + 0.2).toBeGreaterThan(costs.strategies.prompt.perRequest + 0.02);
    expect(costs.breakEven.requestsPerMonth).toBe(0);
  });
});

describe('a deployment block that cannot be priced says why', () => {
  const shape = { minReplicas: 1, peakFactor: 1 };
  const model = { id: 'b/tunable', sizeClass: undefined };
  const gpu = defaultCatalog.gpus[0]!;
  const resolveGpu = (id: string) => (id === gpu.id ? gpu : undefined);

  it('names a GPU the catalog does not list, and a block that names none', () => {
    expect(resolveDeployment({ ...shape, gpu: 'acme/x1' }, model, resolveGpu)).toBe(
      'acme/x1 is not a GPU in the catalog',
    );
    expect(resolveDeployment({ ...shape }, model, resolveGpu)).toBe(
      'the deployment names no GPU (gpu: a catalog GPU id or { hourly: USD })',
    );
  });

  it('never invents a throughput: a priced GPU, or a catalog GPU without a cited one for the model, needs it given', () => {
    expect(resolveDeployment({ ...shape, gpu: { hourly: 2 } }, model, resolveGpu)).toBe(
      'a GPU given by price has no throughput; set deployment.tokensPerSecond',
    );
    expect(resolveDeployment({ ...shape, gpu: gpu.id }, model, resolveGpu)).toBe(
      `the catalog cites no throughput for unsized models like b/tunable on ${gpu.id}; set deployment.tokensPerSecond`,
    );
  });

  it('calls a GPU given by its price "custom", and a catalog GPU by its id', () => {
    const priced = { ...shape, tokensPerSecond: 1000 };
    expect(resolveDeployment({ ...priced, gpu: { hourly: 2 } }, model, resolveGpu)).toMatchObject({
      gpu: 'custom',
      hourly: 2,
    });
    expect(resolveDeployment({ ...priced, gpu: gpu.id }, model, resolveGpu)).toMatchObject({
      gpu: gpu.id,
      hourly: gpu.hourly,
    });
  });
});

describe('fine-tuning prices the catalog could not confirm', () => {
  it('blocks a self-hosted fine-tune whose training price is unknown, and says where to give it', () => {
    const costs = computeWorkloadCosts(
      context('b/unpriced-training', {
        workload: {
          fineTune: {
            model: 'b/unpriced-training',
            hosting: 'self-hosted',
            selfHosted: { gpu: { hourly: 2 }, tokensPerSecond: 1000 },
          },
        },
      }),
    );
    expect(costs.strategies.fineTune.blockers).toEqual([
      {
        id: 'training-unpriced',
        message:
          'the training price of b/unpriced-training could not be confirmed; give it as models.b/unpriced-training.fineTuning.training',
      },
    ]);
    expect(costs.strategies.fineTune.priced).toBe(false);
  });

  it('names how the provider does serve tunes when it has no confirmed per-token price', () => {
    const costs = computeWorkloadCosts(context('b/dedicated-only'));
    expect(costs.strategies.fineTune.blockers).toEqual([
      {
        id: 'no-per-token-serving',
        message:
          'fine-tunes of b/dedicated-only have no confirmed per-token price: the provider serves them only on dedicated GPU endpoints (hosting: dedicated) or per token, at a price the catalog could not confirm',
      },
    ]);
  });
});

describe('a provider closed to new fine-tuning customers', () => {
  const closed = (model: string, reason?: string): CostContext => ({
    ...context(model),
    // Closed only for provider b: the provider is read from the model's id when the catalog names none.
    fineTuningAccess: (provider) =>
      provider === 'b' ? { open: false, ...(reason === undefined ? {} : { reason }) } : { open: true },
  });

  it('tells the team what an active customer could still do: train until the last day, serve until retirement', () => {
    const blockers = computeWorkloadCosts(closed('b/closing-tuner', 'b stopped onboarding on 2026-10-01')).strategies
      .fineTune.blockers;
    expect(blockers).toEqual([
      {
        id: 'provider-closed',
        message:
          'fine-tuning b/closing-tuner is closed to this team: b stopped onboarding on 2026-10-01; a team already running b fine-tunes (assumptions.activeFineTuningProviders: [b]) can train until 2027-03-01, and its fine-tunes serve until 2028-06-01',
      },
    ]);
  });

  it('reads the provider from the model id when the catalog names none', () => {
    const onlyAcmeClosed: CostContext = {
      ...context('acme/tunable'),
      fineTuningAccess: (provider) => (provider === 'acme' ? { open: false } : { open: true }),
    };
    expect(computeWorkloadCosts(onlyAcmeClosed).strategies.fineTune.blockers.map((blocker) => blocker.message)).toEqual(
      [
        'fine-tuning acme/tunable is closed to this team: acme takes no new fine-tuning customers; a team already running acme fine-tunes (assumptions.activeFineTuningProviders: [acme]) can still train',
      ],
    );
  });

  it('says the provider takes no new customers when the catalog gives no reason, and that training is still open', () => {
    const blockers = computeWorkloadCosts(closed('b/tunable')).strategies.fineTune.blockers;
    expect(blockers.map((blocker) => blocker.message)).toEqual([
      'fine-tuning b/tunable is closed to this team: b takes no new fine-tuning customers; a team already running b fine-tunes (assumptions.activeFineTuningProviders: [b]) can still train',
    ]);
  });
});

describe('a prompt model that retires inside the horizon', () => {
  const promptPlan = (model: string, asOf?: string) =>
    computeWorkloadCosts(context(model, asOf === undefined ? {} : { asOf })).strategies.prompt;

  it('blocks prompting on a model retiring in the last month of the horizon with no successor, not one retiring after', () => {
    expect(promptPlan('b/prompt-retires-month-12').blockers).toEqual([
      {
        id: 'prompt-retires-in-horizon',
        message:
          'b/prompt-retires-month-12 retires on 2027-11-27 (month 12 of the 12-month horizon), and the catalog names no successor',
      },
    ]);
    const afterTheHorizon = promptPlan('b/prompt-retires-month-13');
    expect(afterTheHorizon.blockers).toEqual([]);
    expect(afterTheHorizon.feasible).toBe(true);
  });

  it('moves to a successor still serving the day after, and refuses one retiring the same day or not in the catalog', () => {
    const moved = promptPlan('b/prompt-to-next-day');
    expect(moved.blockers).toEqual([]);
    expect(moved.migration).toMatchObject({ month: 6, to: 'b/retires-2027-05-02' });
    // From month 6 the prompt runs on the successor's prices: 1,700 tokens in at $1 and 100 out at $4 per 1M is
    // $0.0021 a request against $0.0042, so month 7 costs 100,000 × $0.0021 = $210 less than month 5.
    expect(moved.monthly[6]! - moved.monthly[4]!).toBeCloseTo(-210, 6);
    expect(promptPlan('b/prompt-to-same-day').blockers).toEqual([
      {
        id: 'prompt-retires-in-horizon',
        message:
          'b/prompt-to-same-day retires on 2027-05-01 (month 6 of the 12-month horizon), and its successor b/retires-2027-05-01 is not live by then',
      },
    ]);
    expect(promptPlan('b/prompt-to-unknown').blockers.map((blocker) => blocker.message)).toEqual([
      'b/prompt-to-unknown retires on 2027-05-01 (month 6 of the 12-month horizon), and its successor b/not-in-catalog is not live by then',
    ]);
  });

  it('names the successor of a prompt model that has already retired, and none where the catalog has none', () => {
    expect(promptPlan('b/retired-with-successor').blockers).toEqual([
      {
        id: 'retired',
        message:
          'b/retired-with-successor retired on 2026-11-01 (its successor is b/successor); move this workload to a live model',
      },
    ]);
    // One the catalog names no successor for: the message names none.
    expect(promptPlan('b/prompt-only-retiring', '2026-12-15').blockers.map((blocker) => blocker.message)).toEqual([
      'b/prompt-only-retiring retired on 2026-12-15; move this workload to a live model',
    ]);
  });
});

describe('how the provider serves tunes', () => {
  const onGpus = { gpu: { hourly: 2 }, tokensPerSecond: 1000 };

  it('refuses a dedicated endpoint the catalog does not confirm, and says how the provider does serve tunes', () => {
    const perTokenOnly = computeWorkloadCosts(
      context('b/per-token-tuner', {
        workload: { fineTune: { model: 'b/per-token-tuner', hosting: 'dedicated', deployment: onGpus } },
      }),
    ).strategies.fineTune;
    expect(perTokenOnly.blockers).toEqual([
      {
        id: 'no-dedicated-serving',
        message:
          'the provider of b/per-token-tuner serves its fine-tunes on no dedicated endpoint the catalog confirms (only per-token); self-host them (hosting: self-hosted)',
      },
    ]);
    const unserved = computeWorkloadCosts(
      context('b/unserved-tuner', {
        workload: { fineTune: { model: 'b/unserved-tuner', hosting: 'dedicated', deployment: onGpus } },
      }),
    ).strategies.fineTune;
    expect(unserved.blockers.map((blocker) => blocker.message)).toEqual([
      'the provider of b/unserved-tuner serves its fine-tunes on no dedicated endpoint the catalog confirms; self-host them (hosting: self-hosted)',
    ]);
  });

  it('says when the catalog confirms no way at all that the provider serves tunes', () => {
    const costs = computeWorkloadCosts(context('b/unserved-tuner'));
    expect(costs.strategies.fineTune.blockers).toEqual([
      {
        id: 'no-per-token-serving',
        message:
          'fine-tunes of b/unserved-tuner have no confirmed per-token price: the catalog confirms no way the provider serves them (train there, serve on your own GPUs: hosting: self-hosted)',
      },
    ]);
  });
});

describe('a deployment the cost model cannot price', () => {
  it('blocks and leaves unpriced a GPU mode with no deployment block (a file that skipped the parse checks)', () => {
    const { fineTune } = computeWorkloadCosts(
      context('b/tunable', { workload: { fineTune: { model: 'b/tunable', hosting: 'dedicated' } } }),
    ).strategies;
    expect(fineTune.blockers).toEqual([
      { id: 'deployment-unpriced', message: 'hosting: dedicated needs a deployment block' },
    ]);
    expect(fineTune.priced).toBe(false);
  });

  it('blocks a GPU the catalog does not list, with the reason resolveDeployment gives', () => {
    const { fineTune } = computeWorkloadCosts(
      context('b/tunable', {
        workload: { fineTune: { model: 'b/tunable', hosting: 'self-hosted', deployment: { gpu: 'acme/x1' } } },
      }),
    ).strategies;
    expect(fineTune.blockers).toEqual([{ id: 'deployment-unpriced', message: 'acme/x1 is not a GPU in the catalog' }]);
    expect(fineTune.priced).toBe(false);
    expect(fineTune.feasible).toBe(false);
  });
});

describe('a successor that takes over a tune only where it can be priced', () => {
  const selfHosted = { gpu: { hourly: 2 }, tokensPerSecond: 1000 };

  it('refuses, when the provider hosts, a successor tuned only on GPUs', () => {
    expect(computeWorkloadCosts(context('b/to-dedicated-only-successor')).strategies.fineTune.blockers).toEqual([
      {
        id: 'retires-in-horizon',
        message:
          'fine-tunes of b/to-dedicated-only-successor stop working on 2027-05-01 (month 6 of the 12-month horizon), and its successor b/dedicated-only has no confirmed per-token fine-tuned price',
      },
    ]);
  });

  it('takes the same successor when the tune runs on your own GPUs', () => {
    const { fineTune } = computeWorkloadCosts(
      context('b/gpu-tuner-to-dedicated-only-successor', {
        workload: {
          fineTune: {
            model: 'b/gpu-tuner-to-dedicated-only-successor',
            hosting: 'self-hosted',
            deployment: selfHosted,
          },
        },
      }),
    ).strategies;
    expect(fineTune.blockers).toEqual([]);
    expect(fineTune.migration).toMatchObject({ month: 6, to: 'b/dedicated-only' });
  });

  it('refuses a successor whose training price could not be confirmed', () => {
    const { fineTune } = computeWorkloadCosts(
      context('b/gpu-tuner-to-unpriced-successor', {
        workload: {
          fineTune: { model: 'b/gpu-tuner-to-unpriced-successor', hosting: 'self-hosted', deployment: selfHosted },
        },
      }),
    ).strategies;
    expect(fineTune.blockers.map((blocker) => blocker.message)).toEqual([
      'fine-tunes of b/gpu-tuner-to-unpriced-successor stop working on 2027-05-01 (month 6 of the 12-month horizon), and the training price of its successor b/unpriced-training could not be confirmed',
    ]);
  });
});

describe('self-hosted break-even when measured failures make each prompted request dearer', () => {
  it('is the smallest volume at which the fine-tune, failures and GPUs included, is no dearer', () => {
    // The prompt fails 10% of its eval cases and the fine-tune 2%, at $1 a failure: each request saves the fine-tune
    // $0.0042 + $0.10 − $0.02 of prompting. No prompt upkeep, so fine-tuning's fixed costs and first replica must be
    // earned back by traffic.
    const failing = selfHostedWithFailures({ promptPassed: 450, fineTunePassed: 490, upkeepHours: 0 });
    const breakEven = computeWorkloadCosts(failing).breakEven.requestsPerMonth;
    expect(breakEven).not.toBeNull();
    const averagesAt = (requestsPerMonth: number) => {
      const { strategies } = computeWorkloadCosts(failing, { requestsPerMonth, monthlyGrowth: 0 });
      return { prompt: strategies.prompt.averageMonthly, fineTune: strategies.fineTune.averageMonthly };
    };
    const at = averagesAt(breakEven!);
    expect(at.fineTune).toBeLessThanOrEqual(at.prompt);
    const before = averagesAt(breakEven! - 1);
    expect(before.fineTune).toBeGreaterThan(before.prompt);
  });
});

describe('break-even as reported', () => {
  it('counts exactly 1e12 requests a month, rounds up to a whole request, and never says -0', () => {
    expect(reportedBreakEven(MAX_BREAK_EVEN_VOLUME)).toBe(MAX_BREAK_EVEN_VOLUME);
    expect(reportedBreakEven(MAX_BREAK_EVEN_VOLUME + 1)).toBeNull();
    expect(reportedBreakEven(364_285.7)).toBe(364_286);
    expect(Object.is(reportedBreakEven(-1e-12), 0)).toBe(true);
    expect(reportedBreakEven(Number.POSITIVE_INFINITY)).toBeNull();
    expect(reportedBreakEven(Number.NaN)).toBeNull();
    expect(reportedBreakEven(null)).toBeNull();
  });
});

describe('self-hosted break-even at exact ties', () => {
  // Round figures in USD a month: a replica costs $100 and carries 200 requests, each of which saves $0.50 of
  // prompting, so a replica pays exactly for the traffic it carries.
  const lines = {
    promptFixed: 1000,
    promptSlope: 0.5,
    fineTuneFixed: 1000,
    replicasAtZero: 1,
    replicaMonthly: 100,
    perReplica: 200,
    floor: 1,
  };

  it('breaks even at the top of the first band when each replica exactly pays for itself', () => {
    // Fine-tune 1,000 + 100 against prompt 1,000 + 0.5 × 200 at 200 requests: equal there, dearer below.
    expect(selfHostedBreakEven(lines)).toBe(200);
  });

  it('is 0 for a deployment that scales to zero replicas and costs what prompting does with no traffic', () => {
    expect(selfHostedBreakEven({ ...lines, replicasAtZero: 0 })).toBe(0);
    // A cent dearer with no traffic, and never: each replica only pays for itself, so the cent is never made up.
    expect(selfHostedBreakEven({ ...lines, replicasAtZero: 0, fineTuneFixed: 1000.01 })).toBeNull();
  });
});
