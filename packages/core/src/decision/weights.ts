import { MAX_BREAK_EVEN_VOLUME, MIN_TRAINING_EXAMPLES } from '../cost/cost-model.js';

/**
 * Weights of the decision scorecard. Two sides compete: prompting, and a fine-tuned model (which
 * fine-tune and hybrid share). A second, smaller contest picks fine-tune or hybrid.
 *
 * The numbers are chosen so that the rules of docs/decision.md hold by arithmetic, and `decide.test.ts` checks
 * each relation below:
 * - rule 3: everything except domain, regulation and latency (the "secondary" fine-tune factors)
 *   sums to less than `costBelowBreakEvenBase`, so structured output, consistency, data or cadence
 *   can never pay for fine-tuning below break-even on their own.
 * - rule 4: `regulatedOrSpecialised + enoughExamples + costAboveBreakEvenBase` beats every
 *   prompt-side weight that can coexist with rule 4's conditions (low volume, two or more tasks,
 *   weekly cadence, no ML expertise, a lifecycle warning).
 * - rule 6: `hybridForVariation` beats `cheaperVariantMax`, so many tasks or weekly change pick hybrid.
 * - rule 9: every weight that depends on volume, examples or quality only grows on the fine-tune
 *   side and only shrinks on the prompt side as those inputs grow.
 */
export const WEIGHTS = {
  /** Shown on factors of a hard gate (rules 1, 2, 5, 7, 8): they decide whatever the scores say. */
  gate: 5,

  /** Cost below break-even: this much for prompting, plus `costPerHalvingBelow` per halving of volume. */
  costBelowBreakEvenBase: 2,
  /**
   * Steeper than above break-even on purpose: paying more for the slower-to-change option should need
   * a stronger case the further below break-even it is. With it, domain and regulation together carry
   * fine-tuning down to about a third of break-even, no further.
   */
  costPerHalvingBelow: 1.5,
  /** Cost at or above break-even: this much for fine-tuning, plus `costPerDoublingAbove` per doubling. */
  costAboveBreakEvenBase: 1.25,
  costPerDoublingAbove: 0.75,
  costMax: 6,
  /** The framework's rule of thumb: under 100,000 requests a month, stay with prompts. */
  lowVolume: 0.5,

  /** Specialised domain with at least 500 medium- or high-quality examples (rule 4's data). */
  specialisedDomainWithData: 2,
  /** Specialised domain with less or weaker data: the direction holds, the evidence is thinner. */
  specialisedDomainThinData: 1,
  regulated: 2,

  enoughExamples: 0.5,
  examplesShortOfTarget: 0.25,
  lowQuality: 0.5,
  highQuality: 0.25,
  /**
   * A distinguishable difference in measured pass rate. Its money is already in the costs (the failure line), so the
   * factor only names it; small enough to stay a secondary factor (rule 3).
   */
  measuredQuality: 0.2,
  structuredOutput: 0.25,
  highConsistency: 0.25,
  stableCadence: 0.25,
  weeklyCadence: 0.5,
  dedicatedMlTeam: 0.25,
  noMlExpertise: 1,

  twoTasks: 0.75,
  manyTasksSpecialised: 1,
  lifecycle: 0.5,

  /** Fine-tune-or-hybrid contest. */
  hybridForVariation: 2,
  /** The cheaper of fine-tune and hybrid: this much, plus `cheaperVariantPerDoubling` per doubling of the gap. */
  cheaperVariantBase: 0.5,
  cheaperVariantPerDoubling: 1.5,
  cheaperVariantMax: 1.75,
} as const;

/** Thresholds of the decision rules (docs/decision.md#weights). */
export const THRESHOLDS = {
  /** Fewest examples a fine-tune can start from (a blocker below). */
  minimumExamples: MIN_TRAINING_EXAMPLES,
  /** Examples the domain rule (rule 4) asks for. */
  domainExamples: 500,
  /** Requests a month under which the framework says to keep prompting. */
  lowVolumeRequestsPerMonth: 100_000,
  /** One model serving this many tasks (without a specialised domain) stays on prompts; regulation is not a domain, so it does not lift this (rule 5 before rule 4). */
  manyTasks: 3,
  /** Volumes searched for a flip in the recommendation. */
  maximumVolume: MAX_BREAK_EVEN_VOLUME,
  /** Training that closes within this many days is worth a warning. */
  trainingClosingSoonDays: 90,
  /**
   * Without measured quality, domain and regulation may carry a fine-tune that costs at most this many times the
   * prompt's (docs/decision.md): a cited direction is worth a small premium, not a multiple.
   */
  unmeasuredPremium: 1.25,
} as const;

/** Secondary fine-tune factors: none of them is domain, regulation or latency (see rule 3 above). */
export const SECONDARY_FINE_TUNE_WEIGHTS = [
  WEIGHTS.enoughExamples,
  WEIGHTS.highQuality,
  WEIGHTS.measuredQuality,
  WEIGHTS.structuredOutput,
  WEIGHTS.highConsistency,
  WEIGHTS.stableCadence,
  WEIGHTS.dedicatedMlTeam,
] as const;

/** Prompt-side weights that can coexist with rule 4's conditions (production, above break-even). */
export const PROMPT_WEIGHTS_COMPATIBLE_WITH_RULE_4 = [
  WEIGHTS.lowVolume,
  Math.max(WEIGHTS.twoTasks, WEIGHTS.manyTasksSpecialised),
  WEIGHTS.weeklyCadence,
  WEIGHTS.noMlExpertise,
  WEIGHTS.lifecycle,
] as const;

/** Confidence is 0.5 + 0.5·tanh(margin / this): a tie is 0.5, a margin of 1 about 0.69, of 3 about 0.92. */
export const CONFIDENCE_SCALE = 2.5;
