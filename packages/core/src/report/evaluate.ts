import {
  defaultCatalog,
  findCatalogGpu,
  fineTuningAccessOn,
  pricingSources,
  resolveModel,
  stalePrices,
} from '../catalog/index.js';
import type { Catalog, ModelPrices } from '../catalog/types.js';
import {
  type CostContext,
  computeStrategies,
  computeWorkloadCosts,
  costAtVolume,
  effectiveEffortHours,
  pricedFailureRates,
  type WorkloadCosts,
  workloadCostsWithBreakEven,
} from '../cost/cost-model.js';
import { costCurve } from '../cost/curve.js';
import { type DecisionInput, decide, scoreDecision } from '../decision/index.js';
import { InvalidAsOfError } from '../errors/invalid-as-of-error.js';
import { NonFiniteCostError } from '../errors/non-finite-cost-error.js';
import { isValidDate } from '../model/dates.js';
import { volumeMonths } from '../model/growth.js';
import { roundTo } from '../model/numbers.js';
import { billOf, runningCost, STRATEGY_KEYS } from '../model/strategies.js';
import type {
  PassRate,
  QualityAssessment,
  Recommendation,
  Report,
  Sensitivity,
  StrategyCost,
  StrategyKey,
  WorkloadReport,
} from '../model/types.js';
import { assessQuality } from '../quality/assessment.js';
import { sampleBeta } from '../quality/beta.js';
import type { UsageFile, Workload } from '../schema/usage-file.js';
import { type MonteCarloOptions, seedFromString, simulateVolume } from '../uncertainty/monte-carlo.js';
import { livePaths, pricedAlternatives } from './alternatives.js';

/** Options of {@link evaluate}: the day the report speaks for, and optionally the catalog and Monte Carlo draws. */
export interface EvaluateOptions {
  /** YYYY-MM-DD: the day the report speaks for (prices, training windows, retirements). */
  asOf: string;
  /** Pricing catalog; default: the one shipped with @tunewise/core. */
  catalog?: Catalog;
  /** Monte Carlo draws for range volumes; default 2,000. */
  draws?: number;
  /** Version written to `tool.version`; default: this package's. */
  toolVersion?: string;
}

/** How many live fine-tunable alternatives a decision may name. */
const ALTERNATIVES = 3;

interface WorkloadEnvironment {
  usageFile: UsageFile;
  catalog: Catalog;
  asOf: string;
  resolve: (id: string) => ModelPrices | undefined;
  liveAlternatives: DecisionInput['liveAlternatives'];
  draws: number | undefined;
}

/**
 * Turns a validated usage file into a report: costs per strategy, break-even, uncertainty, the recommendation and its
 * reasons, for the day `asOf`. Pure: the same file, catalog and date give the same report.
 *
 * @example
 * ```ts
 * import { evaluate, parseUsageFile } from '@tunewise/core';
 *
 * const { usageFile } = parseUsageFile(text, { fileName: 'llm-usage.yml' });
 * const report = evaluate(usageFile, { asOf: '2026-11-28' });
 * for (const workload of report.workloads) console.log(workload.id, workload.recommendation, workload.confidence);
 * ```
 */
