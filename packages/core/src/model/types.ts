import type { UsageFile } from '../schema/usage-file.js';

/** A catalog price (or dated fact) last checked more than {@link STALE_AFTER_DAYS} days before the report's day. */
export interface StalePrice {
  /** Catalog model or GPU id, or the provider of an access entry. */
  id: string;
  /** Which part of the entry: base `prices`, `fine-tuning` prices, `lifecycle` dates, GPU `hourly` price, or provider `access` dates. */
  what: 'prices' | 'fine-tuning' | 'lifecycle' | 'hourly' | 'access';
  checked: string;
  source: string;
  /** `primary`: the provider's own page; `secondary`: a third party that copied it. */
  sourceKind: 'primary' | 'secondary';
  ageDays: number;
}

/** The three strategies compared: keep prompting, fine-tune, or fine-tune with a prompt layer on top (hybrid). */
export type StrategyName = 'prompt' | 'fine-tune' | 'hybrid';
/** What a workload is told to run: a feasible strategy, or `none` when no strategy is feasible (the blockers say why). */
export type Recommendation = StrategyName | 'none';
/** Keys of `strategies` in the report (camelCase of StrategyName). */
export type StrategyKey = 'prompt' | 'fineTune' | 'hybrid';

/** A reason a strategy cannot be taken as things stand, with a stable id for tooling. */
export interface Blocker {
  /** Stable id, e.g. "too-few-examples", "training-closed", "data-policy", "not-fine-tunable", "retired". */
  id: string;
  message: string;
}

/** What one strategy costs a workload over the horizon (USD), whether it is feasible, and its latency. */
export interface StrategyCost {
  feasible: boolean;
  /** false when the model has no price for this strategy (e.g. not fine-tunable): the money figures are then 0. */
  priced: boolean;
  blockers: Blocker[];
  /** USD per request at month-1 volume; 0 where hosting is paid by the hour. */
  perRequest: number;
  upfront: number;
  /** USD per month, months 1..H (upfront not included). */
  monthly: number[];
  averageMonthly: number;
  total: number;
  latencyMs: number;
  /** What this strategy sends per request. */
  promptTokens: number;
  /** Model the strategy runs on. */
  model: string;
  /** Self-hosted replicas per month, when self-hosted. */
  replicas?: number[];
  /** Months in which a retrain (or a forced re-fine-tune) is charged. */
  retrainMonths?: number[];
  /** A re-fine-tune forced by retirement: month and successor model. */
  migration?: { month: number; to: string; reason: string };
  /**
   * Share of requests priced as failures (docs/cost-model.md#cost-of-failures), present when the workload's measured
   * quality puts a failure line on this strategy; `monthly`, `averageMonthly` and `total` then include it.
   */
  failureRate?: number;
  /** USD per month, months 1..H, of wrong answers: requests × failureRate × quality.failureCostUsd. */
  failureMonthly?: number[];
  /** averageMonthly less the failure line: what the strategy costs to run, in USD per month. */
  averageMonthlyWithoutFailures?: number;
}

/** A strategy's measured pass rate with its 90% interval under Beta(passed + 1, total − passed + 1). */
export interface PassRate {
  passed: number;
  total: number;
  /** passed / total. */
  rate: number;
  /** 5th percentile of the Beta posterior. */
  low: number;
  /** 95th percentile of the Beta posterior. */
  high: number;
}

/** Two strategies' eval results side by side: how sure the difference is, and what more labelling would settle it. */
export interface QualityComparison {
  /** P(p_a > p_b) from seeded draws. */
  probabilityAHigher: number;
  /** True when either strategy passes more often with probability ≥ 0.95 (DISTINGUISHABLE_AT). */
  distinguishable: boolean;
  /**
   * Cases per strategy that would tell the two observed rates apart (one-sided 5% test, 80% power);
   * undefined when the rates are equal, as no sample size separates them.
   */
  casesPerStrategy: number | undefined;
  /** Cases to label beyond what each strategy has (0 when it already has enough); undefined with casesPerStrategy. */
  moreCases: { a: number; b: number } | undefined;
}

/** A tuned strategy's eval results set against prompting's. */
export interface QualityVersusPrompt extends QualityComparison {
  strategy: 'fineTune' | 'hybrid';
}

/**
 * What a workload's `quality` block means for its costs (docs/cost-model.md#cost-of-failures):
 * the pass rates with intervals, the comparisons with prompting, and the failure rate each strategy is priced at.
 */
export interface QualityAssessment {
  metric?: string;
  failureCostUsd: number;
  passRates: Partial<Record<StrategyKey, PassRate>>;
  /** Each tuned strategy against prompting, when both were measured. */
  comparisons: QualityVersusPrompt[];
  /**
   * Share of requests that fail, per strategy whose monthly cost carries failures; a strategy left out has no
   * failure line. Prompting is priced at its own rate; a tuned strategy at its own rate when it is distinguishable
   * from prompting, else at prompting's (the difference is not known, so the decision does not use it); a hybrid
   * not distinguishable from the fine-tune at the fine-tune's.
   */
  pricedFailureRates: Partial<Record<StrategyKey, number>>;
  /** Strategies without eval results: their cost has no failure line, so any comparison with them is partial. */
  unmeasured: StrategyKey[];
}

