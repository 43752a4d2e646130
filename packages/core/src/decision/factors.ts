import { effectiveEffortHours } from '../cost/cost-model.js';
import {
  capitalise,
  formatCount,
  formatGrowth,
  formatMs,
  formatQuantity,
  formatUsdWhole,
  strategyInProse,
} from '../format/index.js';
import { roundTo } from '../model/numbers.js';
import { strategyKey } from '../model/strategies.js';
import type { Blocker, StrategyCost, StrategyName } from '../model/types.js';
import { measuredQualityFactor } from './quality-factor.js';
import type { DecisionInput, ScoredFactor } from './types.js';
import { growthFactorOf } from './volume.js';
import { THRESHOLDS, WEIGHTS } from './weights.js';

export const TUNED_STRATEGIES = ['fine-tune', 'hybrid'] as const satisfies readonly StrategyName[];

const round = (weight: number) => roundTo(weight, 2);

function factor(
  scope: ScoredFactor['scope'],
  id: string,
  favors: StrategyName,
  weight: number,
  reason: string,
): ScoredFactor {
  return { id, favors, weight: round(weight), reason, scope };
}

export function isSpecialisedDomain(input: DecisionInput): boolean {
  return input.workload.profile.domain !== 'general';
}

export function hasDomainData(input: DecisionInput): boolean {
  const { examples, quality } = input.workload.trainingData;
  return examples >= THRESHOLDS.domainExamples && quality !== 'low';
}

/** Rule 1: every blocker of fine-tune or hybrid, once each. */
export function blockerFactors(input: DecisionInput): ScoredFactor[] {
  const seen = new Map<string, Blocker>();
  for (const key of ['fineTune', 'hybrid'] as const) {
    for (const blocker of input.strategies[key].blockers) {
      if (!seen.has(blocker.id)) seen.set(blocker.id, blocker);
    }
  }
  return [...seen.values()].map((blocker) =>
    factor('gate', `blocker-${blocker.id}`, 'prompt', WEIGHTS.gate, asSentence(blocker.message)),
  );
}

/** Rules 2, 5 and 8: answers that are prompt whatever the costs say. */
export function promptGateFactors(input: DecisionInput): ScoredFactor[] {
  const { profile } = input.workload;
  const factors: ScoredFactor[] = [];
  if (profile.stage === 'prototype') {
    factors.push(
      factor(
        'gate',
        'prototype-stage',
        'prompt',
        WEIGHTS.gate,
        'At the prototype stage the task is still being validated; a prompt changes in minutes, a fine-tune takes a data set and a training run.',
      ),
    );
  }
  if (profile.tasks >= THRESHOLDS.manyTasks && !isSpecialisedDomain(input)) {
    factors.push(
      factor(
        'gate',
        'many-tasks',
        'prompt',
        WEIGHTS.gate,
        `One model serves ${formatCount(profile.tasks)} general-domain tasks; a fine-tune fits one behaviour, so ${formatCount(profile.tasks)} tasks stay on prompts.`,
      ),
    );
  }
  if (input.assumptions.mlExpertise === 'none' && profile.stage !== 'production') {
    factors.push(
      factor(
        'gate',
        'no-ml-expertise',
        'prompt',
        WEIGHTS.gate,
        `With no ML expertise and a workload at the ${profile.stage} stage, the first fine-tune would take ${formatQuantity(fineTuneSetupHours(input), 'engineering hour')} before anything is learned about the task.`,
      ),
    );
  }
  return factors;
}

/** Rule 7: a latency target is a requirement; strategies that miss it are dropped while another meets it. */
/** Id of the latency factor that says no candidate meets the target. */
export const LATENCY_MISSED_BY_ALL = 'latency-target-missed-by-all';

