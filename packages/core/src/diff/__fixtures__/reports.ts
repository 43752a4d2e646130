/**
 * Hand-made Report literals for the diff and renderer tests, written before `evaluate()` existed.
 *
 * Where the figures come from:
 * - `supportBotWorkload`: every cost figure (perRequest, upfront, monthly, total, averageMonthly, payback month
 *   10) and the `inputs` are those of the worked example
 *   packages/core/src/cost/__fixtures__/w1-support-bot.yml (the repo copy of the shared scenario, with a note
 *   on its origin; cost/cost-model.test.ts checks the same figures against the cost model).
 * - `claimsWorkload`: cost figures and `inputs` of packages/core/src/cost/__fixtures__/w2-self-hosted.yml
 *   (self-hosted fine-tune, 2 and 3 replicas); prompt perRequest 0.00335 and monthly 17,350 =
 *   5,000,000 × 0.00335 + 600.
 * - Break-even, payback and the chart of both are computed by the cost model from those files (w1's break-even is
 *   295,211 requests/month; the hand computation gives 295,210 before rounding up to a whole request).
 * - `supportBotBeforeTraining`: the same w1 workload as it looked before training data was collected (30
 *   examples): fine-tune and hybrid are infeasible, so the answer is prompt. Its fine-tune figures are kept
 *   from w1 for simplicity (only the training cost would differ, by $11.12).
 * - `makeWorkload`, `unpricedFineTune`: synthetic workloads with round numbers for size and escaping tests.
 *
 * INVENTED FOR LAYOUT ONLY (see `INVENTED_FOR_LAYOUT`): in every workload here, `confidence`, each strategy's
 * `latencyMs`, `sensitivity`, `factors`, `whatWouldChange` and `nextSteps` are made up to exercise the
 * renderers. They are plausible, not computed: the decision model and latency estimate would give other
 * values and other sentences, and the goldens built from these fixtures say nothing about either.
 */
import { scenarioContext } from '../../cost/__fixtures__/scenario-context.js';
import { computeWorkloadCosts } from '../../cost/cost-model.js';
import { costCurve } from '../../cost/curve.js';
import { billOf, runningCost } from '../../model/strategies.js';
import type { CostCurve, Report, StrategyCost, WorkloadReport } from '../../model/types.js';

/** A fixture workload with its bill: it runs `current` (default prompt) today, as `evaluate` would report it. */
export function billed(workload: Omit<WorkloadReport, 'current' | 'bill' | 'opportunity'> & Partial<WorkloadReport>): WorkloadReport {
  const { opportunity: _opportunity, ...rest } = workload;
  return { ...rest, ...billOf(workload.strategies, workload.current ?? 'prompt', workload.recommendation) };
}

/** Break-even, payback and chart as the cost model computes them for the worked example `name` (cost/__fixtures__/NAME.yml). */
function scenarioFigures(name: string): Pick<WorkloadReport, 'breakEven' | 'chart'> {
  const context = scenarioContext(name);
  const costs = computeWorkloadCosts(context);
  return { breakEven: costs.breakEven, chart: costCurve(context, costs) };
}

/** Fields of these fixtures that are invented to lay out the renderers, not taken from a worked example. */
export const INVENTED_FOR_LAYOUT = [
  'confidence',
  'strategies.*.latencyMs',
  'sensitivity',
  'factors',
  'whatWouldChange',
  'nextSteps',
] as const;

function strategy(cost: Partial<StrategyCost> & Pick<StrategyCost, 'perRequest' | 'upfront' | 'monthly' | 'model'>) {
  const total = cost.upfront + cost.monthly.reduce((sum, month) => sum + month, 0);
  return {
    feasible: true,
    priced: true,
    blockers: [],
    averageMonthly: total / cost.monthly.length,
    total,
    latencyMs: 1000,
    promptTokens: 0,
    ...cost,
  } satisfies StrategyCost;
}

