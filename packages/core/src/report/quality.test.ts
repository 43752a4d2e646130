import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StrategyCost, WorkloadReport } from '../model/types.js';
import { parseUsageFile } from '../parse/parse-usage-file.js';
import type { UsageFile } from '../schema/usage-file.js';
import { evaluate } from './evaluate.js';

// Hand-computed fixtures (issue 11, "Done when"). Both files share one invented model, example/round: $1 per 1M input
// tokens and $4 per 1M output tokens, prompted or fine-tuned; training $10 per 1M tokens. Engineering: $100 an hour,
// fine-tune set-up 10 h, upkeep 2 h a month, prompting 0 h; no retrain inside the 12 months; 400,000 requests/month
// flat. Per request: prompt (500 + 200) × $1 + 100 × $4 = $0.0011; fine-tune (0 + 200) × $1 + 100 × $4 = $0.0006.
// Fine-tune upfront: 1,000 examples × 500 tokens × 2 epochs × $10/1M = $10 of training + 10 h × $100 = $1,010.
// Average monthly without failures: prompt 400,000 × 0.0011 = $440; fine-tune 1,010 / 12 + 200 + 240 = $524.1667.
// Without quality the cost break-even is (1,010 / 12 + 200) / (0.0011 − 0.0006) = 568,333.3 → 568,334 requests/month.

function fixture(name: string): UsageFile {
  const text = readFileSync(new URL(`./__fixtures__/${name}.yml`, import.meta.url), 'utf8');
  return parseUsageFile(text, { fileName: `${name}.yml` }).usageFile;
}

const cents = (value: number) => Math.round(value * 100) / 100;

describe('failure cost flips a workload below its cost break-even to fine-tune (quality-flip.yml)', () => {
  // Evaluated before each test, not while the suite is collected: a report built outside every test makes each model
  // mutant on its path "static" to Stryker, which then runs every suite for it (TESTING.md, "Mutation testing").
  let workload: WorkloadReport;
  let prompt: StrategyCost;
  let fineTune: StrategyCost;
  let hybrid: StrategyCost;
  beforeEach(() => {
    workload = evaluate(fixture('quality-flip'), { asOf: '2026-12-01' }).workloads[0]!;
    ({ prompt, fineTune, hybrid } = workload.strategies);
  });

  it('is below break-even on running cost alone', () => {
    expect(prompt.averageMonthlyWithoutFailures).toBe(440);
    expect(cents(fineTune.averageMonthlyWithoutFailures!)).toBe(524.17);
  });

  it('adds v·(1−p)·failureCostUsd to each measured strategy, to the cent', () => {
    // prompt fails 1 − 431/500 = 13.8%: 400,000 × 0.138 × $0.40 = $22,080 a month; 440 + 22,080 = $22,520.
    expect(prompt.failureRate).toBe(0.138);
    expect(cents(prompt.failureMonthly![0]!)).toBe(22_080);
    expect(cents(prompt.averageMonthly)).toBe(22_520);
    // fine-tune fails 1 − 472/500 = 5.6%: 400,000 × 0.056 × $0.40 = $8,960 a month; 524.1667 + 8,960 = $9,484.17.
    expect(fineTune.failureRate).toBe(0.056);
    expect(cents(fineTune.failureMonthly![11]!)).toBe(8960);
    expect(cents(fineTune.averageMonthly)).toBe(9484.17);
    // total over 12 months: 1,010 + 12 × (200 + 240 + 8,960) = $113,810.
    expect(cents(fineTune.total)).toBe(113_810);
  });

  it('computes break-even and payback on the totals with failures', () => {
    // Slopes per request: prompt 0.0011 + 0.138 × 0.40 = 0.0563; fine-tune 0.0006 + 0.056 × 0.40 = 0.0230.
    // (1,010 / 12 + 200) / (0.0563 − 0.0230) = 284.1667 / 0.0333 = 8,533.5 → 8,534 requests/month.
    expect(workload.breakEven.requestsPerMonth).toBe(8534);
    // Month 1: prompt 22,520; fine-tune 1,010 + 200 + 240 + 8,960 = 10,410, already lower.
    expect(workload.breakEven.paybackMonth).toBe(1);
  });

  it('recommends fine-tune and sizes the difference in the workload’s own numbers', () => {
    expect(workload.recommendation).toBe('fine-tune');
    const quality = workload.factors.find((factor) => factor.id === 'measured-quality');
    // (0.138 − 0.056) × 400,000 × $0.40 = $13,120 a month.
    expect(quality?.reason).toBe(
      'Fine-tune fails 5.6% of 500 held-out cases against 13.8% for the prompt; at 400,000 requests/month and $0.40 per failure that is $13,120 a month saved by fine-tuning.',
    );
    expect(quality?.favors).toBe('fine-tune');
  });

  it('marks the unmeasured hybrid and keeps failures out of its cost and of the fine-tune-or-hybrid contest', () => {
    expect(workload.quality?.unmeasured).toEqual(['hybrid']);
    expect(hybrid.failureRate).toBeUndefined();
    expect(hybrid.failureMonthly).toBeUndefined();
    // Hybrid's $724 without failures is not set against fine-tune's $9,484 with them: the contest uses $524.
    expect(workload.factors.find((factor) => factor.id === 'variant-cost')?.reason).toContain('$724 against $524');
  });

  it('carries the pass rates with their 90% intervals and the comparison', () => {
    const rates = workload.quality!.passRates;
    expect(rates.prompt).toMatchObject({ passed: 431, total: 500, rate: 0.862 });
    expect(rates.fineTune!.low).toBeLessThan(0.944);
    expect(rates.fineTune!.high).toBeGreaterThan(0.944);
    expect(workload.quality!.comparisons[0]).toMatchObject({ strategy: 'fineTune', distinguishable: true });
  });
});

