import { cacheableOn } from '../cost/cost-model.js';
import {
  formatCount,
  formatModelId,
  formatMs,
  formatQuantity,
  formatUsdWhole,
  strategyInProse,
} from '../format/index.js';
import { strategyKey } from '../model/strategies.js';
import { daysBetween, LATENCY_MISSED_BY_ALL } from './factors.js';
import { moreCasesStep } from './quality-factor.js';
import type { DecisionInput, Scorecard } from './types.js';
import { growthFactorOf } from './volume.js';
import { THRESHOLDS } from './weights.js';

const MAXIMUM_STEPS = 6;
/** Share of the training examples to hold out for evaluation. */
const HOLD_OUT_SHARE = 0.1;

/** A short checklist for the recommended strategy, 3 to 6 items, using the workload's numbers. */
export function nextSteps(input: DecisionInput, scorecard: Scorecard): string[] {
  const steps =
    scorecard.recommendation === 'none'
      ? [
          'No strategy is feasible as things stand: lift one of the blockers (what would change names how) and re-run tunewise check.',
        ]
      : scorecard.recommendation === 'prompt'
        ? promptSteps(input)
        : fineTuneSteps(input, scorecard);
  const missed = scorecard.factors.find((factor) => factor.id === LATENCY_MISSED_BY_ALL);
  const target = input.workload.profile.latencyTargetMs;
  if (missed !== undefined && target !== undefined) {
    const fastest = input.strategies[strategyKey(missed.favors)];
    steps.unshift(
      `No strategy meets the ${formatMs(target)} target: ${strategyInProse(missed.favors)}, the fastest, needs ${formatMs(fastest.latencyMs - target)} less per request (fewer output tokens, a shorter prompt, a smaller or faster model), or the target needs review.`,
    );
  }
  // An eval set too small to tell the strategies apart is the cheapest thing to fix, so it comes first.
  const moreCases = moreCasesStep(input);
  return (moreCases === undefined ? steps : [moreCases, ...steps]).slice(0, MAXIMUM_STEPS);
}

function staticPromptTokens(input: DecisionInput): number {
  return Math.max(0, input.strategies.prompt.promptTokens - input.workload.prompt.inputTokens);
}

function fineTuneSteps(input: DecisionInput, scorecard: Scorecard): string[] {
  const steps: string[] = [];
  const { examples, quality } = input.workload.trainingData;
  const strategy = scorecard.recommendation === 'hybrid' ? input.strategies.hybrid : input.strategies.fineTune;
  const model = formatModelId(strategy.model);

  if (examples < THRESHOLDS.domainExamples) {
    steps.push(
      `Collect and clean ${formatQuantity(THRESHOLDS.domainExamples - examples, 'more training example')} (${formatCount(THRESHOLDS.domainExamples)} in all) before the first run.`,
    );
  } else if (quality === 'low') {
    steps.push(
      `Clean the ${formatCount(examples)} training examples before the first run: a fine-tune learns their mistakes.`,
    );
  }
  const holdOut = Math.max(1, Math.round(Math.max(examples, THRESHOLDS.minimumExamples) * HOLD_OUT_SHARE));
  const evalResults = input.workload.quality;
  if (evalResults?.prompt !== undefined && evalResults.fineTune !== undefined) {
    steps.push(
      `Re-run the ${formatCount(evalResults.fineTune.total)}-case eval set on the trained model before moving traffic, and import the result with tunewise eval import.`,
    );
  } else
    steps.push(
      `Hold out about ${formatCount(holdOut)} examples as an evaluation set and compare the fine-tune with today's prompt on it before moving traffic.`,
    );

  const availableUntil = input.modelPrices?.fineTune?.fineTuning?.availableUntil;
  const epochs = input.workload.fineTune.epochs;
  const epochsPhrase = formatQuantity(epochs, 'epoch');
  // availableUntil is the last day a new training job can start (docs/lifecycle.md#the-dates): a job started on it still runs.
  const daysLeft = availableUntil ? daysBetween(input.asOf, availableUntil) : -1;
  steps.push(
    daysLeft === 0
      ? `Run the first training job on ${model} (${epochsPhrase}) today: ${availableUntil} is the last day a new training job can start.`
      : daysLeft > 0
        ? `Run the first training job on ${model} (${epochsPhrase}) by ${availableUntil} (the last day a new training job can start).`
        : `Run the first training job on ${model} (${epochsPhrase}).`,
  );

  const migration = strategy.migration;
  if (migration) {
    steps.push(
      `Plan the move to ${formatModelId(migration.to)} in month ${migration.month}: the fine-tune stops working when its base model retires.`,
    );
  }
  const retrainMonths = strategy.retrainMonths ?? [];
  if (retrainMonths.length > 0) {
    const every = retrainEvery(retrainMonths);
    const listed =
      retrainMonths.length <= 6
        ? `in month${retrainMonths.length === 1 ? '' : 's'} ${retrainMonths.join(', ')}`
        : every === 1
          ? 'every month'
          : `every ${formatQuantity(every, 'month')}`;
    steps.push(`Schedule retrains ${listed} and re-run the evaluation set after each.`);
  }
  if (scorecard.recommendation === 'hybrid') {
    const layerTokens = Math.max(0, strategy.promptTokens - input.workload.prompt.inputTokens);
    steps.push(
      `Keep the ${formatCount(layerTokens)}-token prompt layer for what varies between tasks or weeks; move what is stable into the training data.`,
    );
  }
  steps.push(
    'Keep the prompt version as a fallback and confirm real volume and cost after launch with tunewise usage import.',
  );
  return steps;
}