export function evaluate(usageFile: UsageFile, options: EvaluateOptions): Report {
  if (!isValidDate(options.asOf)) {
    throw new InvalidAsOfError(options.asOf);
  }
  const catalog = options.catalog ?? defaultCatalog;
  // Every workload, sensitivity probe and Monte Carlo draw resolves the same few ids: resolve each once.
  const resolved = new Map<string, ModelPrices | undefined>();
  const resolve = (id: string) => {
    if (!resolved.has(id)) resolved.set(id, resolveModel(id, usageFile.models, catalog));
    return resolved.get(id);
  };
  const environment: WorkloadEnvironment = {
    usageFile,
    catalog,
    asOf: options.asOf,
    resolve,
    draws: options.draws,
    liveAlternatives: [],
  };
  const paths = livePaths(catalog, usageFile, options.asOf, resolve);
  const workloads = usageFile.workloads.map((workload) =>
    evaluateWorkload(workload, {
      ...environment,
      // Each workload gets the live paths priced for it by the cost model, so a suggestion is the figure it would see.
      liveAlternatives: pricedAlternatives(
        workload,
        paths,
        (onPath) => computeStrategies(contextFor(onPath, environment)).fineTune,
        ALTERNATIVES,
      ),
    }),
  );
  for (const workload of workloads) {
    for (const key of STRATEGY_KEYS) {
      if (!Number.isFinite(workload.strategies[key].total)) {
        throw new NonFiniteCostError({ workloadId: workload.id, strategy: key });
      }
    }
  }
  const modelIds = [...new Set(workloads.flatMap((workload) => [workload.model, workload.strategies.fineTune.model]))];
  return {
    schemaVersion: 1,
    tool: { name: 'tunewise', version: options.toolVersion ?? __PACKAGE_VERSION__ },
    asOf: options.asOf,
    pricing: {
      checked: catalog.checked,
      sources: pricingSources(catalog, modelIds),
      stale: stalePrices(catalog, options.asOf, {
        models: modelIds,
        gpus: usedGpuIds(usageFile),
        access: [...new Set(modelIds.map((id) => environment.resolve(id)?.provider ?? ''))].filter(
          (provider) => provider !== '',
        ),
      }),
    },
    currency: 'USD',
    horizonMonths: usageFile.assumptions.horizonMonths,
    assumptions: {
      engineerHourlyRate: usageFile.assumptions.engineerHourlyRate,
      mlExpertise: usageFile.assumptions.mlExpertise,
      effortHours: effectiveEffortHours(usageFile.assumptions),
    },
    workloads,
    totals: reportTotals(workloads),
    ...(usageFile.policy === undefined ? {} : { policy: usageFile.policy }),
  };
}

/** Catalog GPU ids the file's GPU-hosted fine-tunes name. */
function usedGpuIds(usageFile: UsageFile): string[] {
  const ids = usageFile.workloads.flatMap((workload) => {
    const block = workload.fineTune.deployment ?? workload.fineTune.selfHosted;
    return workload.fineTune.hosting !== 'provider' && typeof block?.gpu === 'string' ? [block.gpu] : [];
  });
  return [...new Set(ids)];
}

function contextFor(workload: Workload, environment: WorkloadEnvironment): CostContext {
  return {
    workload,
    assumptions: environment.usageFile.assumptions,
    asOf: environment.asOf,
    resolveModel: environment.resolve,
    resolveGpu: (id) => findCatalogGpu(environment.catalog, id),
    fineTuningAccess: (provider) =>
      fineTuningAccessOn(
        environment.catalog,
        provider,
        environment.asOf,
        environment.usageFile.assumptions.activeFineTuningProviders,
      ),
  };
}

/** `breakEven`: the workload's break-even volume when it is known to hold for this workload too (see {@link Probe}). */
function decisionInput(
  workload: Workload,
  environment: WorkloadEnvironment,
  context: CostContext,
  breakEven?: number | null,
) {
  const costs =
    breakEven === undefined ? computeWorkloadCosts(context) : workloadCostsWithBreakEven(context, breakEven);
  const promptModel = environment.resolve(workload.model);
  const fineTuneModel = environment.resolve(costs.inputs.fineTuneModel);
  const input: DecisionInput = {
    workload,
    assumptions: context.assumptions,
    strategies: costs.strategies,
    breakEven: costs.breakEven,
    requestsPerMonth: costs.inputs.requestsPerMonth,
    costAtVolume: costAtVolume(context),
    asOf: environment.asOf,
    liveAlternatives: environment.liveAlternatives,
    modelPrices: {
      ...(promptModel === undefined ? {} : { prompt: promptModel }),
      ...(fineTuneModel === undefined ? {} : { fineTune: fineTuneModel }),
    },
  };
  return { costs, input };
}

function decideFor(workload: Workload, environment: WorkloadEnvironment, context = contextFor(workload, environment)) {
  const { costs, input } = decisionInput(workload, environment, context);
  return { costs, decision: decide(input) };
}

/** The answer alone (no sentences about what would change it), for the sensitivity sweep. */
function recommendationFor(
  workload: Workload,
  environment: WorkloadEnvironment,
  breakEven?: number | null,
): Recommendation {
  return scoreDecision(decisionInput(workload, environment, contextFor(workload, environment), breakEven).input)
    .recommendation;
}