export function latencyFactors(input: DecisionInput, candidates: readonly StrategyName[]): ScoredFactor[] {
  const target = input.workload.profile.latencyTargetMs;
  if (target === undefined) return [];
  const latencyOf = (strategy: StrategyName) => input.strategies[strategyKey(strategy)].latencyMs;
  const meeting = candidates.filter((strategy) => latencyOf(strategy) <= target);
  const missing = candidates.filter((strategy) => latencyOf(strategy) > target);
  if (missing.length === 0) return [];
  if (meeting.length === 0) {
    // Nothing meets the target: no candidate leaves, the answer stands on the rest, and its confidence falls.
    const fastest = [...missing].sort((left, right) => latencyOf(left) - latencyOf(right))[0]!;
    return [
      factor(
        'latency',
        LATENCY_MISSED_BY_ALL,
        fastest,
        0,
        `Every strategy misses the ${formatMs(target)} latency target; the fastest, ${strategyInProse(fastest)}, takes about ${formatMs(latencyOf(fastest))} per request, so confidence is lowered until the gap closes.`,
      ),
    ];
  }
  const fastest = [...meeting].sort((left, right) => latencyOf(left) - latencyOf(right))[0]!;
  return missing.map((strategy) =>
    factor(
      'latency',
      `latency-target-${strategy}`,
      fastest,
      WEIGHTS.gate,
      `${capitalise(strategyInProse(strategy))} takes about ${formatMs(latencyOf(strategy))} per request against a ${formatMs(target)} target; ${strategyInProse(fastest)} takes about ${formatMs(latencyOf(fastest))}.`,
    ),
  );
}

/** Factors weighing prompting against a fine-tuned model. */
export function mainFactors(input: DecisionInput): ScoredFactor[] {
  const domain = domainFactor(input);
  const regulated = regulatedFactor(input);
  return [
    input.strategies.fineTune.priced ? costFactor(input) : null,
    lowVolumeFactor(input),
    domain,
    regulated,
    unmeasuredPremiumFactor(input, (domain?.weight ?? 0) + (regulated?.weight ?? 0)),
    examplesFactor(input),
    qualityFactor(input),
    measuredQualityFactor(input),
    outputFormatFactor(input),
    consistencyFactor(input),
    taskCountFactor(input),
    cadenceFactor(input),
    expertiseFactor(input),
    lifecycleFactor(input),
    promptLifecycleFactor(input),
  ].filter((item): item is ScoredFactor => item !== null);
}

/** Factors weighing fine-tune against hybrid (docs/decision.md rule 6, and their costs). */
export function variantFactors(input: DecisionInput): ScoredFactor[] {
  const { profile } = input.workload;
  const factors: ScoredFactor[] = [];
  if (profile.tasks > 1) {
    factors.push(
      factor(
        'variant',
        'hybrid-for-tasks',
        'hybrid',
        WEIGHTS.hybridForVariation,
        `With ${formatCount(profile.tasks)} tasks on one model, a prompt layer over the fine-tune carries what differs between them.`,
      ),
    );
  }
  if (profile.changeCadence === 'weekly') {
    factors.push(
      factor(
        'variant',
        'hybrid-for-cadence',
        'hybrid',
        WEIGHTS.hybridForVariation,
        'Weekly changes go into the prompt layer while the fine-tune keeps the stable core between retrains.',
      ),
    );
  }
  // A failure line on one side only (the other unmeasured) would tilt the contest silently: compare without failures.
  const withFailures =
    (input.strategies.fineTune.failureRate === undefined) === (input.strategies.hybrid.failureRate === undefined);
  const monthlyOf = (strategy: StrategyCost) =>
    withFailures ? strategy.averageMonthly : (strategy.averageMonthlyWithoutFailures ?? strategy.averageMonthly);
  const fineTune = monthlyOf(input.strategies.fineTune);
  const hybrid = monthlyOf(input.strategies.hybrid);
  const priced = input.strategies.fineTune.priced && input.strategies.hybrid.priced;
  if (priced && Math.abs(hybrid - fineTune) >= 0.005) {
    const cheaper: StrategyName = fineTune < hybrid ? 'fine-tune' : 'hybrid';
    const gap = Math.abs(Math.log2(Math.max(hybrid, 0.01) / Math.max(fineTune, 0.01)));
    const weight = Math.min(
      WEIGHTS.cheaperVariantMax,
      WEIGHTS.cheaperVariantBase + WEIGHTS.cheaperVariantPerDoubling * gap,
    );
    const reason =
      cheaper === 'fine-tune'
        ? `The hybrid's prompt layer adds ${formatUsdWhole(hybrid - fineTune)}/month: ${formatUsdWhole(hybrid)} against ${formatUsdWhole(fineTune)} for fine-tuning alone.`
        : `The hybrid averages ${formatUsdWhole(hybrid)}/month against ${formatUsdWhole(fineTune)} for fine-tuning alone.`;
    factors.push(factor('variant', 'variant-cost', cheaper, weight, reason));
  }
  return factors;
}

