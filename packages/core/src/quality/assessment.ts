import { seedFromString } from '../model/random.js';
import type { QualityAssessment, QualityVersusPrompt, StrategyKey } from '../model/types.js';
import type { Quality } from '../schema/usage-file.js';
import { compareQuality, passRates } from './quality.js';

export type { QualityAssessment, QualityVersusPrompt } from '../model/types.js';

const cache = new WeakMap<Quality, QualityAssessment>();

/**
 * Assesses a `quality` block (cached per block: the cost model asks for it on every run). Failures are priced only
 * when prompting and fine-tuning were both measured, since the main comparison is between them: with either one
 * unmeasured, adding failures to one side alone would tilt it silently.
 */
export function assessQuality(quality: Quality): QualityAssessment {
  const known = cache.get(quality);
  if (known !== undefined) return known;
  const rates = passRates(quality);
  const comparisons: QualityVersusPrompt[] = [];
  const prompt = quality.prompt;
  for (const strategy of ['fineTune', 'hybrid'] as const) {
    const result = quality[strategy];
    if (prompt === undefined || result === undefined) continue;
    // Seeded from the results, so the same block gives the same answer in every run and process.
    const seed = seedFromString(`${strategy} ${result.passed}/${result.total} prompt ${prompt.passed}/${prompt.total}`);
    comparisons.push({ strategy, ...compareQuality(result, prompt, { seed }) });
  }
  const pricedFailureRates: Partial<Record<StrategyKey, number>> = {};
  const promptRate = rates.prompt?.rate;
  if (promptRate !== undefined && rates.fineTune !== undefined) {
    pricedFailureRates.prompt = 1 - promptRate;
    for (const comparison of comparisons) {
      const own = rates[comparison.strategy]?.rate ?? promptRate;
      pricedFailureRates[comparison.strategy] = 1 - (comparison.distinguishable ? own : promptRate);
    }
    // A hybrid told apart from prompting but not from the fine-tune is priced as the fine-tune is, so the
    // fine-tune-or-hybrid contest does not count a difference the eval set cannot show either.
    const { fineTune, hybrid } = quality;
    if (hybrid !== undefined && pricedFailureRates.hybrid !== pricedFailureRates.prompt && fineTune !== undefined) {
      const seed = seedFromString(
        `hybrid ${hybrid.passed}/${hybrid.total} fineTune ${fineTune.passed}/${fineTune.total}`,
      );
      if (!compareQuality(hybrid, fineTune, { seed }).distinguishable) {
        pricedFailureRates.hybrid = pricedFailureRates.fineTune;
      }
    }
  }
  const unmeasured = (['prompt', 'fineTune', 'hybrid'] as const).filter((strategy) => quality[strategy] === undefined);
  const assessment: QualityAssessment = {
    ...(quality.metric === undefined ? {} : { metric: quality.metric }),
    failureCostUsd: quality.failureCostUsd,
    passRates: rates,
    comparisons,
    pricedFailureRates,
    unmeasured,
  };
  cache.set(quality, assessment);
  return assessment;
}