function evaluateWorkload(workload: Workload, environment: WorkloadEnvironment): WorkloadReport {
  const context = contextFor(workload, environment);
  const { costs, decision } = decideFor(workload, environment, context);
  const range = typeof workload.volume.requestsPerMonth === 'number' ? undefined : workload.volume.requestsPerMonth;
  // Without a fine-tuning price there is nothing to weigh prompting against, so no simulation.
  const uncertainty =
    range === undefined || !costs.strategies.fineTune.priced
      ? undefined
      : simulateVolume({
          range,
          seed: seedFromString(workload.id),
          ...(environment.draws === undefined ? {} : { draws: environment.draws }),
          totalsAt: totalsWithDrawnPassRates(context, costs),
        });
  const strategies = {
    prompt: tidy(costs.strategies.prompt),
    fineTune: tidy(withAlternatives(costs.strategies.fineTune, environment.liveAlternatives)),
    hybrid: tidy(withAlternatives(costs.strategies.hybrid, environment.liveAlternatives)),
  };
  return {
    id: workload.id,
    name: workload.name ?? workload.id,
    model: workload.model,
    recommendation: decision.recommendation,
    confidence: decision.confidence,
    ...billOf(strategies, workload.current, decision.recommendation),
    strategies,
    breakEven: costs.breakEven,
    ...(uncertainty === undefined ? {} : { uncertainty }),
    sensitivity: sensitivityOf(workload, environment, decision.recommendation, costs.breakEven.requestsPerMonth),
    chart: costCurve(context, costs),
    ...(workload.quality === undefined ? {} : { quality: tidyQuality(assessQuality(workload.quality)) }),
    factors: decision.factors,
    whatWouldChange: decision.whatWouldChange,
    nextSteps: decision.nextSteps,
    inputs: costs.inputs,
  };
}

/**
 * The Monte Carlo's totals at a drawn volume: each strategy whose cost carries failures gets a pass rate drawn from
 * its Beta(passed + 1, total − passed + 1) on the simulation's stream, so P(fine-tune cheaper) includes what failures
 * cost and how sure the eval is. Totals are linear in the failure rate: cost without failures plus
 * v × Σ(1+g)^(m−1) × (1 − p) × failureCostUsd.
 */
function totalsWithDrawnPassRates(context: CostContext, costs: WorkloadCosts): MonteCarloOptions['totalsAt'] {
  const { quality } = context.workload;
  const rates = pricedFailureRates(context.workload);
  const drawn = STRATEGY_KEYS.filter(
    (key) => rates[key] !== undefined && costs.strategies[key].priced && quality?.[key] !== undefined,
  );
  if (quality === undefined || drawn.length === 0) return costAtVolume(context);
  const withoutFailures = costAtVolume(context, { failureRates: {} });
  const requestMonths = volumeMonths(costs.inputs.monthlyGrowth, context.assumptions.horizonMonths);
  return (requestsPerMonth, random) => {
    const totals = withoutFailures(requestsPerMonth);
    for (const key of drawn) {
      const result = quality[key]!;
      const rate = sampleBeta(result.passed + 1, result.total - result.passed + 1, random);
      totals[key] += requestsPerMonth * requestMonths * (1 - rate) * quality.failureCostUsd;
    }
    return totals;
  };
}

/** Blockers that only another model lifts name the live ones the catalog offers (docs/lifecycle.md#what-a-strategy-gets). */
const LIFTED_BY_ANOTHER_MODEL = new Set([
  'training-closed',
  'retired',
  'retires-in-horizon',
  'not-fine-tunable',
  'provider-closed',
  'no-per-token-serving',
  'training-unpriced',
]);

function withAlternatives(strategy: StrategyCost, alternatives: DecisionInput['liveAlternatives']): StrategyCost {
  if (alternatives.length === 0) return strategy;
  const names = alternatives.map((alternative) => alternative.id).join(', ');
  return {
    ...strategy,
    blockers: strategy.blockers.map((blocker) =>
      LIFTED_BY_ANOTHER_MODEL.has(blocker.id)
        ? { ...blocker, message: `${blocker.message}; live fine-tunable alternatives: ${names}` }
        : blocker,
    ),
  };
}