export function supportBotWorkload(): WorkloadReport {
  return billed({
    id: 'support-bot',
    name: 'support-bot',
    model: 'example/large',
    recommendation: 'fine-tune',
    confidence: 0.64,
    strategies: {
      prompt: strategy({
        model: 'example/large',
        perRequest: 0.009825,
        upfront: 2400,
        monthly: [
          3356.25, 3479.06, 3608.02, 3743.42, 3885.59, 4034.87, 4191.61, 4356.19, 4529.0, 4710.45, 4900.97, 5101.02,
        ],
        latencyMs: 4650,
        promptTokens: 2900,
      }),
      fineTune: strategy({
        model: 'example/small',
        perRequest: 0.00066,
        upfront: 12011.2,
        monthly: [
          1965.0, 1973.25, 4393.11, 1991.01, 4411.76, 2010.59, 4432.32, 2032.17, 4454.98, 2055.97, 4479.97, 2082.21,
        ],
        latencyMs: 1780,
        promptTokens: 450,
        retrainMonths: [3, 5, 7, 9, 11],
      }),
      hybrid: strategy({
        model: 'example/small',
        perRequest: 0.00104,
        upfront: 12011.2,
        monthly: [
          2960.0, 2973.0, 5397.85, 3000.98, 5427.23, 3031.83, 5459.62, 3065.85, 5495.34, 3103.35, 5534.71, 3144.69,
        ],
        latencyMs: 1900,
        promptTokens: 1400,
        retrainMonths: [3, 5, 7, 9, 11],
      }),
    },
    ...scenarioFigures('w1-support-bot'),
    sensitivity: [
      {
        input: 'requestsPerMonth',
        range: '125,000–500,000 requests/month',
        low: 'prompt',
        high: 'fine-tune',
        changesAnswer: true,
      },
      { input: 'trainingData.examples', range: '1,000–4,000 examples', low: 'fine-tune', high: 'fine-tune', changesAnswer: false },
    ],
    factors: [
      {
        id: 'cost',
        favors: 'fine-tune',
        weight: 2,
        reason: 'Over 12 months fine-tuning example/small costs $4,002.91 less than prompting example/large.',
      },
      {
        id: 'examples',
        favors: 'fine-tune',
        weight: 1,
        reason: '2,000 high-quality training examples are enough to fine-tune.',
      },
      {
        id: 'maintenance',
        favors: 'prompt',
        weight: -0.5,
        reason: 'Retraining every 2 months adds 16 engineering hours each time.',
      },
    ],
    whatWouldChange: [
      'Below 295,210 requests/month (flat), prompting is cheaper.',
      'A weekly change cadence would favour hybrid.',
    ],
    nextSteps: [
      'Hold out 10% of the 2,000 examples as an evaluation set.',
      'Run one fine-tuning job on example/small and compare against the current prompt.',
    ],
    inputs: {
      requestsPerMonth: 250000,
      monthlyGrowth: 0.05,
      instructionTokens: 1000,
      exampleTokens: 1500,
      inputTokens: 400,
      outputTokens: 300,
      cacheHitRate: 0.5,
      fineTuneModel: 'example/small',
      hosting: 'provider',
      epochs: 2,
      retrainEveryMonths: 2,
      keepInstructionTokens: 50,
      hybridInstructionTokens: 1000,
      avgTokensPerExample: 700,
    },
  });
}

export function supportBotBeforeTraining(): WorkloadReport {
  const workload = supportBotWorkload();
  const blockers = [{ id: 'too-few-examples', message: '30 training examples; fine-tuning needs at least 50.' }];
  workload.recommendation = 'prompt';
  workload.confidence = 0.9;
  workload.strategies.fineTune = { ...workload.strategies.fineTune, feasible: false, blockers };
  workload.strategies.hybrid = { ...workload.strategies.hybrid, feasible: false, blockers };
  workload.factors = [
    { id: 'infeasible', favors: 'prompt', weight: 3, reason: 'Fine-tuning is blocked: 30 examples, 50 needed.' },
  ];
  workload.whatWouldChange = ['At 50 or more training examples fine-tuning becomes possible.'];
  workload.nextSteps = ['Collect labelled examples from resolved tickets.'];
  return billed(workload);
}

export function claimsWorkload(): WorkloadReport {
  return billed({
    id: 'claims',
    name: 'Claims review',
    model: 'example/hosted',
    recommendation: 'fine-tune',
    confidence: 0.81,
    strategies: {
      prompt: strategy({
        model: 'example/hosted',
        perRequest: 0.00335,
        upfront: 1600,
        monthly: [17350, 17350, 17350, 17350, 17350, 17350],
        latencyMs: 2900,
        promptTokens: 2600,
      }),
      fineTune: strategy({
        model: 'example/open-8b',
        perRequest: 0,
        upfront: 4002,
        monthly: [5180, 5180, 5180, 5982, 5180, 5180],
        latencyMs: 1200,
        promptTokens: 700,
        replicas: [2, 2, 2, 2, 2, 2],
        retrainMonths: [4],
      }),
      hybrid: strategy({
        model: 'example/open-8b',
        perRequest: 0,
        upfront: 4002,
        monthly: [7970, 7970, 7970, 8772, 7970, 7970],
        latencyMs: 1350,
        promptTokens: 1400,
        replicas: [3, 3, 3, 3, 3, 3],
        retrainMonths: [4],
      }),
    },
    ...scenarioFigures('w2-self-hosted'),
    sensitivity: [],
    factors: [
      { id: 'domain', favors: 'fine-tune', weight: 1.5, reason: 'Finance is a specialised, regulated domain.' },
      { id: 'cost', favors: 'fine-tune', weight: 2, reason: 'Self-hosting costs $69,816.00 less over 6 months.' },
    ],
    whatWouldChange: ['Below 1,526,567 requests/month the two-replica floor costs more than prompting.'],
    nextSteps: ['Size the GPU replicas against the peak hour.'],
    inputs: {
      requestsPerMonth: 5000000,
      monthlyGrowth: 0,
      instructionTokens: 800,
      exampleTokens: 1200,
      inputTokens: 600,
      outputTokens: 150,
      cacheHitRate: 0,
      fineTuneModel: 'example/open-8b',
      hosting: 'self-hosted',
      epochs: 1,
      retrainEveryMonths: 3,
      keepInstructionTokens: 100,
      hybridInstructionTokens: 800,
      avgTokensPerExample: 800,
    },
  });
}

