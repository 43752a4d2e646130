/**
 * Builds DecisionInputs for the decision tests. The costs are made up, not catalog figures: each
 * strategy's averageMonthly is `fixed + perRequest × volume × growthFactor`, the shape docs/cost-model.md's
 * cost model has for provider hosting, so a scenario can be placed exactly below or above a chosen
 * break-even. Blockers follow the cost model's rules (fewer than 50 examples; no-third-party-training
 * with provider hosting) so that changing examples or policy changes feasibility as evaluate() would.
 * Training cost does not grow with examples here, as in `examplesSentences` (../what-would-change.ts),
 * whose what-if does not re-run the cost model either.
 */
import type { ModelPrices } from '../../catalog/types.js';
import type { Blocker, StrategyCost, StrategyKey } from '../../model/types.js';
import { type UsageFileInput, workloadSchema } from '../../schema/usage-file.js';
import { assumptionsSchema } from '../../schema/usage-file.js';
import type { DecisionInput, LiveAlternative } from '../types.js';
import { averageGrowthFactor } from '../../model/growth.js';

type WorkloadInput = UsageFileInput['workloads'][number];
type AssumptionsInput = NonNullable<UsageFileInput['assumptions']>;

export interface LinearCost {
  /** USD per month that does not depend on volume (engineering, amortised upfront, retrains). */
  fixedMonthly: number;
  perRequest: number;
}

export interface ScenarioOptions {
  requestsPerMonth?: number;
  monthlyGrowth?: number;
  profile?: WorkloadInput['profile'];
  trainingData?: WorkloadInput['trainingData'];
  fineTune?: WorkloadInput['fineTune'];
  prompt?: Partial<WorkloadInput['prompt']>;
  assumptions?: AssumptionsInput;
  costs?: Partial<Record<StrategyKey, LinearCost>>;
  latencyMs?: Partial<Record<StrategyKey, number>>;
  /** Blockers beyond the ones derived from examples and data policy. */
  extraBlockers?: Blocker[];
  /** The fine-tune model has no fine-tuning price: blocked, and its money figures are 0 as the cost model reports them. */
  notFineTunable?: boolean;
  retrainMonths?: number[];
  migration?: StrategyCost['migration'];
  asOf?: string;
  liveAlternatives?: LiveAlternative[];
  modelPrices?: DecisionInput['modelPrices'];
}

/** Prompt $0.01/request, fine-tune $0.002, hybrid $0.004: fine-tune breaks even at 300,000 requests/month. */
export const DEFAULT_COSTS: Record<StrategyKey, LinearCost> = {
  prompt: { fixedMonthly: 600, perRequest: 0.01 },
  fineTune: { fixedMonthly: 3000, perRequest: 0.002 },
  hybrid: { fixedMonthly: 3600, perRequest: 0.004 },
};

export const DEFAULT_BREAK_EVEN = 300_000;

export const PROMPT_MODEL: ModelPrices = { id: 'example/large', input: 3, cachedInput: 0.3, output: 15 };
export const FINE_TUNE_MODEL: ModelPrices = {
  id: 'example/small',
  input: 0.2,
  output: 0.8,
  fineTuning: { training: 4, input: 0.4, output: 1.6 },
};

export function breakEvenOf(prompt: LinearCost, fineTune: LinearCost): number | null {
  if (fineTune.fixedMonthly <= prompt.fixedMonthly) return 0;
  if (fineTune.perRequest >= prompt.perRequest) return null;
  return (fineTune.fixedMonthly - prompt.fixedMonthly) / (prompt.perRequest - fineTune.perRequest);
}

