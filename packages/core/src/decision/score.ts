import { strategyKey } from '../model/strategies.js';
import type { Recommendation, StrategyName } from '../model/types.js';
import {
  blockerFactors,
  LATENCY_MISSED_BY_ALL,
  latencyFactors,
  mainFactors,
  promptGateFactors,
  TUNED_STRATEGIES,
  variantFactors,
} from './factors.js';
import type { DecisionInput, Gate, Scorecard, ScoredFactor } from './types.js';
import { CONFIDENCE_SCALE, WEIGHTS } from './weights.js';

/** 0.5 for a tie between the top two candidates, rising towards 1 as the margin grows (docs/decision.md rule 10). */
export function confidenceFromMargin(margin: number): number {
  const confidence = 0.5 + 0.5 * Math.tanh(Math.max(0, margin) / CONFIDENCE_SCALE);
  return Math.round(confidence * 100) / 100;
}

/** When no strategy meets the latency target, the confidence is scaled by this (never below a tie's 0.5): the answer misses a requirement. */
const LATENCY_MISS_CONFIDENCE = 0.75;

function sumWeights(factors: readonly ScoredFactor[], favors: (strategy: StrategyName) => boolean): number {
  return factors.filter((item) => favors(item.favors)).reduce((sum, item) => sum + item.weight, 0);
}

/**
 * The scorecard, in order (rule numbers are those of docs/decision.md):
 * 1. feasibility (rule 1): infeasible fine-tune or hybrid leave the candidates;
 * 2. prompt gates (rules 2, 5, 8): prototype, three or more general tasks, no ML expertise outside
 *    production answer prompt whatever else holds;
 * 3. latency (rule 7): a target is a requirement, so candidates that miss it leave while one meets it;
 * 4. weights: prompting against the fine-tune side (fine-tune and hybrid share those weights), ties
 *    to prompting; then fine-tune against hybrid (rule 6).
 * Only step 4 uses volume, examples or quality, and there they only ever add fine-tune weight or
 * remove prompt weight as they grow, so rule 9 holds by construction. The fine-tune-or-hybrid
 * contest never feeds back into prompt-or-tuned, so it cannot break that either.
 */
export function scoreDecision(input: DecisionInput): Scorecard {
  const blockers = blockerFactors(input);
  const feasibleTuned = TUNED_STRATEGIES.filter((strategy) => input.strategies[strategyKey(strategy)].feasible);
  const main = mainFactors(input);
  const variant = variantFactors(input);
  const promptGates = promptGateFactors(input);

  // A prompt model that has retired (or retires with no successor) is no candidate either: the answer is always a
  // feasible strategy, or `none` when there is none.
  const promptFeasible = input.strategies.prompt.feasible;
  let gate: Gate | null = null;
  let candidates: StrategyName[] = [...(promptFeasible ? (['prompt'] as const) : []), ...feasibleTuned];
  if (feasibleTuned.length === 0) gate = 'infeasible';
  // Gates come before rule 4's weights: regulation is not a domain, so a regulated general workload with 3+ tasks stays on prompts (rule 5).
  else if (promptFeasible && promptGates.length > 0) gate = gateOf(promptGates[0]!.id);
  if (gate !== null) candidates = promptFeasible ? ['prompt'] : [];

  const latency = latencyFactors(input, gate === null ? candidates : ['prompt', ...feasibleTuned]);
  if (gate === null) {
    // Stryker disable ConditionalExpression,MethodExpression: without the filter the missed-by-all factor adds `missed-by-all`, which names no strategy, so nothing more is dropped
    const dropped = new Set(
      latency
        .filter((item) => item.id !== LATENCY_MISSED_BY_ALL)
        .map((item) => item.id.replace('latency-target-', '') as StrategyName),
    );
    // Stryker restore ConditionalExpression,MethodExpression
    candidates = candidates.filter((strategy) => !dropped.has(strategy));
  }

  const promptScore = sumWeights(main, (favors) => favors === 'prompt');
  const tunedScore = sumWeights(main, (favors) => favors !== 'prompt');
  const fineTuneEdge = sumWeights(variant, (favors) => favors === 'fine-tune');
  const hybridEdge = sumWeights(variant, (favors) => favors === 'hybrid');
  const tunedCandidates = candidates.filter((strategy) => strategy !== 'prompt');
  const variantWinner: StrategyName | null =
    tunedCandidates.length === 2 ? (hybridEdge > fineTuneEdge ? 'hybrid' : 'fine-tune') : (tunedCandidates[0] ?? null);

  const scores: Partial<Record<StrategyName, number>> = {};
  for (const strategy of candidates) {
    if (strategy === 'prompt') scores.prompt = promptScore;
    else if (strategy === variantWinner) scores[strategy] = tunedScore;
    else scores[strategy] = tunedScore - Math.abs(hybridEdge - fineTuneEdge);
  }

  let recommendation: Recommendation;
  if (candidates.length === 0) recommendation = 'none';
  else if (variantWinner === null) recommendation = 'prompt';
  else if (candidates.includes('prompt') && promptScore >= tunedScore) recommendation = 'prompt';
  else recommendation = variantWinner;

  const ranked = Object.values(scores).sort((left, right) => right - left);
  const margin = ranked.length >= 2 ? ranked[0]! - ranked[1]! : null;
  const missedByAll = latency.some((item) => item.id === LATENCY_MISSED_BY_ALL);
  const confidence = missedByAll
    ? Math.max(0.5, Math.round(confidenceFromMargin(margin ?? WEIGHTS.gate) * LATENCY_MISS_CONFIDENCE * 100) / 100)
    : confidenceFromMargin(margin ?? WEIGHTS.gate);

  // Fine-tune-against-hybrid factors say nothing about a prompt answer, so they are left out of it.
  const shownVariant = recommendation === 'prompt' ? [] : rank(variant);
  const factors = [...blockers, ...promptGates, ...latency, ...rank(main), ...shownVariant];
  return { recommendation, confidence, candidates, scores, margin, gate, factors };
}

function gateOf(factorId: string): Gate {
  if (factorId === 'prototype-stage') return 'prototype';
  if (factorId === 'many-tasks') return 'many-tasks';
  return 'no-ml-expertise';
}

function rank(factors: readonly ScoredFactor[]): ScoredFactor[] {
  return [...factors].sort((left, right) => right.weight - left.weight);
}