function volumePhrase(input: DecisionInput): string {
  const growth = input.workload.volume.monthlyGrowth;
  const volume = `${formatCount(input.requestsPerMonth)} requests/month`;
  if (growth === 0) return volume;
  const averageVolume = input.requestsPerMonth * growthFactorOf(input);
  return `${volume} ${formatGrowth(growth)} (${formatCount(averageVolume)} on average over ${formatQuantity(input.assumptions.horizonMonths, 'month')})`;
}

/**
 * Volume against break-even, on a log scale so that doubling the margin adds the same weight. The
 * weight only rises on the fine-tune side and only falls on the prompt side as volume grows (docs/decision.md rule 9),
 * and below break-even it starts at `costBelowBreakEvenBase`, more than all secondary factors (docs/decision.md rule 3).
 */
function costFactor(input: DecisionInput): ScoredFactor {
  const prompt = input.strategies.prompt.averageMonthly;
  const fineTune = input.strategies.fineTune.averageMonthly;
  const breakEven = input.breakEven.requestsPerMonth;
  const costs = `fine-tuning averages ${formatUsdWhole(fineTune)}/month against ${formatUsdWhole(prompt)} for prompting`;
  if (breakEven === null) {
    return factor(
      'main',
      'volume-vs-break-even',
      'prompt',
      WEIGHTS.costMax,
      `At ${volumePhrase(input)} ${costs}, and no volume up to ${formatCount(THRESHOLDS.maximumVolume)} requests/month makes fine-tuning the cheaper one.`,
    );
  }
  const averageVolume = input.requestsPerMonth * growthFactorOf(input);
  const ratio = breakEven === 0 ? Number.POSITIVE_INFINITY : averageVolume / breakEven;
  const payback =
    input.breakEven.paybackMonth === null
      ? ''
      : `, and it has paid back its set-up by month ${input.breakEven.paybackMonth}`;
  if (ratio >= 1) {
    const weight = Math.min(
      WEIGHTS.costMax,
      WEIGHTS.costAboveBreakEvenBase + WEIGHTS.costPerDoublingAbove * Math.log2(ratio),
    );
    return factor(
      'main',
      'volume-vs-break-even',
      'fine-tune',
      weight,
      `At ${volumePhrase(input)} ${costs}; fine-tuning is cheaper from ${formatCount(Math.ceil(breakEven))} requests/month${payback}.`,
    );
  }
  const weight = Math.min(
    WEIGHTS.costMax,
    WEIGHTS.costBelowBreakEvenBase + WEIGHTS.costPerHalvingBelow * Math.log2(1 / ratio),
  );
  return factor(
    'main',
    'volume-vs-break-even',
    'prompt',
    weight,
    `At ${volumePhrase(input)} ${costs}; fine-tuning is cheaper only from ${formatCount(Math.ceil(breakEven))} requests/month.`,
  );
}

function lowVolumeFactor(input: DecisionInput): ScoredFactor | null {
  if (input.requestsPerMonth >= THRESHOLDS.lowVolumeRequestsPerMonth) return null;
  return factor(
    'main',
    'low-volume',
    'prompt',
    WEIGHTS.lowVolume,
    `${formatCount(input.requestsPerMonth)} requests/month is under ${formatCount(THRESHOLDS.lowVolumeRequestsPerMonth)}, the volume below which a fine-tune's set-up and upkeep rarely pay off.`,
  );
}