/** One non-cost reason for or against a strategy (e.g. stage, domain, data policy) and its weight in the decision. */
export interface Factor {
  id: string;
  favors: StrategyName;
  /** Signed contribution, positive = towards `favors`. */
  weight: number;
  reason: string;
}

/** Monte Carlo spread of each strategy's total when the volume is a range: p10/p50/p90 and how often fine-tuning wins. */
export interface Uncertainty {
  draws: number;
  seed: number;
  /** Probability that fine-tune's total is lower than prompt's. */
  fineTuneCheaperProbability: number;
  totals: Record<StrategyKey, { p10: number; p50: number; p90: number }>;
}

/** One input moved within a stated range, the others held, and what the answer becomes at each end. */
export interface Sensitivity {
  input: string;
  /** The range tried, in words, e.g. "50,000–1,000,000 requests/month". */
  range: string;
  low: Recommendation;
  high: Recommendation;
  changesAnswer: boolean;
}

/** Each strategy's monthly cost at a few flat volumes around the workload's, computed by the cost model, for a chart. */
export interface CostCurve {
  /** Flat requests/month, ascending. */
  volumes: number[];
  /** Index in `volumes` of the break-even point, or null when it is not on the chart. */
  breakEvenIndex: number | null;
  /** Average monthly cost (USD) per strategy at each volume; null for a strategy without a price. */
  series: Record<StrategyKey, number[] | null>;
  /** Strategies left out, with why. */
  omitted: Array<{ strategy: StrategyKey; reason: string }>;
}

/** The report on one workload: the recommendation and confidence, each strategy's cost, break-even and the reasons. */
export interface WorkloadReport {
  id: string;
  name: string;
  model: string;
  recommendation: Recommendation;
  confidence: number;
  /** What the workload runs today (`current` in the usage file). */
  current: StrategyName;
  /**
   * What running `current` costs (USD): the bill. Where `current` cannot be priced or run here, prompting's cost
   * stands in, as in the totals.
   */
  bill: { averageMonthly: number; total: number };
  /** The saving of switching from `current` to the recommendation, when it saves money (USD, positive). */
  opportunity?: { switchTo: StrategyName; averageMonthly: number; total: number };
  strategies: Record<StrategyKey, StrategyCost>;
  breakEven: { requestsPerMonth: number | null; paybackMonth: number | null };
  uncertainty?: Uncertainty;
  sensitivity: Sensitivity[];
  /** Monthly cost against flat volume, per strategy, for the chart of the markdown report. */
  chart: CostCurve;
  /** The workload's measured quality: pass rates, comparisons with prompting, and what failures are priced at. */
  quality?: QualityAssessment;
  factors: Factor[];
  whatWouldChange: string[];
  nextSteps: string[];
  /** Inputs of this workload after defaults, for the assumptions footer. */
  inputs: {
    requestsPerMonth: number;
    monthlyGrowth: number;
    instructionTokens: number;
    exampleTokens: number;
    inputTokens: number;
    outputTokens: number;
    cacheHitRate: number;
    fineTuneModel: string;
    hosting: 'provider' | 'dedicated' | 'self-hosted';
    epochs: number;
    retrainEveryMonths: number;
    keepInstructionTokens: number;
    hybridInstructionTokens: number;
    avgTokensPerExample: number;
  };
}

/**
 * What {@link evaluate} returns: every workload's report, the totals, and the pricing and assumptions behind them.
 * The JSON output of `tunewise evaluate` is this object.
 */
export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  asOf: string;
  /** The catalog's date, the pages behind the prices used, and those prices checked more than 90 days before `asOf`. */
  pricing: { checked: string; sources: string[]; stale: StalePrice[] };
  currency: 'USD';
  horizonMonths: number;
  assumptions: {
    engineerHourlyRate: number;
    mlExpertise: UsageFile['assumptions']['mlExpertise'];
    effortHours: {
      promptSetup: number;
      promptMonthly: number;
      fineTuneSetup: number;
      fineTuneMonthly: number;
      retrain: number;
    };
  };
  workloads: WorkloadReport[];
  totals: {
    /** What runs today across workloads: the sum of every workload's `bill`. */
    bill: { averageMonthly: number; total: number };
    prompt: { averageMonthly: number; total: number };
    fineTune: { averageMonthly: number; total: number };
    hybrid: { averageMonthly: number; total: number };
    /** The bill if every recommendation were followed. */
    recommended: { averageMonthly: number; total: number };
    /** Workloads recommended `none` (no feasible strategy), counted in `recommended` at their prompt cost. */
    countedAtPromptCost?: string[];
  };
  policy?: UsageFile['policy'];
}