/** Money to 1/10,000 of a cent-ish precision, per-request prices to 10 decimals: stable JSON without float noise. */
function tidy(strategy: StrategyCost): StrategyCost {
  return {
    ...strategy,
    perRequest: roundTo(strategy.perRequest, 10),
    upfront: roundTo(strategy.upfront, 4),
    monthly: strategy.monthly.map((value) => roundTo(value, 4)),
    averageMonthly: roundTo(strategy.averageMonthly, 4),
    total: roundTo(strategy.total, 4),
    latencyMs: roundTo(strategy.latencyMs, 1),
    ...(strategy.failureRate === undefined ? {} : { failureRate: roundTo(strategy.failureRate, 10) }),
    ...(strategy.failureMonthly === undefined
      ? {}
      : { failureMonthly: strategy.failureMonthly.map((value) => roundTo(value, 4)) }),
    ...(strategy.averageMonthlyWithoutFailures === undefined
      ? {}
      : { averageMonthlyWithoutFailures: roundTo(strategy.averageMonthlyWithoutFailures, 4) }),
  };
}

/** Rates to 10 decimals, like per-request prices: stable JSON without float noise (0.056, not 0.05600000000000005). */
function tidyQuality(assessment: QualityAssessment): QualityAssessment {
  const rate = (value: number) => roundTo(value, 10);
  const passRates: QualityAssessment['passRates'] = {};
  for (const [key, passRate] of Object.entries(assessment.passRates) as Array<[StrategyKey, PassRate]>) {
    passRates[key] = { ...passRate, rate: rate(passRate.rate), low: rate(passRate.low), high: rate(passRate.high) };
  }
  const pricedFailureRates: QualityAssessment['pricedFailureRates'] = {};
  for (const [key, value] of Object.entries(assessment.pricedFailureRates) as Array<[StrategyKey, number]>) {
    pricedFailureRates[key] = rate(value);
  }
  return {
    ...assessment,
    passRates,
    comparisons: assessment.comparisons.map((comparison) => ({
      ...comparison,
      probabilityAHigher: rate(comparison.probabilityAHigher),
    })),
    pricedFailureRates,
    unmeasured: [...assessment.unmeasured],
  };
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

interface Probe {
  input: string;
  range: string;
  /** The input's value at each end of the range; a probe whose ends are equal tries nothing and is not shown. */
  ends: [number, number];
  low: (workload: Workload) => Workload;
  high: (workload: Workload) => Workload;
  /** Only the month-1 volume moves: the break-even, searched at flat volumes, is the workload's own. */
  keepsBreakEven?: true;
}

function scaled<T extends object>(value: T, key: keyof T, factor: number): T {
  const current = value[key];
  return typeof current === 'number' ? { ...value, [key]: current * factor } : value;
}

/**
 * The single inputs whose move within a stated range is tried against the recommendation. A range that is empty
 * (both ends the same, e.g. half and double of 0 examples) is left out: it could not change anything.
 */
function probesFor(workload: Workload, environment: WorkloadEnvironment): Probe[] {
  const volume = workload.volume.requestsPerMonth;
  const withVolume = (requestsPerMonth: number) => (subject: Workload) => ({
    ...subject,
    volume: { ...subject.volume, requestsPerMonth },
  });
  const [volumeLow, volumeHigh] = typeof volume === 'number' ? [volume / 2, volume * 2] : [volume.low, volume.high];
  const examples = workload.trainingData.examples;
  const outputTokens = workload.prompt.outputTokens;
  const exampleTokens = workload.prompt.exampleTokens ?? 0;
  const probes: Probe[] = [
    {
      input: 'volume.requestsPerMonth',
      range: `${count.format(volumeLow)}–${count.format(volumeHigh)} requests/month`,
      ends: [volumeLow, volumeHigh],
      low: withVolume(volumeLow),
      high: withVolume(volumeHigh),
      keepsBreakEven: true,
    },
    {
      input: 'trainingData.examples',
      range: `${count.format(Math.floor(examples / 2))}–${count.format(examples * 2)} examples`,
      ends: [Math.floor(examples / 2), examples * 2],
      low: (subject) => ({
        ...subject,
        trainingData: { ...subject.trainingData, examples: Math.floor(subject.trainingData.examples / 2) },
      }),
      high: (subject) => ({ ...subject, trainingData: scaled(subject.trainingData, 'examples', 2) }),
    },
    {
      input: 'prompt.outputTokens',
      range: 'half to double',
      ends: [outputTokens / 2, outputTokens * 2],
      low: (subject) => ({ ...subject, prompt: scaled(subject.prompt, 'outputTokens', 0.5) }),
      high: (subject) => ({ ...subject, prompt: scaled(subject.prompt, 'outputTokens', 2) }),
    },
    {
      input: 'prompt.exampleTokens',
      range: 'half to double',
      ends: [exampleTokens / 2, exampleTokens * 2],
      low: (subject) => ({ ...subject, prompt: scaled(subject.prompt, 'exampleTokens', 0.5) }),
      high: (subject) => ({ ...subject, prompt: scaled(subject.prompt, 'exampleTokens', 2) }),
    },
  ];
  if (environment.resolve(workload.model)?.cachedInput !== undefined) {
    probes.push({
      input: 'prompt.cacheHitRate',
      range: '0–0.9',
      ends: [0, 0.9],
      low: (subject) => ({ ...subject, prompt: { ...subject.prompt, cacheHitRate: 0 } }),
      high: (subject) => ({ ...subject, prompt: { ...subject.prompt, cacheHitRate: 0.9 } }),
    });
  }
  return probes.filter((probe) => probe.ends[0] !== probe.ends[1]);
}

function sensitivityOf(
  workload: Workload,
  environment: WorkloadEnvironment,
  answer: Recommendation,
  breakEven: number | null,
): Sensitivity[] {
  const entries: Sensitivity[] = probesFor(workload, environment).map((probe) => {
    const answerFor = (subject: Workload) =>
      recommendationFor(subject, environment, probe.keepsBreakEven ? breakEven : undefined);
    const low = answerFor(probe.low(workload));
    const high = answerFor(probe.high(workload));
    return { input: probe.input, range: probe.range, low, high, changesAnswer: low !== answer || high !== answer };
  });
  const hourly = environment.usageFile.assumptions.engineerHourlyRate;
  // Half and double of $0 an hour is no range either.
  if (hourly === 0) return entries;
  const withRate = (engineerHourlyRate: number) =>
    recommendationFor(workload, {
      ...environment,
      usageFile: {
        ...environment.usageFile,
        assumptions: { ...environment.usageFile.assumptions, engineerHourlyRate },
      },
    });
  const low = withRate(hourly / 2);
  const high = withRate(hourly * 2);
  entries.push({
    input: 'assumptions.engineerHourlyRate',
    range: `$${count.format(hourly / 2)}–$${count.format(hourly * 2)} an hour`,
    low,
    high,
    changesAnswer: low !== answer || high !== answer,
  });
  return entries;
}

/** Totals across workloads, each strategy counted as {@link runningCost} counts it. */
function reportTotals(workloads: readonly WorkloadReport[]): Report['totals'] {
  const infeasible = workloads.filter((workload) => workload.recommendation === 'none').map((workload) => workload.id);
  const sumOf = (pick: (workload: WorkloadReport) => Recommendation) => {
    let averageMonthly = 0;
    let total = 0;
    for (const workload of workloads) {
      const counted = runningCost(workload.strategies, pick(workload));
      averageMonthly += counted.averageMonthly;
      total += counted.total;
    }
    return { averageMonthly: roundTo(averageMonthly, 4), total: roundTo(total, 4) };
  };
  return {
    bill: sumOf((workload) => workload.current),
    prompt: sumOf(() => 'prompt'),
    fineTune: sumOf(() => 'fine-tune'),
    hybrid: sumOf(() => 'hybrid'),
    // runningCost counts a `none` recommendation at prompt cost; the report names those workloads.
    recommended: sumOf((workload) => workload.recommendation),
    ...(infeasible.length === 0 ? {} : { countedAtPromptCost: infeasible }),
  };
}