/**
 * The chart of `makeWorkload`'s synthetic lines: average monthly = (upfront + 12 × (fixed + perRequest × volume)) / 12
 * at 0.25×–4× its 100,000 requests/month, and at its break-even.
 */
function syntheticChart(): CostCurve {
  const volumes = [25000, 50000, 100000, 200000, 400000, 1055556];
  const line = (upfront: number, fixed: number, perRequest: number) =>
    volumes.map((volume) => upfront / 12 + fixed + perRequest * volume);
  return {
    volumes,
    breakEvenIndex: 5,
    series: { prompt: line(1600, 600, 0.002), fineTune: line(8000, 1200, 0.0008), hybrid: line(8000, 1800, 0.001) },
    omitted: [],
  };
}

/** A synthetic provider-hosted workload: prompt $0.002/request, fine-tune $0.0008/request, 12 months. */
export function makeWorkload(id: string, overrides: Partial<WorkloadReport> = {}): WorkloadReport {
  const requestsPerMonth = 100000;
  const months = (perRequest: number, fixed: number) => Array.from({ length: 12 }, () => requestsPerMonth * perRequest + fixed);
  return billed({
    id,
    name: id,
    model: 'example/large',
    recommendation: 'prompt',
    confidence: 0.7,
    strategies: {
      prompt: strategy({ model: 'example/large', perRequest: 0.002, upfront: 1600, monthly: months(0.002, 600) }),
      fineTune: strategy({ model: 'example/small', perRequest: 0.0008, upfront: 8000, monthly: months(0.0008, 1200) }),
      hybrid: strategy({ model: 'example/small', perRequest: 0.001, upfront: 8000, monthly: months(0.001, 1800) }),
    },
    breakEven: { requestsPerMonth: 1055556, paybackMonth: null },
    chart: syntheticChart(),
    sensitivity: [],
    factors: [{ id: 'cost', favors: 'prompt', weight: 2, reason: `Prompting ${id} is cheaper at 100,000 requests/month.` }],
    whatWouldChange: ['Above 1,055,556 requests/month (flat) fine-tuning is cheaper.'],
    nextSteps: ['Keep the prompt under version control.'],
    inputs: {
      requestsPerMonth,
      monthlyGrowth: 0,
      instructionTokens: 500,
      exampleTokens: 500,
      inputTokens: 200,
      outputTokens: 100,
      cacheHitRate: 0,
      fineTuneModel: 'example/small',
      hosting: 'provider',
      epochs: 3,
      retrainEveryMonths: 1,
      keepInstructionTokens: 100,
      hybridInstructionTokens: 500,
      avgTokensPerExample: 400,
    },
    ...overrides,
  });
}

/** A report around the given workloads, with totals summed from them. */
export function makeReport(workloads: WorkloadReport[], overrides: Partial<Report> = {}): Report {
  const sum = (pick: (workload: WorkloadReport) => { averageMonthly: number; total: number }) => ({
    averageMonthly: workloads.reduce((total, workload) => total + pick(workload).averageMonthly, 0),
    total: workloads.reduce((total, workload) => total + pick(workload).total, 0),
  });
  return {
    schemaVersion: 1,
    tool: { name: 'tunewise', version: '0.0.0-test' },
    asOf: '2026-11-28',
    pricing: { checked: '2026-11-20', sources: ['https://example.com/pricing'], stale: [] },
    currency: 'USD',
    horizonMonths: workloads[0]?.strategies.prompt.monthly.length ?? 12,
    assumptions: {
      engineerHourlyRate: 150,
      mlExpertise: 'some',
      effortHours: { promptSetup: 16, promptMonthly: 6, fineTuneSetup: 80, fineTuneMonthly: 12, retrain: 16 },
    },
    workloads,
    totals: {
      bill: sum((workload) => workload.bill),
      prompt: sum((workload) => workload.strategies.prompt),
      fineTune: sum((workload) => workload.strategies.fineTune),
      hybrid: sum((workload) => workload.strategies.hybrid),
      recommended: sum((workload) => runningCost(workload.strategies, workload.recommendation)),
    },
    ...overrides,
  };
}

/** `makeWorkload` whose fine-tune model has no fine-tuning price: unpriced and blocked, latency 0 as the cost model reports it. */
export function unpricedFineTune(): WorkloadReport {
  const workload = makeWorkload('unpriced');
  const blockers = [{ id: 'not-fine-tunable', message: 'example/small cannot be fine-tuned' }];
  for (const key of ['fineTune', 'hybrid'] as const) {
    workload.strategies[key] = { ...workload.strategies[key], priced: false, feasible: false, blockers, latencyMs: 0 };
    workload.chart.series[key] = null;
    workload.chart.omitted.push({ strategy: key, reason: 'no price for this model' });
  }
  return workload;
}