/** What public cases say per domain: a direction with its sources, never a predicted gain. */
const DOMAIN_EVIDENCE: Readonly<Record<string, string>> = {
  healthcare:
    'in clinical work small tuned models led on EHR tasks (Lehman et al. 2023) while prompted frontier models led on exam questions and summaries (Nori et al. 2023; Van Veen et al. 2024)',
  legal:
    'legal work has shown clear gains from training on legal data (Lawma, Dominguez-Olmedo et al. 2024; Harvey, 2024)',
  finance:
    'in finance tuned models led on entity and relation extraction while prompted GPT-4 held its own on sentiment and QA (Li et al. 2023)',
  'other-specialized':
    'on narrow labelled tasks tuned small models have matched or beaten prompted frontier models (Checkr 2024; Predibase LoRA Land 2024)',
};

function domainFactor(input: DecisionInput): ScoredFactor | null {
  if (!isSpecialisedDomain(input)) return null;
  const { domain } = input.workload.profile;
  const { examples, quality } = input.workload.trainingData;
  const evidence = DOMAIN_EVIDENCE[domain] ?? DOMAIN_EVIDENCE['other-specialized']!;
  if (hasDomainData(input)) {
    return factor(
      'main',
      'specialised-domain',
      'fine-tune',
      WEIGHTS.specialisedDomainWithData,
      `Specialised domain (${domain}) with ${formatCount(examples)} medium- or high-quality examples; ${evidence}, so treat the benefit as a direction to measure on a held-out set, not a set gain.`,
    );
  }
  return factor(
    'main',
    'specialised-domain',
    'fine-tune',
    WEIGHTS.specialisedDomainThinData,
    `Specialised domain (${domain}) but thin data for it (${formatQuantity(examples, 'example')} of ${quality} quality, where ${formatCount(THRESHOLDS.domainExamples)} of medium or high quality is the bar); ${evidence}.`,
  );
}

/** Does the usage file give eval results for prompting and for a tuned strategy, so quality is the team's own? */
function hasMeasuredQuality(input: DecisionInput): boolean {
  const quality = input.workload.quality;
  return quality?.prompt !== undefined && (quality.fineTune !== undefined || quality.hybrid !== undefined);
}

/**
 * Without measured quality, domain and regulation are cited directions, not the team's numbers: they may carry a
 * fine-tune costing up to `THRESHOLDS.unmeasuredPremium` times the prompt's, no more. Past that, this factor takes
 * back exactly their weight, so the rest of the scorecard decides as if they were absent.
 */
function unmeasuredPremiumFactor(input: DecisionInput, directionWeight: number): ScoredFactor | null {
  if (directionWeight <= 0 || hasMeasuredQuality(input)) return null;
  const prompt = input.strategies.prompt.averageMonthly;
  const tuned = (['fineTune', 'hybrid'] as const)
    .map((key) => input.strategies[key])
    .filter((cost) => cost.feasible && cost.priced)
    .map((cost) => cost.averageMonthly);
  if (tuned.length === 0) return null;
  const cheapest = Math.min(...tuned);
  if (cheapest <= prompt * THRESHOLDS.unmeasuredPremium) return null;
  const multiple = prompt > 0 ? `${roundTo(cheapest / prompt, 1)}×` : 'more than';
  return factor(
    'main',
    'unmeasured-premium',
    'prompt',
    directionWeight,
    `Fine-tuning would cost ${formatUsdWhole(cheapest)}/month, ${multiple} prompting's ${formatUsdWhole(prompt)}: without measured quality, domain and regulation justify at most ${THRESHOLDS.unmeasuredPremium}×. Measuring quality on a held-out set (quality in the usage file) is what would justify the premium.`,
  );
}