describe('an eval set too small to tell the strategies apart leaves the answer on cost (quality-too-close.yml)', () => {
  let workload: WorkloadReport;
  let prompt: StrategyCost;
  let fineTune: StrategyCost;
  beforeEach(() => {
    workload = evaluate(fixture('quality-too-close'), { asOf: '2026-12-01' }).workloads[0]!;
    ({ prompt, fineTune } = workload.strategies);
  });

  it('prices both at the prompt’s failure rate, so break-even stays the cost break-even', () => {
    // 474/500 against 470/500 is not distinguishable at 95%, so fine-tune is priced at the prompt's 6% too:
    // 400,000 × 0.06 × $0.40 = $9,600 a month each; prompt 440 + 9,600 = $10,040, fine-tune 524.17 + 9,600 = $10,124.17.
    expect(workload.quality!.comparisons[0]!.distinguishable).toBe(false);
    expect(prompt.failureRate).toBe(0.06);
    expect(fineTune.failureRate).toBe(0.06);
    expect(cents(prompt.averageMonthly)).toBe(10_040);
    expect(cents(fineTune.averageMonthly)).toBe(10_124.17);
    // Equal failure slopes cancel: 284.1667 / (0.0011 − 0.0006) = 568,333.3 → 568,334.
    expect(workload.breakEven.requestsPerMonth).toBe(568_334);
  });

  it('answers prompt on cost, with no quality factor and a next step saying how many cases to label', () => {
    expect(workload.recommendation).toBe('prompt');
    expect(workload.factors.map((factor) => factor.id)).not.toContain('measured-quality');
    // n = (1.6449·√(2·0.944·0.056) + 0.8416·√(0.948·0.052 + 0.94·0.06))² / 0.008²
    //   = (1.6449 × 0.32516 + 0.8416 × 0.32511)² / 0.000064 = 0.80846² / 0.000064 = 10,212.6 → 10,213 per strategy,
    // 10,213 − 500 = 9,713 more each.
    expect(workload.quality!.comparisons[0]!.casesPerStrategy).toBe(10_213);
    expect(workload.nextSteps[0]).toBe(
      'Quality is not yet distinguishable (fine-tune passes 94.8% of 500, the prompt 94.0% of 500): label about 9,713 more cases per strategy (10,213 each) to tell fine-tuning from prompting apart; until then the answer rests on cost.',
    );
  });
});

describe('the Monte Carlo draws pass rates with volume', () => {
  const withRange = (usageFile: UsageFile): UsageFile => ({
    ...usageFile,
    workloads: usageFile.workloads.map((workload) => ({
      ...workload,
      volume: { ...workload.volume, requestsPerMonth: { low: 2000, expected: 400_000, high: 800_000 } },
    })),
  });

  it('counts failure cost in P(fine-tune cheaper)', () => {
    const measured = withRange(fixture('quality-flip'));
    const unmeasured: UsageFile = {
      ...measured,
      workloads: measured.workloads.map(({ quality: _quality, ...workload }) => workload),
    };
    const options = { asOf: '2026-12-01', draws: 2000 };
    const withQuality = evaluate(measured, options).workloads[0]!.uncertainty!;
    const withoutQuality = evaluate(unmeasured, options).workloads[0]!.uncertainty!;
    // Without failures fine-tune is cheaper only above 568,334 (about a third of the triangle); with them from 8,534.
    expect(withoutQuality.fineTuneCheaperProbability).toBeLessThan(0.4);
    expect(withQuality.fineTuneCheaperProbability).toBeGreaterThan(0.95);
  });

  it('spreads an indistinguishable difference instead of pricing it at the point estimates', () => {
    const uncertainty = evaluate(withRange(fixture('quality-too-close')), { asOf: '2026-12-01', draws: 2000 })
      .workloads[0]!.uncertainty!;
    // The drawn gap in failure rate (about 0.8 ± 1.4 points) moves thousands of dollars a month either way.
    expect(uncertainty.fineTuneCheaperProbability).toBeGreaterThan(0.3);
    expect(uncertainty.fineTuneCheaperProbability).toBeLessThan(0.9);
  });
});

describe('a hybrid told apart from prompting but not from the fine-tune', () => {
  it('is priced at the fine-tune’s failure rate, so the fine-tune-or-hybrid contest is on cost', () => {
    // quality-flip.yml plus hybrid 474/500 (94.8%): against the fine-tune's 472/500 (94.4%) that is not distinguishable.
    const text = readFileSync(new URL('./__fixtures__/quality-flip.yml', import.meta.url), 'utf8');
    const usageFile = parseUsageFile(`${text}      hybrid: { passed: 474, total: 500 }\n`, {
      fileName: 'quality-flip.yml',
    }).usageFile;
    const workload = evaluate(usageFile, { asOf: '2026-12-01' }).workloads[0]!;
    expect(workload.quality!.comparisons.find((entry) => entry.strategy === 'hybrid')?.distinguishable).toBe(true);
    expect(workload.strategies.hybrid.failureRate).toBe(0.056);
    expect(workload.quality!.unmeasured).toEqual([]);
    // Hybrid 724.1667 + 8,960 = $9,684.17 against the fine-tune's $9,484.17: $200 apart, the prompt layer alone.
    expect(cents(workload.strategies.hybrid.averageMonthly)).toBe(9684.17);
  });
});
