import {
  capitalise,
  formatCount,
  formatGrowth,
  formatMs,
  formatQuantity,
  formatUsdWhole,
  roundSignificant,
  roundUpSignificant,
  strategyInProse,
} from '../format/index.js';
import { strategyKey } from '../model/strategies.js';
import type { Recommendation, StrategyCost, StrategyKey } from '../model/types.js';
import type { Workload } from '../schema/usage-file.js';
import { hasDomainData, isSpecialisedDomain } from './factors.js';
import { scoreDecision } from './score.js';
import type { DecisionInput, LiveAlternative, Scorecard } from './types.js';
import { atVolume, growthFactorOf } from './volume.js';
import { THRESHOLDS } from './weights.js';

/** How a live alternative is served, in words. */
const SERVED_ON: Readonly<Record<LiveAlternative['hosting'], string>> = {
  provider: 'served per token by its provider',
  dedicated: "on the provider's dedicated GPU endpoint",
  'self-hosted': 'trained at its provider and served on your own GPUs',
};

const isTuned = (strategy: Recommendation) => strategy === 'fine-tune' || strategy === 'hybrid';

/** Blockers that another fine-tune model lifts. */
const MODEL_BLOCKERS = [
  'not-fine-tunable',
  'training-closed',
  'retired',
  'retires-in-horizon',
  'provider-closed',
  'no-per-token-serving',
  'training-unpriced',
] as const;

/**
 * Thresholds that would flip the answer, each computed by re-running the scorecard on a changed
 * input: volume (costs scaled as `atVolume` documents), examples, stage, tasks, expertise and the
 * blockers' remedies.
 */
export function whatWouldChange(input: DecisionInput, scorecard: Scorecard): string[] {
  const sentences = [
    ...volumeSentences(input, scorecard),
    ...blockerSentences(input),
    ...examplesSentences(input, scorecard),
    ...gateSentences(input, scorecard),
    ...latencySentences(input),
  ];
  return [...new Set(sentences)];
}

function recommendationAt(input: DecisionInput, requestsPerMonth: number): Recommendation {
  return scoreDecision(atVolume(input, requestsPerMonth)).recommendation;
}

/**
 * Smallest month-1 volume in [low, high] at which the answer is a fine-tuned strategy, assuming the
 * answer is prompt at `low` and tuned at `high` (the decision is monotone in volume, docs/decision.md rule 9).
 * Bisects on a log scale.
 */
function flipVolume(input: DecisionInput, low: number, high: number): number {
  let lowLog = Math.log(Math.max(low, 1));
  let highLog = Math.log(high);
  // 1e-4 in log volume is 0.01%: finer than the three significant digits shown.
  for (let step = 0; step < 60 && highLog - lowLog > 1e-4; step++) {
    const middleLog = (lowLog + highLog) / 2;
    if (isTuned(recommendationAt(input, Math.exp(middleLog)))) highLog = middleLog;
    else lowLog = middleLog;
  }
  const flip = Math.exp(highLog);
  // Shown as a whole number of requests to three significant digits: the nearest such value when it
  // already flips, else the next one up.
  const nearest = Math.round(roundSignificant(flip));
  return isTuned(recommendationAt(input, nearest)) ? nearest : Math.ceil(roundUpSignificant(flip));
}

function volumeSentences(input: DecisionInput, scorecard: Scorecard): string[] {
  const sentences: string[] = [];
  const breakEven = input.breakEven.requestsPerMonth;
  const fineTuneFeasible = input.strategies.fineTune.feasible && input.strategies.fineTune.priced;
  if (fineTuneFeasible && breakEven !== null && breakEven > 0) {
    const threshold = formatCount(Math.ceil(breakEven));
    const today = formatCount(input.requestsPerMonth);
    const growth = input.workload.volume.monthlyGrowth;
    if (growth !== 0) {
      const startingVolume = formatCount(Math.ceil(breakEven / growthFactorOf(input)));
      sentences.push(
        `Fine-tuning is cheaper than prompting above an average of ${threshold} requests/month; ${formatGrowth(growth)} over ${formatQuantity(input.assumptions.horizonMonths, 'month')}, that means starting above ${startingVolume} (${today} today).`,
      );
    } else {
      sentences.push(
        input.requestsPerMonth >= breakEven
          ? `Fine-tuning stays cheaper than prompting down to ${threshold} requests/month (${today} today).`
          : `Fine-tuning becomes cheaper than prompting above ${threshold} requests/month (${today} today).`,
      );
    }
  } else if (fineTuneFeasible && breakEven === null) {
    sentences.push(
      `No volume up to ${formatCount(THRESHOLDS.maximumVolume)} requests/month makes fine-tuning cheaper at these prices and token counts; a cheaper model to fine-tune or a shorter kept prompt would.`,
    );
  }
  if (scorecard.gate !== null) return sentences;

  const current = scorecard.recommendation;
  if (!isTuned(current)) {
    const highest = THRESHOLDS.maximumVolume;
    const atHighest = recommendationAt(input, highest);
    if (isTuned(atHighest)) {
      const volume = flipVolume(input, input.requestsPerMonth, highest);
      sentences.push(
        `From about ${formatCount(volume)} requests/month the recommendation becomes ${recommendationAt(input, volume)}.`,
      );
    } else {
      sentences.push('No volume alone changes the recommendation: the reasons for prompting do not depend on volume.');
    }
  } else {
    const atZero = recommendationAt(input, 0);
    if (!isTuned(atZero)) {
      const volume = flipVolume(input, 0, Math.max(input.requestsPerMonth, 1));
      sentences.push(`Below about ${formatCount(volume)} requests/month the recommendation returns to prompt.`);
    } else {
      sentences.push(`The recommendation stays ${current} at any volume: it rests on more than cost.`);
    }
  }
  return sentences;
}

