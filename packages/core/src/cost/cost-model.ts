import type { FineTuningAccess } from '../catalog/access.js';
import type { CatalogGpu, FineTuningPrices, ModelPrices, TuningFacts } from '../catalog/types.js';
import { withoutUndefined } from '../catalog/without-undefined.js';
import { UncountedPromptFilesError } from '../errors/uncounted-prompt-files-error.js';
import { UnknownModelError } from '../errors/unknown-model-error.js';
import { horizonMonthOf } from '../model/dates.js';
import type { Blocker, StrategyCost, StrategyKey, WorkloadReport } from '../model/types.js';
import { assessQuality } from '../quality/assessment.js';
import {
  DEFAULT_EFFORT_HOURS,
  DEFAULT_RETRAIN_EVERY_MONTHS,
  DEFAULTS,
  type EffortHours,
  HOURS_PER_MONTH,
} from '../schema/defaults.js';
import type { Assumptions, Deployment, Workload } from '../schema/usage-file.js';
import { estimateLatencyMs, speedOf } from './latency.js';

const PER_MILLION = 1e6;
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
/** Fewer training examples than this make fine-tuning infeasible (providers' guides start at 50). */
export const MIN_TRAINING_EXAMPLES = 50;
/** Where break-even probes the cost lines: far enough from 0 that float error is negligible. */
const BREAK_EVEN_PROBE = 1e6;
/** Break-even volumes above this are reported as none. */
export const MAX_BREAK_EVEN_VOLUME = 1e12;

/** Every input of the cost model for one workload after defaults (the report's `inputs`). */
export type WorkloadInputs = WorkloadReport['inputs'];

/** What the cost model needs besides options: the workload, the file's assumptions, the day, and a model lookup. */
export interface CostContext {
  workload: Workload;
  assumptions: Assumptions;
  /** YYYY-MM-DD: the day the report speaks for. */
  asOf: string;
  /** Resolves a model id (catalog or the usage file's `models`) to its prices. */
  resolveModel: (id: string) => ModelPrices | undefined;
  /** Resolves a catalog GPU id (`deployment.gpu`); absent = no catalog GPUs, only `{ hourly }` GPUs price. */
  resolveGpu?: (id: string) => CatalogGpu | undefined;
  /** Whether this team may start fine-tuning with a provider on `asOf`; absent = every provider open. */
  fineTuningAccess?: (provider: string) => FineTuningAccess;
}

/** A deployment block with its GPU priced and its throughput known: what one replica costs and carries. */
export interface ResolvedDeployment {
  /** The catalog GPU id, or `custom` for `{ hourly }`. */
  gpu: string;
  /** USD per GPU-hour. */
  hourly: number;
  gpusPerReplica: number;
  /** Tokens (prompt + output) one replica serves per second. */
  tokensPerSecond: number;
  minReplicas: number;
  peakFactor: number;
}

/** Overrides of a workload's volume, used to price it at other volumes (break-even, charts, Monte Carlo). */
export interface CostOptions {
  /** Month-1 requests; default: the workload's (expected) volume. */
  requestsPerMonth?: number;
  /** Monthly growth; default: the workload's. */
  monthlyGrowth?: number;
  /**
   * Share of requests that fail, per strategy with a failure line; default: the rates the workload's measured quality
   * prices ({@link assessQuality}). The Monte Carlo passes drawn rates; `{}` prices no failures.
   */
  failureRates?: Partial<Record<StrategyKey, number>>;
}

/** What {@link computeWorkloadCosts} returns: each strategy's cost, the break-even volume and payback month, and the inputs used. */
export interface WorkloadCosts {
  strategies: Record<StrategyKey, StrategyCost>;
  breakEven: { requestsPerMonth: number | null; paybackMonth: number | null };
  inputs: WorkloadInputs;
}