function retrainEvery(months: readonly number[]): number {
  return months.length >= 2 ? months[1]! - months[0]! : 1;
}

/** Caching advice assumes half the requests hit the cache, and is given only above both of these savings. */
const CACHE_ADVICE_HIT_RATE = 0.5;
const CACHE_ADVICE_MINIMUM_USD = 50;
const CACHE_ADVICE_MINIMUM_SHARE = 0.05;

function promptSteps(input: DecisionInput): string[] {
  const steps: string[] = [];
  const { profile, trainingData, prompt } = input.workload;
  const promptModel = input.modelPrices?.prompt;
  const staticTokens = staticPromptTokens(input);

  if (profile.stage === 'prototype') {
    steps.push('Validate the task with prompts first; re-run this check when the workload reaches production.');
  }
  const promptMigration = input.strategies.prompt.migration;
  if (promptMigration !== undefined) {
    steps.push(
      `Move the prompt to ${formatModelId(promptMigration.to)} by month ${promptMigration.month} and re-run its regression set there: ${formatModelId(input.workload.model)} retires.`,
    );
  }
  const cachedInput = promptModel?.cachedInput;
  if (prompt.cacheHitRate === 0 && promptModel !== undefined && cachedInput !== undefined) {
    // Advice only where the provider caches a prefix this long and half the requests hitting it saves real money.
    const saving =
      (input.requestsPerMonth * staticTokens * CACHE_ADVICE_HIT_RATE * (promptModel.input - cachedInput)) / 1e6;
    if (
      cacheableOn(promptModel, staticTokens) &&
      saving >= CACHE_ADVICE_MINIMUM_USD &&
      saving >= CACHE_ADVICE_MINIMUM_SHARE * input.strategies.prompt.averageMonthly
    ) {
      steps.push(
        `Cache the ${formatCount(staticTokens)}-token static prefix: this model bills cached input at ${formatUsdWhole(cachedInput)} per 1M tokens against ${formatUsdWhole(promptModel.input)}, about ${formatUsdWhole(saving)} a month saved if half the requests hit the cache.`,
      );
    }
  }
  const target = profile.latencyTargetMs;
  const promptLatency = input.strategies.prompt.latencyMs;
  if (target !== undefined && promptLatency > target) {
    steps.push(
      `Cut ${formatMs(promptLatency - target)} from the prompt path to meet the ${formatMs(target)} target: shorter static context, fewer output tokens or a faster model.`,
    );
  }
  steps.push(
    `Measure volume and tokens with tunewise usage import: this answer rests on an estimated ${formatCount(input.requestsPerMonth)} requests/month.`,
  );
  const breakEven = input.breakEven.requestsPerMonth;
  // With growth the break-even (an average volume) is reached from a lower month-1 volume.
  const startingBreakEven = breakEven === null ? null : breakEven / growthFactorOf(input);
  if (startingBreakEven !== null && startingBreakEven > input.requestsPerMonth && input.strategies.fineTune.feasible) {
    steps.push(
      `Re-check when volume nears ${formatCount(Math.ceil(startingBreakEven))} requests/month, where fine-tuning becomes cheaper.`,
    );
  }
  if (trainingData.examples < THRESHOLDS.domainExamples) {
    const targets =
      trainingData.examples < THRESHOLDS.minimumExamples
        ? `${formatCount(THRESHOLDS.minimumExamples)} make fine-tuning possible and ${formatCount(THRESHOLDS.domainExamples)} make it dependable`
        : `${formatCount(THRESHOLDS.domainExamples)} make a fine-tune dependable`;
    steps.push(
      `Log reviewed inputs and outputs as labelled examples: ${formatCount(trainingData.examples)} today, ${targets}.`,
    );
  }
  steps.push('Version the prompt with the code and keep a small regression set that every prompt change must pass.');
  if (steps.length < 3) {
    steps.push(
      'Run tunewise check on every pull request that edits prompts or this usage file, so cost changes show in review.',
    );
  }
  return steps;
}