function regulatedFactor(input: DecisionInput): ScoredFactor | null {
  if (!input.workload.profile.regulated) return null;
  return factor(
    'main',
    'regulated',
    'fine-tune',
    WEIGHTS.regulated,
    'Regulated workload: a trained, pinned model keeps behaviour reviewable between releases, and public cases chose tuned models they could host for privacy (a patient-intake assistant on an on-premises Mistral-7B, Airtrain 2024).',
  );
}

function examplesFactor(input: DecisionInput): ScoredFactor | null {
  const { examples } = input.workload.trainingData;
  if (examples < THRESHOLDS.minimumExamples) return null; // a blocker already says so
  if (hasDomainData(input)) {
    return factor(
      'main',
      'training-examples',
      'fine-tune',
      WEIGHTS.enoughExamples,
      `${formatCount(examples)} training examples clear the ${formatCount(THRESHOLDS.domainExamples)} a dependable fine-tune asks for.`,
    );
  }
  if (examples >= THRESHOLDS.domainExamples) return null; // enough examples, low quality: the quality factor says so
  return factor(
    'main',
    'training-examples',
    'prompt',
    WEIGHTS.examplesShortOfTarget,
    `${formatCount(examples)} training examples are ${formatCount(THRESHOLDS.domainExamples - examples)} short of the ${formatCount(THRESHOLDS.domainExamples)} a dependable fine-tune asks for.`,
  );
}

function qualityFactor(input: DecisionInput): ScoredFactor | null {
  const { examples, quality } = input.workload.trainingData;
  if (examples < THRESHOLDS.minimumExamples) return null;
  if (quality === 'low') {
    return factor(
      'main',
      'training-quality',
      'prompt',
      WEIGHTS.lowQuality,
      `The ${formatCount(examples)} training examples are marked low quality; a fine-tune learns their mistakes along with the task.`,
    );
  }
  if (quality === 'high') {
    return factor(
      'main',
      'training-quality',
      'fine-tune',
      WEIGHTS.highQuality,
      `The ${formatCount(examples)} training examples are marked high quality.`,
    );
  }
  return null;
}

function outputFormatFactor(input: DecisionInput): ScoredFactor | null {
  if (input.workload.profile.outputFormat !== 'structured') return null;
  return factor(
    'main',
    'structured-output',
    'fine-tune',
    WEIGHTS.structuredOutput,
    'Structured output holds its shape more reliably once trained in, though on its own that never pays for a higher bill.',
  );
}

function consistencyFactor(input: DecisionInput): ScoredFactor | null {
  if (input.workload.profile.consistency !== 'high') return null;
  return factor(
    'main',
    'high-consistency',
    'fine-tune',
    WEIGHTS.highConsistency,
    'High consistency is asked for: a fine-tune makes behaviour less sensitive to prompt wording, though on its own that never pays for a higher bill.',
  );
}

function taskCountFactor(input: DecisionInput): ScoredFactor | null {
  const { tasks } = input.workload.profile;
  if (tasks <= 1) return null;
  if (tasks >= THRESHOLDS.manyTasks && !isSpecialisedDomain(input)) return null; // the many-tasks gate says it
  // Three or more general-domain tasks are a gate (docs/decision.md rule 5); here the domain is specialised or tasks = 2.
  const weight = tasks >= THRESHOLDS.manyTasks ? WEIGHTS.manyTasksSpecialised : WEIGHTS.twoTasks;
  return factor(
    'main',
    'task-count',
    'prompt',
    weight,
    `One model serves ${formatCount(tasks)} tasks; a single fine-tune fits one behaviour best, and prompts switch between tasks for free.`,
  );
}

function cadenceFactor(input: DecisionInput): ScoredFactor | null {
  const { changeCadence } = input.workload.profile;
  const retrains = input.strategies.fineTune.retrainMonths?.length;
  const horizon = input.assumptions.horizonMonths;
  const retrainPhrase =
    retrains === undefined ? '' : ` (${formatQuantity(retrains, 'retrain')} in ${formatQuantity(horizon, 'month')})`;
  if (changeCadence === 'weekly') {
    return factor(
      'main',
      'change-cadence',
      'prompt',
      WEIGHTS.weeklyCadence,
      `Behaviour changes weekly: a prompt edit ships the same day, while a fine-tune waits for its next retrain${retrainPhrase}.`,
    );
  }
  if (changeCadence === 'quarterly' || changeCadence === 'rarely') {
    return factor(
      'main',
      'change-cadence',
      'fine-tune',
      WEIGHTS.stableCadence,
      `Behaviour changes ${changeCadence === 'rarely' ? 'rarely' : 'quarterly'}, so a fine-tune stays current with few retrains${retrainPhrase}.`,
    );
  }
  return null;
}