/** Effort hours after `assumptions.effortHours` overrides the table for the team's ML expertise. */
export function effectiveEffortHours(assumptions: Assumptions): EffortHours {
  return { ...DEFAULT_EFFORT_HOURS[assumptions.mlExpertise], ...definedOnly(assumptions.effortHours ?? {}) };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/** The workload's month-1 requests: the number given, or the `expected` of a `{ low, expected, high }` range. */
export function expectedRequestsPerMonth(workload: Workload): number {
  const volume = workload.volume.requestsPerMonth;
  return typeof volume === 'number' ? volume : volume.expected;
}

/** Every input of the cost model for one workload, defaults applied (what the report lists as assumptions). */
export function workloadInputs(workload: Workload, options: CostOptions = {}): WorkloadInputs {
  const { prompt, fineTune, trainingData, profile } = workload;
  if (prompt.instructionTokens === undefined && prompt.instructionFiles !== undefined) {
    throw new UncountedPromptFilesError({ workloadId: workload.id, field: 'instructionFiles' });
  }
  if (prompt.exampleTokens === undefined && prompt.exampleFiles !== undefined) {
    throw new UncountedPromptFilesError({ workloadId: workload.id, field: 'exampleFiles' });
  }
  const instructionTokens = prompt.instructionTokens ?? DEFAULTS.instructionTokens;
  const keepInstructionTokens =
    fineTune.keepInstructionTokens ?? Math.min(instructionTokens, DEFAULTS.keepInstructionTokensCap);
  return {
    requestsPerMonth: options.requestsPerMonth ?? expectedRequestsPerMonth(workload),
    monthlyGrowth: options.monthlyGrowth ?? workload.volume.monthlyGrowth,
    instructionTokens,
    exampleTokens: prompt.exampleTokens ?? DEFAULTS.exampleTokens,
    inputTokens: prompt.inputTokens,
    outputTokens: prompt.outputTokens,
    cacheHitRate: prompt.cacheHitRate,
    fineTuneModel: fineTune.model ?? workload.model,
    hosting: fineTune.hosting,
    epochs: fineTune.epochs,
    retrainEveryMonths: fineTune.retrainEveryMonths ?? DEFAULT_RETRAIN_EVERY_MONTHS[profile.changeCadence],
    keepInstructionTokens,
    hybridInstructionTokens: workload.hybrid.instructionTokens ?? instructionTokens,
    avgTokensPerExample:
      trainingData.avgTokensPerExample ?? prompt.inputTokens + prompt.outputTokens + keepInstructionTokens,
  };
}

/** Requests in months 1..H, growing from month 1; computed once per run and shared by the three strategies. */
function volumes(inputs: WorkloadInputs, horizonMonths: number): number[] {
  // Stryker disable next-line ArrayDeclaration: the loop below fills every month, so a pre-sized and an empty array end the same
  const result = new Array<number>(horizonMonths);
  for (let index = 0; index < horizonMonths; index += 1) {
    result[index] = inputs.requestsPerMonth * (1 + inputs.monthlyGrowth) ** index;
  }
  return result;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** USD per request of a static prefix billed partly at a cached price; no cached price = no discount. */
function staticPrefixCost(tokens: number, hitRate: number, input: number, cachedInput: number | undefined): number {
  // Stryker disable next-line ConditionalExpression: without a cached price `cachedInput ?? input` bills every token at `input` whatever the rate
  const rate = cachedInput === undefined ? 0 : hitRate;
  return tokens * ((1 - rate) * input + rate * (cachedInput ?? input));
}

function finishStrategy(partial: Omit<StrategyCost, 'averageMonthly' | 'total'>, horizonMonths: number): StrategyCost {
  const total = partial.upfront + sum(partial.monthly);
  return { ...partial, total, averageMonthly: total / horizonMonths };
}

/**
 * Whether a static prefix of `tokens` can be cached on `model`: it must reach the provider's minimum cacheable length
 * (`minCacheTokens`), below which the provider bills every token uncached.
 */
export function cacheableOn(model: Pick<ModelPrices, 'cachedInput' | 'minCacheTokens'>, tokens: number): boolean {
  return model.cachedInput !== undefined && tokens >= (model.minCacheTokens ?? 0);
}

/**
 * Where the prompt strategy runs in each month: its model until it retires, then the `successor` the catalog names
 * (from the retirement month on, with the prompt re-validated), or nowhere (a dated blocker) without one.
 */
interface PromptPlan {
  blockers: Blocker[];
  servingByMonth: ModelPrices[];
  migration?: { month: number; to: string; reason: string };
}

function planPrompt(context: CostContext, model: ModelPrices): PromptPlan {
  const { asOf, assumptions } = context;
  const horizonMonths = assumptions.horizonMonths;
  const servingByMonth = Array.from({ length: horizonMonths }, () => model);
  const retiresOn = model.retiresOn;
  if (retiresOn === undefined) return { blockers: [], servingByMonth };
  const successorNote = model.successor === undefined ? '' : ` (its successor is ${model.successor})`;
  // Prompting a model that no longer serves is no plan either; the figures show what it cost while it did.
  if (asOf >= retiresOn) {
    return {
      blockers: [
        {
          id: 'retired',
          message: `${model.id} retired on ${retiresOn}${successorNote}; move this workload to a live model`,
        },
      ],
      servingByMonth,
    };
  }
  const month = horizonMonthOf(retiresOn, asOf);
  if (month > horizonMonths) return { blockers: [], servingByMonth };
  const successor = model.successor === undefined ? undefined : context.resolveModel(model.successor);
  if (successor === undefined || (successor.retiresOn !== undefined && successor.retiresOn <= retiresOn)) {
    const why =
      model.successor === undefined
        ? 'the catalog names no successor'
        : `its successor ${model.successor} is not live by then`;
    return {
      blockers: [
        {
          id: 'prompt-retires-in-horizon',
          message: `${model.id} retires on ${retiresOn} (month ${month} of the ${horizonMonths}-month horizon), and ${why}`,
        },
      ],
      servingByMonth,
    };
  }
  // Stryker disable next-line EqualityOperator: an extra month past the horizon is never read (monthly costs stop at horizonMonths)
  for (let index = month - 1; index < horizonMonths; index += 1) servingByMonth[index] = successor;
  return {
    blockers: [],
    servingByMonth,
    migration: {
      month,
      to: successor.id,
      reason: `the prompt model ${model.id} retires on ${retiresOn}: the prompt moves to its successor ${successor.id} in month ${month}, at the successor's prices and with the prompt re-validated`,
    },
  };
}

function promptStrategy(
  context: CostContext,
  inputs: WorkloadInputs,
  monthlyVolumes: readonly number[],
  model: ModelPrices,
): StrategyCost {
  const { assumptions } = context;
  const rate = assumptions.engineerHourlyRate;
  const effort = effectiveEffortHours(assumptions);
  const staticTokens = inputs.instructionTokens + inputs.exampleTokens;
  const perRequestOn = (serving: ModelPrices) =>
    (staticPrefixCost(
      staticTokens,
      cacheableOn(serving, staticTokens) ? inputs.cacheHitRate : 0,
      serving.input,
      serving.cachedInput,
    ) +
      inputs.inputTokens * serving.input +
      inputs.outputTokens * serving.output) /
    PER_MILLION;
  const promptTokens = staticTokens + inputs.inputTokens;
  const plan = planPrompt(context, model);
  const migrationMonth = plan.migration?.month;
  return finishStrategy(
    {
      feasible: plan.blockers.length === 0,
      priced: true,
      blockers: plan.blockers,
      perRequest: perRequestOn(model),
      upfront: effort.promptSetup * rate,
      monthly: monthlyVolumes.map(
        (volume, index) =>
          volume * perRequestOn(plan.servingByMonth[index] ?? model) +
          effort.promptMonthly * rate +
          (index + 1 === migrationMonth ? effort.promptSetup * rate : 0),
      ),
      latencyMs: estimateLatencyMs(speedOf(model), promptTokens, inputs.outputTokens),
      promptTokens,
      model: model.id,
      // Stryker disable next-line ConditionalExpression: `migration: undefined` and no key are the same strategy to every reader and in JSON
      ...(plan.migration === undefined ? {} : { migration: plan.migration }),
    },
    assumptions.horizonMonths,
  );
}

/** The fine-tuned model serving in each month, after a forced move to the successor on retirement. */
interface FineTunePlan {
  blockers: Blocker[];
  /** USD per 1M training tokens; undefined = training not priced (the plan is then unpriced). */
  trainingPrice?: number;
  /** The GPUs serving the fine-tune, for `dedicated` and `self-hosted` hosting. */
  deployment?: ResolvedDeployment;
  /** USD a month the provider charges to keep the tuned model deployed (Azure's hourly fee × 730). */
  hostingMonthly: number;
  /** Model serving in month m (index m-1); undefined when not priced. */
  servingByMonth: Array<ModelPrices & { fineTuning: FineTuningPrices }>;
  migration?: { month: number; to: string; reason: string };
}

/** The workload's deployment block under either name (`deployment`, or `selfHosted` from v1). */
export function deploymentBlock(workload: Workload): Deployment | undefined {
  return workload.fineTune.deployment ?? workload.fineTune.selfHosted;
}

/**
 * Prices a deployment block: the GPU's hourly price (catalog id or `{ hourly }`), and the replica's throughput (explicit
 * `tokensPerSecond`, else the catalog GPU's cited figure for the model's size class). A string is the problem when one
 * of them cannot be known; a throughput is never invented.
 */
export function resolveDeployment(
  block: Deployment,
  model: Pick<ModelPrices, 'id' | 'sizeClass'>,
  resolveGpu: CostContext['resolveGpu'],
): ResolvedDeployment | string {
  let hourly: number;
  let gpuId = 'custom';
  let catalogGpu: CatalogGpu | undefined;
  if (typeof block.gpu === 'string') {
    catalogGpu = resolveGpu?.(block.gpu);
    if (catalogGpu === undefined) return `${block.gpu} is not a GPU in the catalog`;
    hourly = catalogGpu.hourly;
    gpuId = catalogGpu.id;
  } else if (block.gpu !== undefined) {
    hourly = block.gpu.hourly;
  } else if (block.gpuHourly !== undefined) {
    hourly = block.gpuHourly;
  } else {
    return 'the deployment names no GPU (gpu: a catalog GPU id or { hourly: USD })';
  }
  const cited = model.sizeClass === undefined ? undefined : catalogGpu?.throughput?.[model.sizeClass];
  const tokensPerSecond = block.tokensPerSecond ?? cited?.tokensPerSecond;
  if (tokensPerSecond === undefined) {
    const what =
      catalogGpu === undefined
        ? 'a GPU given by price has no throughput'
        : `the catalog cites no throughput for ${model.sizeClass ?? 'unsized'} models like ${model.id} on ${catalogGpu.id}`;
    return `${what}; set deployment.tokensPerSecond`;
  }
  return {
    gpu: gpuId,
    hourly,
    gpusPerReplica: block.gpusPerReplica ?? cited?.gpusPerReplica ?? DEFAULTS.gpusPerReplica,
    tokensPerSecond,
    minReplicas: block.minReplicas,
    peakFactor: block.peakFactor,
  };
}

/** What is known of fine-tuning a model whatever its serving; a model known only by per-token prices is served per token. */
function tuningOf(model: ModelPrices): TuningFacts | undefined {
  if (model.tuning !== undefined) return model.tuning;
  if (model.fineTuning === undefined) return undefined;
  const { training, hostingHourly, availableUntil, successor } = model.fineTuning;
  return withoutUndefined({ training, serving: ['per-token' as const], hostingHourly, availableUntil, successor });
}

/** Who sells a model's fine-tuning: the catalog's provider, else the id's prefix (`openai/gpt-4.1-mini` → openai). */
function providerOf(model: ModelPrices): string {
  return model.provider ?? model.id.split('/')[0] ?? model.id;
}

/** What a team new to a closed provider's fine-tuning is told, and what listing the provider as active would give. */
function accessBlocker(model: ModelPrices, access: FineTuningAccess): Blocker {
  const provider = providerOf(model);
  const lastTraining = model.tuning?.availableUntil;
  const instead =
    `a team already running ${provider} fine-tunes (assumptions.activeFineTuningProviders: [${provider}]) ` +
    (lastTraining === undefined ? 'can still train' : `can train until ${lastTraining}`) +
    (model.retiresOn === undefined ? '' : `, and its fine-tunes serve until ${model.retiresOn}`);
  return {
    id: 'provider-closed',
    message: `fine-tuning ${model.id} is closed to this team: ${access.reason ?? `${provider} takes no new fine-tuning customers`}; ${instead}`,
  };
}

function planFineTune(context: CostContext, inputs: WorkloadInputs): FineTunePlan {
  const { workload, asOf, assumptions } = context;
  const horizonMonths = assumptions.horizonMonths;
  const blockers: Blocker[] = [];
  if (workload.trainingData.examples < MIN_TRAINING_EXAMPLES) {
    blockers.push({
      id: 'too-few-examples',
      message: `${workload.trainingData.examples} training examples; fine-tuning needs at least ${MIN_TRAINING_EXAMPLES}`,
    });
  }
  if (workload.profile.dataPolicy === 'no-third-party-training' && inputs.hosting !== 'self-hosted') {
    blockers.push({
      id: 'data-policy',
      message: `the data policy forbids training on a third party, and fine-tune hosting is \`${inputs.hosting}\``,
    });
  }
  const model = context.resolveModel(inputs.fineTuneModel);
  const tuning = model === undefined ? undefined : tuningOf(model);
  if (model === undefined || tuning === undefined) {
    blockers.push({ id: 'not-fine-tunable', message: `${inputs.fineTuneModel} cannot be fine-tuned` });
    return { blockers, servingByMonth: [], hostingMonthly: 0 };
  }
  let deployment: ResolvedDeployment | undefined;
  let priced = true;
  if (inputs.hosting === 'provider') {
    if (model.fineTuning === undefined) {
      priced = false;
      const modes =
        tuning.serving.length === 0
          ? 'the catalog confirms no way the provider serves them (train there, serve on your own GPUs: hosting: self-hosted)'
          : `the provider serves them only ${tuning.serving.map((mode) => (mode === 'dedicated' ? 'on dedicated GPU endpoints (hosting: dedicated)' : 'per token, at a price the catalog could not confirm')).join(' or ')}`;
      blockers.push({
        id: 'no-per-token-serving',
        message: `fine-tunes of ${model.id} have no confirmed per-token price: ${modes}`,
      });
    }
  } else {
    // Catalog models say how their provider serves tunes; a file's own model is taken at its word.
    if (inputs.hosting === 'dedicated' && model.provider !== undefined && !tuning.serving.includes('dedicated')) {
      // Stryker disable next-line StringLiteral: the catalog knows two modes, so without `dedicated` the list is at most `per-token` and the separator is never printed
      const servedAs = tuning.serving.join(', ');
      blockers.push({
        id: 'no-dedicated-serving',
        message: `the provider of ${model.id} serves its fine-tunes on no dedicated endpoint the catalog confirms${servedAs === '' ? '' : ` (only ${servedAs})`}; self-host them (hosting: self-hosted)`,
      });
    }
    const block = deploymentBlock(workload);
    const resolved =
      block === undefined
        ? `hosting: ${inputs.hosting} needs a deployment block`
        : resolveDeployment(block, model, context.resolveGpu);
    if (typeof resolved === 'string') {
      priced = false;
      blockers.push({ id: 'deployment-unpriced', message: resolved });
    } else {
      deployment = resolved;
    }
  }
  const trainingPrice = model.fineTuning?.training ?? tuning.training;
  if (trainingPrice === undefined) {
    priced = false;
    blockers.push({
      id: 'training-unpriced',
      message: `the training price of ${model.id} could not be confirmed; give it as models.${model.id}.fineTuning.training`,
    });
  }
  const access = context.fineTuningAccess?.(providerOf(model));
  if (access !== undefined && !access.open) blockers.push(accessBlocker(model, access));
  const hostingMonthly = inputs.hosting === 'provider' ? (model.fineTuning?.hostingHourly ?? 0) * HOURS_PER_MONTH : 0;
  if (!priced) return { blockers, servingByMonth: [], hostingMonthly };
  const tunable = model as ModelPrices & { fineTuning: FineTuningPrices };
  if (tunable.retiresOn !== undefined && asOf >= tunable.retiresOn) {
    blockers.push({
      id: 'retired',
      message: `${tunable.id} retired on ${tunable.retiresOn}, and its fine-tunes with it`,
    });
  } else if (tuning.availableUntil !== undefined && asOf > tuning.availableUntil) {
    blockers.push({
      id: 'training-closed',
      message: `${tunable.id} takes no new fine-tuning jobs since ${tuning.availableUntil}`,
    });
  }
  const servingByMonth = Array.from({ length: horizonMonths }, () => tunable);
  let migration: FineTunePlan['migration'];
  if (tunable.retiresOn !== undefined && asOf < tunable.retiresOn) {
    const month = horizonMonthOf(tunable.retiresOn, asOf);
    if (month <= horizonMonths) {
      const successorId = tuning.successor;
      const successor = successorId === undefined ? undefined : context.resolveModel(successorId);
      const successorProblem = successorUnusable(
        successor,
        successorId,
        tunable.retiresOn,
        asOf,
        horizonMonths,
        inputs.hosting,
      );
      if (successor !== undefined && successorProblem === undefined) {
        migration = {
          month,
          to: successor.id,
          reason: `${tunable.id} retires on ${tunable.retiresOn}: its fine-tune is redone on ${successor.id} in month ${month}`,
        };
        // Stryker disable next-line EqualityOperator: an extra month past the horizon is never read (monthly costs stop at horizonMonths)
        for (let index = month - 1; index < horizonMonths; index += 1) {
          servingByMonth[index] = successor as ModelPrices & { fineTuning: FineTuningPrices };
        }
      } else {
        blockers.push({
          id: 'retires-in-horizon',
          message: `fine-tunes of ${tunable.id} stop working on ${tunable.retiresOn} (month ${month} of the ${horizonMonths}-month horizon), and ${successorProblem}`,
        });
      }
    }
  }
  return {
    blockers,
    servingByMonth,
    trainingPrice,
    hostingMonthly,
    // Stryker disable next-line ConditionalExpression: `deployment: undefined` and no key are the same plan to every reader
    ...(deployment === undefined ? {} : { deployment }),
    // Stryker disable next-line ConditionalExpression: `migration: undefined` and no key are the same plan to every reader and in JSON
    ...(migration === undefined ? {} : { migration }),
  };
}

/**
 * Why a named successor cannot take over a fine-tune on `retiresOn`, or undefined when it can: it must exist, be
 * fine-tunable with training open that day, and itself serve to the end of the horizon (one move, not a chain).
 */
function successorUnusable(
  successor: ModelPrices | undefined,
  successorId: string | undefined,
  retiresOn: string,
  asOf: string,
  horizonMonths: number,
  hosting: WorkloadInputs['hosting'],
): string | undefined {
  if (successorId === undefined) return 'the catalog names no fine-tunable successor';
  const successorTuning = successor === undefined ? undefined : tuningOf(successor);
  if (successor === undefined || successorTuning === undefined)
    return `its successor ${successorId} cannot be fine-tuned`;
  if (hosting === 'provider' && successor.fineTuning === undefined) {
    return `its successor ${successorId} has no confirmed per-token fine-tuned price`;
  }
  if (successorTuning.training === undefined) {
    return `the training price of its successor ${successorId} could not be confirmed`;
  }
  const lastTrainingDay = successorTuning.availableUntil;
  if (lastTrainingDay !== undefined && lastTrainingDay < retiresOn) {
    return `its successor ${successorId} takes no new training jobs after ${lastTrainingDay}`;
  }
  if (successor.retiresOn !== undefined && horizonMonthOf(successor.retiresOn, asOf) <= horizonMonths) {
    return `its successor ${successorId} retires on ${successor.retiresOn}, inside the horizon as well`;
  }
  return undefined;
}

type FineTuneVariant = 'fineTune' | 'hybrid';

function fineTuneStrategy(
  context: CostContext,
  inputs: WorkloadInputs,
  monthlyVolumes: readonly number[],
  plan: FineTunePlan,
  variant: FineTuneVariant,
): StrategyCost {
  const { assumptions, workload } = context;
  const horizonMonths = assumptions.horizonMonths;
  const rate = assumptions.engineerHourlyRate;
  const effort = effectiveEffortHours(assumptions);
  const promptLayer = variant === 'hybrid' ? inputs.hybridInstructionTokens : inputs.keepInstructionTokens;
  const promptTokens = promptLayer + inputs.inputTokens;
  const first = plan.servingByMonth[0];
  const blockers = plan.blockers;
  if (first === undefined) {
    return {
      feasible: false,
      priced: false,
      blockers,
      perRequest: 0,
      upfront: 0,
      monthly: [],
      averageMonthly: 0,
      total: 0,
      latencyMs: 0,
      promptTokens,
      model: inputs.fineTuneModel,
    };
  }
  const trainingCost = (model: ModelPrices) =>
    (workload.trainingData.examples *
      inputs.avgTokensPerExample *
      inputs.epochs *
      (model.fineTuning?.training ?? model.tuning?.training ?? plan.trainingPrice ?? 0)) /
    PER_MILLION;
  const perRequestOn = (model: ModelPrices & { fineTuning: FineTuningPrices }) => {
    const prices = model.fineTuning;
    const layer =
      variant === 'hybrid'
        ? staticPrefixCost(
            promptLayer,
            cacheableOn({ ...prices, minCacheTokens: model.minCacheTokens }, promptLayer) ? inputs.cacheHitRate : 0,
            prices.input,
            prices.cachedInput,
          )
        : promptLayer * prices.input;
    return (layer + inputs.inputTokens * prices.input + inputs.outputTokens * prices.output) / PER_MILLION;
  };
  const maintenanceHours =
    variant === 'hybrid' ? effort.promptMonthly + effort.fineTuneMonthly : effort.fineTuneMonthly;
  const deployment = plan.deployment;
  const retrainMonths: number[] = [];
  for (let month = 1 + inputs.retrainEveryMonths; month <= horizonMonths; month += inputs.retrainEveryMonths) {
    if (month !== plan.migration?.month) retrainMonths.push(month);
  }
  const replicas: number[] = [];
  const monthly = monthlyVolumes.map((volume, index) => {
    const month = index + 1;
    const serving = plan.servingByMonth[index] ?? first;
    let cost = maintenanceHours * rate + plan.hostingMonthly;
    if (retrainMonths.includes(month)) cost += trainingCost(serving) + effort.retrain * rate;
    if (plan.migration?.month === month) cost += trainingCost(serving) + effort.fineTuneSetup * rate;
    if (deployment === undefined) {
      cost += volume * perRequestOn(serving);
    } else {
      const count = replicasFor(volume, promptTokens + inputs.outputTokens, deployment);
      replicas.push(count);
      cost += gpuMonthly(count, deployment);
    }
    return cost;
  });
  return finishStrategy(
    {
      feasible: blockers.length === 0,
      priced: true,
      blockers,
      perRequest: deployment === undefined ? perRequestOn(first) : 0,
      upfront: trainingCost(first) + effort.fineTuneSetup * rate,
      monthly,
      latencyMs: estimateLatencyMs(speedOf(first), promptTokens, inputs.outputTokens),
      promptTokens,
      model: first.id,
      retrainMonths,
      ...(deployment === undefined ? {} : { replicas }),
      // Stryker disable next-line ConditionalExpression: `migration: undefined` and no key are the same report in JSON and to every reader
      ...(plan.migration === undefined ? {} : { migration: plan.migration }),
    },
    horizonMonths,
  );
}

type ReplicaShape = Pick<ResolvedDeployment, 'minReplicas' | 'peakFactor' | 'tokensPerSecond'>;

/** `replicas_m = max(minReplicas, ceil(peakFactor · monthlyTokens_m / (730·3600) / tokensPerSecond))` */
export function replicasFor(requestsPerMonth: number, tokensPerRequest: number, deployment: ReplicaShape): number {
  const tokensPerSecond = (requestsPerMonth * tokensPerRequest) / SECONDS_PER_MONTH;
  return Math.max(
    deployment.minReplicas,
    Math.ceil((deployment.peakFactor * tokensPerSecond) / deployment.tokensPerSecond),
  );
}

/** `gpuCost_m = replicas_m · gpusPerReplica · hourly · 730` */
function gpuMonthly(replicas: number, deployment: ResolvedDeployment): number {
  return replicas * deployment.gpusPerReplica * deployment.hourly * HOURS_PER_MONTH;
}

/** The first month whose cumulative fine-tune cost (upfront included) is at most prompting's. */
export function paybackMonth(prompt: StrategyCost, fineTune: StrategyCost): number | null {
  if (!fineTune.priced) return null;
  let promptSoFar = prompt.upfront;
  let fineTuneSoFar = fineTune.upfront;
  // Stryker disable next-line EqualityOperator: one step past the horizon adds `?? 0` to both sides, so it cannot pay back where the last month did not
  for (let index = 0; index < prompt.monthly.length; index += 1) {
    promptSoFar += prompt.monthly[index] ?? 0;
    fineTuneSoFar += fineTune.monthly[index] ?? 0;
    // Stryker disable next-line EqualityOperator: `<` differs from `<=` only when the fine-tune is dearer by exactly the 1e-9 tolerance
    if (fineTuneSoFar <= promptSoFar + 1e-9) return index + 1;
  }
  return null;
}

/**
 * The smallest flat requestsPerMonth (no growth) at which fine-tune's averageMonthly ≤ prompt's, rounded up to a whole
 * request; null if none up to 1e12. Provider hosting is linear in volume (closed form); self-hosting is a step function
 * of replicas, solved replica band by replica band.
 */
export function breakEvenVolume(context: CostContext): number | null {
  const at = (requestsPerMonth: number) => computeStrategies(context, { requestsPerMonth, monthlyGrowth: 0 });
  const zero = at(0);
  if (!zero.fineTune.priced) return null;
  const promptFixed = zero.prompt.averageMonthly;
  // One run of the cost model at the probe serves both lines (the sensitivity sweep runs this for every probe).
  const atProbe = at(BREAK_EVEN_PROBE);
  // Probed, not read from perRequest: a prompt that moves to its successor changes price mid-horizon, and measured
  // failures (part of each month's cost) steepen the line per request.
  const promptLineSlope = (atProbe.prompt.averageMonthly - promptFixed) / BREAK_EVEN_PROBE;
  const failureCostUsd = context.workload.quality?.failureCostUsd ?? 0;
  const failureSlope = (strategy: StrategyCost) => (strategy.failureRate ?? 0) * failureCostUsd;
  // Stryker disable next-line ObjectLiteral: only outputTokens is read from these inputs, and the volume options do not change it
  const inputs = workloadInputs(context.workload, { requestsPerMonth: 0, monthlyGrowth: 0 });
  const selfHosted = deploymentOf(context);
  let volume: number | null;
  if (selfHosted === undefined) {
    const probe = BREAK_EVEN_PROBE;
    const fineTuneFixed = zero.fineTune.averageMonthly;
    const fineTuneSlope = (atProbe.fineTune.averageMonthly - fineTuneFixed) / probe;
    if (fineTuneFixed <= promptFixed) volume = 0;
    else {
      // (A disable comment must stand before a statement: before an `else if` Stryker does not see it.)
      // Stryker disable next-line EqualityOperator: equal slopes divide by zero, and the non-finite result is reported as none just the same
      const parallel = promptLineSlope <= fineTuneSlope;
      volume = parallel ? null : (fineTuneFixed - promptFixed) / (promptLineSlope - fineTuneSlope);
    }
  } else {
    const replicaMonthly = gpuMonthly(1, selfHosted);
    const replicasAtZero = zero.fineTune.replicas?.[0] ?? selfHosted.minReplicas;
    const tokensPerRequest = zero.fineTune.promptTokens + inputs.outputTokens;
    volume = selfHostedBreakEven({
      promptFixed,
      // The fine-tune's own failures grow with volume too: they narrow what each request saves.
      promptSlope: promptLineSlope - failureSlope(zero.fineTune),
      // Fixed part of fine-tune's average: everything but the GPUs (upfront, retrains, maintenance).
      fineTuneFixed: zero.fineTune.averageMonthly - replicasAtZero * replicaMonthly,
      replicasAtZero,
      replicaMonthly,
      // Requests per month one replica carries at peak.
      perReplica: (selfHosted.tokensPerSecond * SECONDS_PER_MONTH) / (selfHosted.peakFactor * tokensPerRequest),
      floor: Math.max(selfHosted.minReplicas, 1),
    });
  }
  return reportedBreakEven(volume);
}

/** Flat-volume lines of the two strategies' average monthly cost, as the self-hosted break-even reads them. */
export interface SelfHostedBreakEvenLines {
  /** Prompting's average monthly cost with no traffic. */
  promptFixed: number;
  /** What each request saves by fine-tuning before GPUs: prompting's cost per request less the fine-tune's failures. */
  promptSlope: number;
  /** The fine-tune's average monthly cost with no traffic, GPUs left out. */
  fineTuneFixed: number;
  /** Replicas running with no traffic (minReplicas, which may be 0). */
  replicasAtZero: number;
  /** USD a month for one replica. */
  replicaMonthly: number;
  /** Requests a month one replica carries at peak. */
  perReplica: number;
  /** The fewest replicas serving any traffic: max(minReplicas, 1). */
  floor: number;
}

/**
 * The smallest flat volume at which a self-hosted fine-tune is no dearer than prompting, unrounded (null if none).
 * GPU cost is a step function of replicas, so it is solved replica band by replica band. Exported for its tests.
 */
export function selfHostedBreakEven(lines: SelfHostedBreakEvenLines): number | null {
  const { promptFixed, promptSlope, fineTuneFixed, replicasAtZero, replicaMonthly, perReplica, floor } = lines;
  if (replicasAtZero * replicaMonthly + fineTuneFixed <= promptFixed) return 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: with promptSlope <= 0 the slope is replicaMonthly >= 0 and gapAtTop(floor) > 0 (checked above), so the next branch also gives none
  if (promptSlope <= 0) return null;
  // At the top of band r, the gap fine-tune − prompt is linear in r.
  const slope = replicaMonthly - promptSlope * perReplica;
  const gapAtTop = (replicas: number) =>
    fineTuneFixed + replicas * replicaMonthly - promptFixed - promptSlope * replicas * perReplica;
  let band: number | null;
  if (slope >= 0) band = gapAtTop(floor) <= 0 ? floor : null;
  else band = Math.max(floor, Math.ceil((promptFixed - fineTuneFixed) / slope));
  if (band === null) return null;
  // Above the floor the band's break-even lies above its bottom (the band below did not break even at its top,
  // and one more replica only adds cost), so `bottom` binds only at the floor, where it is 0.
  // Stryker disable next-line ArithmeticOperator: see above; any other bottom below the band's break-even gives the same volume
  const bottom = band === floor ? 0 : (band - 1) * perReplica;
  return Math.max(bottom, (fineTuneFixed + band * replicaMonthly - promptFixed) / promptSlope);
}

/** A break-even volume as reports give it: none when not finite or above 1e12, else rounded up to a whole request. */
export function reportedBreakEven(volume: number | null): number | null {
  if (volume === null || !Number.isFinite(volume) || volume > MAX_BREAK_EVEN_VOLUME) return null;
  // Math.max: a break-even of 0 would otherwise come out as Math.ceil(-1e-9) = -0, which formats as "-0".
  return Math.max(0, Math.ceil(volume - 1e-9));
}

/** Each strategy's total over the horizon (USD) at a month-1 volume; averageMonthly is total / horizonMonths. */
export type CostAtVolume = (requestsPerMonth: number) => Record<StrategyKey, number>;

/** The priced GPUs when the fine-tune is served on them (dedicated or self-hosted), else undefined (per token). */
function deploymentOf(context: CostContext): ResolvedDeployment | undefined {
  // Stryker disable next-line ObjectLiteral: the deployment plan does not depend on volume; 0 only spares the volume range
  const inputs = workloadInputs(context.workload, { requestsPerMonth: 0 });
  return planFineTune(context, inputs).deployment;
}

/** Where the lines of {@link costAtVolume} are probed: far enough from 0 that float error is negligible. */
const LINE_PROBE = 1e6;

/**
 * The one answer to "what does each strategy cost at month-1 volume v" (growth as the workload's unless given), for
 * every caller: charts, the Monte Carlo, the decision's volume thresholds. Per-token hosting makes every total linear
 * in v (each month costs fixed + v × (1+g)^(m-1) × the serving model's price), so two runs of the cost model give
 * the exact line, fitted on the first call; self-hosted GPUs step with replicas, so every call runs the cost model.
 */
export function costAtVolume(
  context: CostContext,
  options: Pick<CostOptions, 'monthlyGrowth' | 'failureRates'> = {},
): CostAtVolume {
  const totalsAt = (requestsPerMonth: number): Record<StrategyKey, number> => {
    const strategies = computeStrategies(context, { ...options, requestsPerMonth });
    return { prompt: strategies.prompt.total, fineTune: strategies.fineTune.total, hybrid: strategies.hybrid.total };
  };
  // Found on the first call, not here: every decision input carries one of these, and most (the sensitivity sweep's)
  // are never called.
  let stepped: boolean | undefined;
  let line: { atZero: Record<StrategyKey, number>; slope: Record<StrategyKey, number> } | undefined;
  return (requestsPerMonth) => {
    // Stryker disable next-line ConditionalExpression: taking every workload as stepped runs the cost model on every call, which gives the same totals; only speed differs
    stepped ??= deploymentOf(context) !== undefined;
    // Stryker disable next-line ConditionalExpression: running the cost model on every call gives the same totals as the fitted line (linear per-token hosting); only speed differs
    if (stepped) return totalsAt(requestsPerMonth);
    // Stryker disable next-line ConditionalExpression: refitting the line on every call gives the same line; only speed differs
    if (line === undefined) {
      const atZero = totalsAt(0);
      const atProbe = totalsAt(LINE_PROBE);
      const slope = (key: StrategyKey) => (atProbe[key] - atZero[key]) / LINE_PROBE;
      line = { atZero, slope: { prompt: slope('prompt'), fineTune: slope('fineTune'), hybrid: slope('hybrid') } };
    }
    const { atZero, slope } = line;
    return {
      prompt: atZero.prompt + slope.prompt * requestsPerMonth,
      fineTune: atZero.fineTune + slope.fineTune * requestsPerMonth,
      hybrid: atZero.hybrid + slope.hybrid * requestsPerMonth,
    };
  };
}

/** Prompt, fine-tune and hybrid costs for one workload (no break-even). */
export function computeStrategies(context: CostContext, options: CostOptions = {}): Record<StrategyKey, StrategyCost> {
  const inputs = workloadInputs(context.workload, options);
  const model = context.resolveModel(context.workload.model);
  if (model === undefined) {
    throw new UnknownModelError({ workloadId: context.workload.id, model: context.workload.model });
  }
  const plan = planFineTune(context, inputs);
  const monthlyVolumes = volumes(inputs, context.assumptions.horizonMonths);
  const rates = options.failureRates ?? pricedFailureRates(context.workload);
  const failureCostUsd = context.workload.quality?.failureCostUsd ?? 0;
  const horizonMonths = context.assumptions.horizonMonths;
  const withFailures = (strategy: StrategyCost, key: StrategyKey) =>
    addFailures(strategy, rates[key], failureCostUsd, monthlyVolumes, horizonMonths);
  return {
    prompt: withFailures(promptStrategy(context, inputs, monthlyVolumes, model), 'prompt'),
    fineTune: withFailures(fineTuneStrategy(context, inputs, monthlyVolumes, plan, 'fineTune'), 'fineTune'),
    hybrid: withFailures(fineTuneStrategy(context, inputs, monthlyVolumes, plan, 'hybrid'), 'hybrid'),
  };
}

/** Failure rates the workload's measured quality prices, per strategy; none without a `quality` block. */
export function pricedFailureRates(workload: Workload): Partial<Record<StrategyKey, number>> {
  return workload.quality === undefined ? {} : assessQuality(workload.quality).pricedFailureRates;
}

/** `failures_m = v_m · (1 − p) · failureCostUsd` added to each month; a strategy without a price or a rate is unchanged. */
function addFailures(
  strategy: StrategyCost,
  failureRate: number | undefined,
  failureCostUsd: number,
  monthlyVolumes: readonly number[],
  horizonMonths: number,
): StrategyCost {
  if (failureRate === undefined || !strategy.priced) return strategy;
  const failureMonthly = monthlyVolumes.map((volume) => volume * failureRate * failureCostUsd);
  const monthly = strategy.monthly.map((cost, index) => cost + (failureMonthly[index] ?? 0));
  const total = strategy.upfront + sum(monthly);
  return {
    ...strategy,
    monthly,
    total,
    averageMonthly: total / horizonMonths,
    failureRate,
    failureMonthly,
    averageMonthlyWithoutFailures: strategy.averageMonthly,
  };
}

/**
 * Everything the cost model says about one workload: the three strategies, break-even and payback.
 *
 * @example
 * ```ts
 * import { computeWorkloadCosts, defaultCatalog, parseUsageFile, resolveModel } from '@tunewise/core';
 *
 * const { usageFile } = parseUsageFile(text, { fileName: 'llm-usage.yml' });
 * const costs = computeWorkloadCosts({
 *   workload: usageFile.workloads[0]!,
 *   assumptions: usageFile.assumptions,
 *   asOf: '2026-11-28',
 *   resolveModel: (id) => resolveModel(id, usageFile.models, defaultCatalog),
 * });
 * console.log(costs.strategies.prompt.averageMonthly, costs.strategies.fineTune.averageMonthly);
 * console.log(costs.breakEven.requestsPerMonth); // null when fine-tuning never pays off
 * ```
 */
export function computeWorkloadCosts(context: CostContext, options: CostOptions = {}): WorkloadCosts {
  return workloadCostsWithBreakEven(context, breakEvenVolume(context), options);
}

/**
 * {@link computeWorkloadCosts} with a break-even volume already known. The break-even does not depend on the
 * workload's own volume (it is searched at flat volumes), so the sensitivity sweep's volume probes reuse the
 * workload's instead of running the cost model three more times each. Internal to core.
 */
export function workloadCostsWithBreakEven(
  context: CostContext,
  breakEvenRequestsPerMonth: number | null,
  options: CostOptions = {},
): WorkloadCosts {
  const strategies = computeStrategies(context, options);
  return {
    strategies,
    breakEven: {
      requestsPerMonth: breakEvenRequestsPerMonth,
      paybackMonth: paybackMonth(strategies.prompt, strategies.fineTune),
    },
    inputs: workloadInputs(context.workload, options),
  };
}
