import type { ModelPrices } from '../catalog/types.js';
import type { CostAtVolume } from '../cost/cost-model.js';
import type { Factor, Recommendation, StrategyCost, StrategyKey, StrategyName } from '../model/types.js';
import type { Assumptions, Workload } from '../schema/usage-file.js';

/** A fine-tunable catalog model open for training on the report's day, with its prices, that the decision may suggest instead. */
export interface LiveAlternative {
  id: string;
  /** How the tuned model is served on this path: per token by its provider, its dedicated endpoint, or your GPUs. */
  hosting: 'provider' | 'dedicated' | 'self-hosted';
  /** The catalog GPU serving it, for `dedicated` and `self-hosted`. */
  gpu?: string;
  /** The `fineTune` block that takes this path, as inline YAML to paste into the usage file. */
  snippet: string;
  /** What the fine-tune averages a month for this workload on this path (the cost model's own figure). */
  averageMonthly: number;
}

/** Everything {@link decide} reads about one workload: the workload, the computed strategy costs, break-even and alternatives. */
export interface DecisionInput {
  /** The workload with defaults filled (the output of the usage-file schema). */
  workload: Workload;
  assumptions: Assumptions;
  strategies: Record<StrategyKey, StrategyCost>;
  breakEven: { requestsPerMonth: number | null; paybackMonth: number | null };
  /** Month-1 expected volume. */
  requestsPerMonth: number;
  /**
   * Each strategy's total at another month-1 volume, growth kept: the cost model's `costAtVolume`, so volume
   * thresholds are exact for self-hosting too.
   */
  costAtVolume: CostAtVolume;
  /** YYYY-MM-DD the report is pinned to. */
  asOf: string;
  /** Cheapest live fine-tunable alternatives from the catalog, cheapest first. */
  liveAlternatives: LiveAlternative[];
  /**
   * Optional: the resolved prices of the prompt model and the fine-tune model. With them the
   * decision can warn when training closes soon and suggest prompt caching; without them it skips both.
   */
  modelPrices?: { prompt?: ModelPrices; fineTune?: ModelPrices };
}

/** What {@link decide} returns: the recommended strategy, how confident it is, the factors behind it, and what would change it. */
export interface Decision {
  recommendation: Recommendation;
  /** In [0, 1]; 0.5 is a coin toss between the top two strategies. */
  confidence: number;
  factors: Factor[];
  whatWouldChange: string[];
  nextSteps: string[];
}

/** Which hard rule settled the answer before the scores were compared, if any. */
export type Gate = 'infeasible' | 'prototype' | 'many-tasks' | 'no-ml-expertise';

/**
 * Where a factor's weight goes: `main` weighs prompting against a fine-tuned model (fine-tune and
 * hybrid alike), `variant` weighs fine-tune against hybrid, `gate` and `latency` factors are hard
 * rules whose weight is shown but which decide by themselves.
 */
export type FactorScope = 'main' | 'variant' | 'gate' | 'latency';

/** A factor with where its weight counts in the scoring (see {@link FactorScope}). */
export interface ScoredFactor extends Factor {
  scope: FactorScope;
}

/** The decision's full working (what {@link scoreDecision} returns): candidates left after the hard rules, their scores, the margin and every factor. */
export interface Scorecard {
  recommendation: Recommendation;
  confidence: number;
  /** Strategies still allowed after the hard rules. */
  candidates: StrategyName[];
  /** Scores of the candidates (prompt: its weights; the winning variant: the fine-tune side's weights). */
  scores: Partial<Record<StrategyName, number>>;
  /** Score of the best candidate minus the runner-up; null when a hard rule left one candidate. */
  margin: number | null;
  gate: Gate | null;
  factors: ScoredFactor[];
}