function blockerSentences(input: DecisionInput): string[] {
  const blockerIds = new Set(
    (['fineTune', 'hybrid'] as const).flatMap((key) => input.strategies[key].blockers.map((blocker) => blocker.id)),
  );
  const sentences: string[] = [];
  const { examples } = input.workload.trainingData;
  if (blockerIds.has('too-few-examples')) {
    sentences.push(
      `With ${formatQuantity(THRESHOLDS.minimumExamples - examples, 'more training example')} (${formatCount(THRESHOLDS.minimumExamples)} in all) fine-tuning becomes possible.`,
    );
  }
  if (blockerIds.has('data-policy')) {
    sentences.push(
      'Self-hosting the fine-tune (fineTune.hosting: self-hosted) keeps training data in-house and lifts the data-policy blocker; so would a policy that allows provider training.',
    );
  }
  if (MODEL_BLOCKERS.some((id) => blockerIds.has(id))) {
    const alternatives = input.liveAlternatives.slice(0, 3);
    if (alternatives.length > 0) {
      const listed = alternatives
        .map(
          (alternative) =>
            `${alternative.snippet} (about ${formatUsdWhole(alternative.averageMonthly)} a month, ${SERVED_ON[alternative.hosting]})`,
        )
        .join('; ');
      sentences.push(`A live path would lift the blocker (other fineTune keys kept): ${listed}.`);
    } else {
      sentences.push(
        'No live fine-tunable model the catalog can price is open to this workload; a self-hosted open model with your own training and GPU prices would be.',
      );
    }
  }
  return sentences;
}

function withTrainingData(input: DecisionInput, trainingData: Workload['trainingData']): DecisionInput {
  const liftsTooFew = trainingData.examples >= THRESHOLDS.minimumExamples;
  const strategies = Object.fromEntries(
    (Object.entries(input.strategies) as Array<[StrategyKey, StrategyCost]>).map(([key, cost]) => {
      if (key === 'prompt' || !liftsTooFew) return [key, cost];
      const blockers = cost.blockers.filter((blocker) => blocker.id !== 'too-few-examples');
      return [key, { ...cost, blockers, feasible: blockers.length === 0 }];
    }),
  ) as Record<StrategyKey, StrategyCost>;
  return { ...input, workload: { ...input.workload, trainingData }, strategies };
}

/**
 * Examples for the domain rule. The cost model is not re-run, so a larger training set's extra
 * training cost is not in this what-if; the sentence says "the scorecard" to stay honest about that.
 */
function examplesSentences(input: DecisionInput, scorecard: Scorecard): string[] {
  const { profile, trainingData } = input.workload;
  if (!isSpecialisedDomain(input) && !profile.regulated) return [];
  if (hasDomainData(input)) return [];
  const target = Math.max(trainingData.examples, THRESHOLDS.domainExamples);
  const quality = trainingData.quality === 'low' ? 'medium' : trainingData.quality;
  const changed = scoreDecision(withTrainingData(input, { ...trainingData, examples: target, quality })).recommendation;
  const needed =
    trainingData.examples < THRESHOLDS.domainExamples
      ? `${formatQuantity(THRESHOLDS.domainExamples - trainingData.examples, 'more medium- or high-quality training example')} (${formatCount(THRESHOLDS.domainExamples)} in all)`
      : `raising the ${formatCount(trainingData.examples)} training examples to medium quality`;
  if (changed !== scorecard.recommendation) {
    return [`With ${needed} the scorecard recommends ${changed}, before the larger training bill is priced in.`];
  }
  return [`With ${needed} the domain argument counts in full; on its own that keeps the recommendation at ${changed}.`];
}

function gateSentences(input: DecisionInput, scorecard: Scorecard): string[] {
  const { profile } = input.workload;
  const sentences: string[] = [];
  const describe = (changed: DecisionInput, condition: string) => {
    const recommendation = scoreDecision(changed).recommendation;
    sentences.push(
      recommendation === scorecard.recommendation
        ? `${condition} the recommendation would still be ${recommendation}.`
        : `${condition} the recommendation would be ${recommendation}.`,
    );
  };
  if (profile.stage === 'prototype') {
    describe(
      { ...input, workload: { ...input.workload, profile: { ...profile, stage: 'production' } } },
      'In production, with everything else unchanged,',
    );
  }
  if (profile.tasks >= THRESHOLDS.manyTasks && !isSpecialisedDomain(input)) {
    describe(
      { ...input, workload: { ...input.workload, profile: { ...profile, tasks: 1 } } },
      `Split so each model serves one task instead of ${formatCount(profile.tasks)},`,
    );
  }
  if (input.assumptions.mlExpertise === 'none' && profile.stage !== 'production') {
    describe(
      { ...input, assumptions: { ...input.assumptions, mlExpertise: 'some' } },
      'With some ML expertise on the team,',
    );
  }
  return sentences;
}

function latencySentences(input: DecisionInput): string[] {
  const target = input.workload.profile.latencyTargetMs;
  if (target === undefined) return [];
  const sentences: string[] = [];
  for (const strategy of ['prompt', 'fine-tune', 'hybrid'] as const) {
    const cost = input.strategies[strategyKey(strategy)];
    if (cost.latencyMs > target) {
      sentences.push(
        `${capitalise(strategyInProse(strategy))} meets the ${formatMs(target)} target once its ${formatMs(cost.latencyMs)} per request falls by ${formatMs(cost.latencyMs - target)} (a shorter prompt, fewer output tokens or a faster model).`,
      );
    }
  }
  return sentences;
}
