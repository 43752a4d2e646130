import type { Factor } from '../model/types.js';
import { nextSteps } from './next-steps.js';
import { scoreDecision } from './score.js';
import type { Decision, DecisionInput } from './types.js';
import { whatWouldChange } from './what-would-change.js';

export type { Decision, DecisionInput, LiveAlternative } from './types.js';

/**
 * Recommends prompt, fine-tune or hybrid for one workload from the costs the cost model computed,
 * and explains it. Pure: it reads the input and never recomputes a cost.
 *
 * `factors` lists the hard rules that applied (blockers, gates, the latency target) and then every
 * weighted factor, strongest first. A factor that favours `fine-tune` speaks for the fine-tuned model,
 * so it counts for hybrid too (a hybrid is a fine-tune with a prompt layer); factors that favour
 * `hybrid`, and `variant-cost`, only settle fine-tune against hybrid.
 *
 * @example
 * ```ts
 * // Internal to @tunewise/core (consumers get decisions from `evaluate`); tests import it from src.
 * import { decide } from './decide.js';
 * import { computeWorkloadCosts, expectedRequestsPerMonth } from '../cost/cost-model.js';
 *
 * // context: the CostContext of one workload (see computeWorkloadCosts)
 * const { strategies, breakEven } = computeWorkloadCosts(context);
 * const decision = decide({
 *   workload: context.workload,
 *   assumptions: context.assumptions,
 *   strategies,
 *   breakEven,
 *   requestsPerMonth: expectedRequestsPerMonth(context.workload),
 *   asOf: context.asOf,
 *   liveAlternatives: [],
 * });
 * console.log(decision.recommendation, decision.confidence, decision.whatWouldChange);
 * ```
 */
export function decide(input: DecisionInput): Decision {
  const scorecard = scoreDecision(input);
  const factors: Factor[] = scorecard.factors.map(({ id, favors, weight, reason }) => ({ id, favors, weight, reason }));
  return {
    recommendation: scorecard.recommendation,
    confidence: scorecard.confidence,
    factors,
    whatWouldChange: whatWouldChange(input, scorecard),
    nextSteps: nextSteps(input, scorecard),
  };
}
