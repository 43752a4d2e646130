import {
  capitalise,
  formatCount,
  formatQuantity,
  formatRate,
  formatUsd,
  formatUsdWhole,
  strategyInProse,
} from '../format/index.js';
import type { QualityVersusPrompt } from '../model/types.js';
import { assessQuality } from '../quality/assessment.js';
import type { DecisionInput, ScoredFactor } from './types.js';
import { WEIGHTS } from './weights.js';

/** Fine-tune against prompting on the team's own eval set, when both were measured. */
function fineTuneVersusPrompt(input: DecisionInput): QualityVersusPrompt | undefined {
  const { quality } = input.workload;
  if (quality === undefined) return undefined;
  return assessQuality(quality).comparisons.find((comparison) => comparison.strategy === 'fineTune');
}

/**
 * A distinguishable quality difference between fine-tune and prompting, sized in the workload's own numbers
 * (docs/decision.md#measured-quality). Its money is already in both strategies' costs (the failure line), so the
 * factor itself weighs little: it names the difference rather than counting it twice. An indistinguishable
 * difference gives no factor; the next steps say how many more cases would settle it.
 */
export function measuredQualityFactor(input: DecisionInput): ScoredFactor | null {
  const comparison = fineTuneVersusPrompt(input);
  const quality = input.workload.quality;
  if (comparison === undefined || quality === undefined || !comparison.distinguishable) return null;
  const fineTune = quality.fineTune!;
  const prompt = quality.prompt!;
  const fineTuneFails = 1 - fineTune.passed / fineTune.total;
  const promptFails = 1 - prompt.passed / prompt.total;
  const better = fineTuneFails < promptFails ? 'fine-tune' : 'prompt';
  const cases =
    fineTune.total === prompt.total
      ? `${formatRate(fineTuneFails)} of ${formatQuantity(fineTune.total, 'held-out case')} against ${formatRate(promptFails)} for the prompt`
      : `${formatRate(fineTuneFails)} of ${formatQuantity(fineTune.total, 'held-out case')} against ${formatRate(promptFails)} of ${formatCount(prompt.total)} for the prompt`;
  const monthly = input.requestsPerMonth * Math.abs(promptFails - fineTuneFails) * quality.failureCostUsd;
  const size =
    quality.failureCostUsd > 0
      ? `at ${formatCount(input.requestsPerMonth)} requests/month and ${formatUsd(quality.failureCostUsd)} per failure that is ${formatUsdWhole(monthly)} a month ${better === 'fine-tune' ? 'saved' : 'lost'} by fine-tuning`
      : 'with no quality.failureCostUsd given, the difference is not priced';
  return {
    id: 'measured-quality',
    favors: better,
    weight: WEIGHTS.measuredQuality,
    reason: `Fine-tune fails ${cases}; ${size}.`,
    scope: 'main',
  };
}

/** The next step when the eval set cannot yet tell fine-tune from prompting: how many more cases to label. */
export function moreCasesStep(input: DecisionInput): string | undefined {
  const comparison = fineTuneVersusPrompt(input);
  const quality = input.workload.quality;
  if (comparison === undefined || quality === undefined || comparison.distinguishable) return undefined;
  const fineTune = quality.fineTune!;
  const prompt = quality.prompt!;
  const rates = `fine-tune passes ${formatRate(fineTune.passed / fineTune.total)} of ${formatCount(fineTune.total)}, the prompt ${formatRate(prompt.passed / prompt.total)} of ${formatCount(prompt.total)}`;
  if (comparison.casesPerStrategy === undefined || comparison.moreCases === undefined) {
    return `${capitalise(rates)}: the same rate, so the eval set cannot tell them apart; the answer rests on cost.`;
  }
  const more = Math.max(comparison.moreCases.a, comparison.moreCases.b);
  if (more === 0) {
    return `Quality is not yet distinguishable at 95% (${rates}), though a gap this size is usually found with ${formatCount(comparison.casesPerStrategy)} cases each: label more cases and re-run both before counting it; until then the answer rests on cost.`;
  }
  return `Quality is not yet distinguishable (${rates}): label about ${formatQuantity(more, 'more case')} per strategy (${formatCount(comparison.casesPerStrategy)} each) to tell ${strategyInProse('fine-tune')} from ${strategyInProse('prompt')} apart; until then the answer rests on cost.`;
}