export function scenario(options: ScenarioOptions = {}): DecisionInput {
  const requestsPerMonth = options.requestsPerMonth ?? 400_000;
  const workload = workloadSchema.parse({
    id: 'scenario',
    model: PROMPT_MODEL.id,
    volume: { requestsPerMonth, monthlyGrowth: options.monthlyGrowth ?? 0 },
    prompt: { instructionTokens: 1000, exampleTokens: 1500, inputTokens: 400, outputTokens: 300, ...options.prompt },
    profile: options.profile ?? {},
    trainingData: options.trainingData ?? { examples: 2000, quality: 'high' },
    fineTune: { model: FINE_TUNE_MODEL.id, ...options.fineTune },
  } satisfies WorkloadInput);
  const assumptions = assumptionsSchema.parse(options.assumptions ?? {});
  const costs = { ...DEFAULT_COSTS, ...options.costs };
  const growthFactor = averageGrowthFactor(workload.volume.monthlyGrowth, assumptions.horizonMonths);
  const latencyMs = { prompt: 1500, fineTune: 800, hybrid: 1000, ...options.latencyMs };

  const blockers: Blocker[] = [...(options.extraBlockers ?? [])];
  if (options.notFineTunable) {
    blockers.push({ id: 'not-fine-tunable', message: `${FINE_TUNE_MODEL.id} cannot be fine-tuned` });
  }
  if (workload.trainingData.examples < 50) {
    blockers.push({
      id: 'too-few-examples',
      message: `Only ${workload.trainingData.examples} training examples; fine-tuning needs at least 50.`,
    });
  }
  if (workload.profile.dataPolicy === 'no-third-party-training' && workload.fineTune.hosting === 'provider') {
    blockers.push({
      id: 'data-policy',
      message: 'The data policy forbids third-party training, and the fine-tune would be trained by a provider.',
    });
  }

  const promptTokens = { prompt: 2900, fineTune: 500, hybrid: 1400 };
  const build = (key: StrategyKey): StrategyCost => {
    const tuned = key !== 'prompt';
    const priced = !(tuned && options.notFineTunable);
    const cost = priced ? costs[key] : { fixedMonthly: 0, perRequest: 0 };
    const averageMonthly = cost.fixedMonthly + cost.perRequest * requestsPerMonth * growthFactor;
    return {
      feasible: tuned ? blockers.length === 0 : true,
      priced,
      blockers: tuned ? blockers : [],
      perRequest: cost.perRequest,
      upfront: 0,
      monthly: Array.from({ length: assumptions.horizonMonths }, () => averageMonthly),
      averageMonthly,
      total: averageMonthly * assumptions.horizonMonths,
      latencyMs: latencyMs[key],
      promptTokens: promptTokens[key],
      model: tuned ? FINE_TUNE_MODEL.id : PROMPT_MODEL.id,
      ...(tuned && options.retrainMonths ? { retrainMonths: options.retrainMonths } : {}),
      ...(tuned && options.migration ? { migration: options.migration } : {}),
    };
  };
  const breakEven = options.notFineTunable ? null : breakEvenOf(costs.prompt, costs.fineTune);
  return {
    workload,
    assumptions,
    strategies: { prompt: build('prompt'), fineTune: build('fineTune'), hybrid: build('hybrid') },
    breakEven: {
      requestsPerMonth: breakEven,
      paybackMonth: breakEven !== null && requestsPerMonth * growthFactor >= breakEven ? 1 : null,
    },
    requestsPerMonth,
    // The same straight lines at any month-1 volume (the cost model gives exact lines for per-token hosting too).
    costAtVolume: (volume) => {
      const totalAt = (key: StrategyKey) => {
        const tuned = key !== 'prompt';
        if (tuned && options.notFineTunable) return 0;
        return (costs[key].fixedMonthly + costs[key].perRequest * volume * growthFactor) * assumptions.horizonMonths;
      };
      return { prompt: totalAt('prompt'), fineTune: totalAt('fineTune'), hybrid: totalAt('hybrid') };
    },
    asOf: options.asOf ?? '2026-11-28',
    liveAlternatives: options.liveAlternatives ?? [],
    modelPrices: options.modelPrices ?? { prompt: PROMPT_MODEL, fineTune: FINE_TUNE_MODEL },
  };
}