// The cost model's effort hours, so the reasons quote the hours it priced.
function fineTuneSetupHours(input: DecisionInput): number {
  return effectiveEffortHours(input.assumptions).fineTuneSetup;
}

function retrainHours(input: DecisionInput): number {
  return effectiveEffortHours(input.assumptions).retrain;
}

function expertiseFactor(input: DecisionInput): ScoredFactor | null {
  const { mlExpertise, engineerHourlyRate } = input.assumptions;
  const setupHours = fineTuneSetupHours(input);
  if (mlExpertise === 'none') {
    return factor(
      'main',
      'ml-expertise',
      'prompt',
      WEIGHTS.noMlExpertise,
      `No in-house ML expertise: the first fine-tune is budgeted at ${formatQuantity(setupHours, 'engineering hour')} (${formatUsdWhole(setupHours * engineerHourlyRate)}) and each retrain at ${formatCount(retrainHours(input))}.`,
    );
  }
  if (mlExpertise === 'dedicated') {
    return factor(
      'main',
      'ml-expertise',
      'fine-tune',
      WEIGHTS.dedicatedMlTeam,
      `A dedicated ML team budgets ${formatQuantity(setupHours, 'hour')} for the first fine-tune and ${formatCount(retrainHours(input))} per retrain.`,
    );
  }
  return null;
}

const DAY_MS = 86_400_000;

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / DAY_MS);
}

function lifecycleFactor(input: DecisionInput): ScoredFactor | null {
  const reasons: string[] = [];
  const migration = input.strategies.fineTune.migration;
  if (migration) {
    reasons.push(
      `the fine-tuned model retires within the horizon, so month ${migration.month} carries a second fine-tune on its successor`,
    );
  }
  const availableUntil = input.modelPrices?.fineTune?.fineTuning?.availableUntil;
  if (availableUntil) {
    const daysLeft = daysBetween(input.asOf, availableUntil);
    // availableUntil is the last day a new training job can start (docs/lifecycle.md#the-dates), so 0 days left is still open.
    if (daysLeft === 0) {
      reasons.push(
        `today (${availableUntil}) is the last day a new training job can start, so later retrains need another model`,
      );
    } else if (daysLeft > 0 && daysLeft <= THRESHOLDS.trainingClosingSoonDays) {
      reasons.push(
        `${availableUntil} is the last day a new training job can start, ${formatQuantity(daysLeft, 'day')} after ${input.asOf}, so later retrains need another model`,
      );
    }
  }
  if (reasons.length === 0) return null;
  return factor('main', 'model-lifecycle', 'prompt', WEIGHTS.lifecycle, `${capitalise(reasons.join('; '))}.`);
}

/** A prompt model that retires inside the horizon moves to its successor: the cost includes it, the reason says so. */
function promptLifecycleFactor(input: DecisionInput): ScoredFactor | null {
  const migration = input.strategies.prompt.migration;
  if (migration === undefined) return null;
  return factor(
    'main',
    'prompt-model-lifecycle',
    'fine-tune',
    WEIGHTS.lifecycle,
    `${capitalise(migration.reason)}, which the prompt's cost includes.`,
  );
}

/** The cost model's blocker messages are clauses; reasons are sentences. */
function asSentence(text: string): string {
  const trimmed = text.trim();
  const sentence = /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
  // Capitalise a leading word, never a leading model id such as "openai/gpt-4o".
  return /^[a-z][a-z-]*\s/.test(sentence) ? capitalise(sentence) : sentence;
}
