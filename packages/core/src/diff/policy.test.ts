import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../model/types.js';
import { parseUsageFile } from '../parse/parse-usage-file.js';
import { evaluate } from '../report/evaluate.js';
import {
  billed,
  makeReport,
  makeWorkload,
  supportBotBeforeTraining,
  supportBotWorkload,
} from './__fixtures__/reports.js';
import { diffReports } from './diff.js';
import { evaluatePolicy } from './policy.js';

/** A workload that runs prompt today and is recommended to keep it, its bill `averageMonthly` dollars. */
function workloadCosting(id: string, averageMonthly: number) {
  const workload = makeWorkload(id);
  workload.strategies.prompt = { ...workload.strategies.prompt, averageMonthly, total: averageMonthly * 12 };
  return billed(workload);
}

const base = makeReport([workloadCosting('a', 1000)]);
const plus25Percent = makeReport([workloadCosting('a', 1250)]);

describe('evaluatePolicy', () => {
  it('passes with no policy or no rules', () => {
    const diff = diffReports(base, plus25Percent);
    expect(evaluatePolicy(diff, undefined)).toMatchObject({ passed: true, violations: [], rules: [] });
    expect(evaluatePolicy(diff, { failOn: {} }).passed).toBe(true);
    expect(evaluatePolicy(diff, { failOn: { recommendationChange: false } }).rules).toEqual([]);
  });

  it('fails monthlyCostIncreasePercent only above the threshold', () => {
    const diff = diffReports(base, plus25Percent);
    const failed = evaluatePolicy(diff, { failOn: { monthlyCostIncreasePercent: 20 } });
    expect(failed.passed).toBe(false);
    expect(failed.violations).toEqual([expect.objectContaining({ rule: 'monthlyCostIncreasePercent', isNew: true })]);
    expect(failed.violations[0]?.message).toContain('$1,000.00 to $1,250.00');
    expect(failed.violations[0]?.message).toContain('+25.0%');
    expect(evaluatePolicy(diff, { failOn: { monthlyCostIncreasePercent: 25 } }).passed).toBe(true);
    expect(evaluatePolicy(diff, { failOn: { monthlyCostIncreasePercent: 30 } }).passed).toBe(true);
  });

  it('fails monthlyCostIncreaseUsd only above the threshold', () => {
    const diff = diffReports(base, plus25Percent);
    expect(evaluatePolicy(diff, { failOn: { monthlyCostIncreaseUsd: 249.99 } }).violations).toEqual([
      expect.objectContaining({ rule: 'monthlyCostIncreaseUsd', isNew: true }),
    ]);
    expect(evaluatePolicy(diff, { failOn: { monthlyCostIncreaseUsd: 250 } }).passed).toBe(true);
  });

  it('measures the bill (what runs today), not the recommended cost', () => {
    // support-bot runs prompt and is recommended fine-tune: prompting dearer by $500 a month moves only the bill.
    const dearer = supportBotWorkload();
    const prompt = dearer.strategies.prompt;
    dearer.strategies.prompt = { ...prompt, averageMonthly: prompt.averageMonthly + 500, total: prompt.total + 6000 };
    const diff = diffReports(makeReport([supportBotWorkload()]), makeReport([billed(dearer)]));
    expect(diff.totals.averageMonthly.delta).toBe(0);
    expect(diff.totals.bill.delta).toBeCloseTo(500, 6);
    const verdict = evaluatePolicy(diff, { failOn: { monthlyCostIncreaseUsd: 100 } });
    expect(verdict.violations).toEqual([expect.objectContaining({ rule: 'monthlyCostIncreaseUsd', isNew: true })]);
    expect(verdict.violations[0]?.message).toContain('The monthly bill rises more than $100.00');
  });

  it('names the rules that hold', () => {
    const verdict = evaluatePolicy(diffReports(base, base), {
      failOn: { monthlyCostIncreasePercent: 10, recommendationChange: true },
    });
    expect(verdict.message).toBe('Policy passed: the monthly bill rises no more than 10%; no recommendation changes.');
  });

  it('never fails an increase rule on a decrease, and 0 means any increase', () => {
    const decrease = diffReports(plus25Percent, base);
    expect(
      evaluatePolicy(decrease, { failOn: { monthlyCostIncreasePercent: 0, monthlyCostIncreaseUsd: 0 } }).passed,
    ).toBe(true);
    const tiny = diffReports(base, makeReport([workloadCosting('a', 1000.02)]));
    expect(evaluatePolicy(tiny, { failOn: { monthlyCostIncreaseUsd: 0 } }).passed).toBe(false);
  });

  it('treats a rise from a zero base total as beyond any percent threshold', () => {
    const zeroBase = makeReport([workloadCosting('a', 0)]);
    const verdict = evaluatePolicy(diffReports(zeroBase, plus25Percent), {
      failOn: { monthlyCostIncreasePercent: 1000 },
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.violations[0]?.message).toContain('n/a');
  });

  it('fails recommendationChange per changed workload, not for added or removed ones', () => {
    const baseReport = makeReport([supportBotBeforeTraining(), makeWorkload('gone')]);
    const headReport = makeReport([supportBotWorkload(), makeWorkload('new', { recommendation: 'fine-tune' })]);
    const verdict = evaluatePolicy(diffReports(baseReport, headReport), { failOn: { recommendationChange: true } });
    expect(verdict.passed).toBe(false);
    expect(verdict.violations).toEqual([
      {
        rule: 'recommendationChange',
        workloadId: 'support-bot',
        message: 'Workload "support-bot" changes its recommendation from prompt to fine-tune.',
        isNew: true,
      },
    ]);
  });

  it('never fails a first report, and says so', () => {
    const verdict = evaluatePolicy(diffReports(null, plus25Percent), {
      failOn: { monthlyCostIncreasePercent: 0, monthlyCostIncreaseUsd: 0, recommendationChange: true },
    });
    expect(verdict.passed).toBe(true);
    expect(verdict.violations).toEqual([]);
    expect(verdict.message).toMatch(/^First report/);
    expect(verdict.rules).toEqual(['monthlyCostIncreasePercent', 'monthlyCostIncreaseUsd', 'recommendationChange']);
  });

  it('reports violations that already held on the base but fails only on new ones', () => {
    const policy = { failOn: { monthlyCostIncreasePercent: 10, recommendationChange: true } };
    // The base itself had come from a +25% change, and had flipped workload "b".
    const olderBase = makeReport([workloadCosting('a', 800), makeWorkload('b')]);
    const baseReport = makeReport([workloadCosting('a', 1000), makeWorkload('b', { recommendation: 'hybrid' })]);
    const baseDiff = diffReports(olderBase, baseReport);
    expect(evaluatePolicy(baseDiff, policy).violations.map((violation) => violation.rule)).toEqual([
      'monthlyCostIncreasePercent',
      'recommendationChange',
    ]);

    // Head: the total rises by more than 10% again and "b" flips again (both already flagged on the base).
    const headReport = makeReport([workloadCosting('a', 3000), makeWorkload('b', { recommendation: 'fine-tune' })]);
    const inherited = evaluatePolicy(diffReports(baseReport, headReport), policy, baseDiff);
    expect(inherited.passed).toBe(true);
    expect(inherited.violations.map((violation) => violation.isNew)).toEqual([false, false]);
    expect(inherited.message).toContain('already held on the base');

    // A verdict works as a baseline too; a workload the base did not flag is new.
    const baseVerdict = evaluatePolicy(
      diffReports(olderBase, makeReport([workloadCosting('a', 1000), makeWorkload('b')])),
      policy,
    );
    const fresh = evaluatePolicy(diffReports(baseReport, headReport), policy, baseVerdict);
    expect(fresh.passed).toBe(false);
    expect(fresh.violations).toEqual([
      expect.objectContaining({ rule: 'monthlyCostIncreasePercent', isNew: false }),
      expect.objectContaining({ rule: 'recommendationChange', workloadId: 'b', isNew: true }),
    ]);
    expect(fresh.message).toBe('Policy failed: 1 new violation (and 1 already on the base).');
  });

  it('treats every violation as new without a baseline', () => {
    const verdict = evaluatePolicy(diffReports(base, plus25Percent), { failOn: { monthlyCostIncreasePercent: 5 } });
    expect(verdict.violations.every((violation) => violation.isNew)).toBe(true);
    expect(verdict.message).toBe('Policy failed: 1 new violation.');
  });

  it('does not fail a cost-only policy when a recommendation flips (recommendationChange is opt-in)', () => {
    const baseReport = makeReport([supportBotBeforeTraining()]);
    const headReport = makeReport([supportBotWorkload()]);
    const diff = diffReports(baseReport, headReport);
    const costOnly = evaluatePolicy(diff, { failOn: { monthlyCostIncreaseUsd: 1_000_000 } });
    expect(costOnly.rules).toEqual(['monthlyCostIncreaseUsd']);
    expect(costOnly.violations).toEqual([]);
    expect(costOnly.passed).toBe(true);
    expect(costOnly.message).toBe('Policy passed: the monthly bill rises no more than $1,000,000.00.');
    const explicitlyOff = evaluatePolicy(diff, {
      failOn: { monthlyCostIncreaseUsd: 1_000_000, recommendationChange: false },
    });
    expect(explicitlyOff.violations).toEqual([]);
  });

  it('says there is nothing to fail when no rule is set, even when the cost rises', () => {
    const verdict = evaluatePolicy(diffReports(base, plus25Percent), { failOn: {} });
    expect(verdict.message).toBe('No policy rules are set (policy.failOn), so nothing can fail.');
  });

  it('a flip already on the baseline for one workload does not hide a new flip of another', () => {
    const policy = { failOn: { recommendationChange: true } };
    const older = makeReport([makeWorkload('a'), makeWorkload('b')]);
    const baseReport = makeReport([makeWorkload('a', { recommendation: 'hybrid' }), makeWorkload('b')]);
    const headReport = makeReport([
      makeWorkload('a', { recommendation: 'fine-tune' }),
      makeWorkload('b', { recommendation: 'fine-tune' }),
    ]);
    const verdict = evaluatePolicy(diffReports(baseReport, headReport), policy, diffReports(older, baseReport));
    expect(verdict.violations).toEqual([
      expect.objectContaining({ rule: 'recommendationChange', workloadId: 'a', isNew: false }),
      expect.objectContaining({ rule: 'recommendationChange', workloadId: 'b', isNew: true }),
    ]);
    expect(verdict.passed).toBe(false);
    expect(verdict.message).toBe('Policy failed: 1 new violation (and 1 already on the base).');
  });

  it('passes two zero totals under the percent rule: nothing rose, so nothing rose without bound', () => {
    const zero = makeReport([workloadCosting('a', 0)]);
    const verdict = evaluatePolicy(diffReports(zero, makeReport([workloadCosting('a', 0)])), {
      failOn: { monthlyCostIncreasePercent: 0 },
    });
    expect(verdict.passed).toBe(true);
    expect(verdict.violations).toEqual([]);
  });

  it('names the threshold in each message and counts violations in words', () => {
    const diff = diffReports(base, plus25Percent);
    const usd = evaluatePolicy(diff, { failOn: { monthlyCostIncreaseUsd: 100 } });
    expect(usd.violations[0]?.message).toBe(
      'The monthly bill rises more than $100.00: $1,000.00 to $1,250.00 a month (+$250.00, +25.0%).',
    );
    const bothRules = { failOn: { monthlyCostIncreasePercent: 10, monthlyCostIncreaseUsd: 100 } };
    expect(evaluatePolicy(diff, bothRules).message).toBe('Policy failed: 2 new violations.');
    const held = evaluatePolicy(diff, { failOn: { monthlyCostIncreasePercent: 30, monthlyCostIncreaseUsd: 300 } });
    expect(held.message).toBe(
      'Policy passed: the monthly bill rises no more than 30%; the monthly bill rises no more than $300.00.',
    );
    const twoInherited = evaluatePolicy(diff, bothRules, diff);
    expect(twoInherited.message).toBe('Policy passed: 2 violations already held on the base, none is new.');
    const oneInherited = evaluatePolicy(diff, { failOn: { monthlyCostIncreaseUsd: 100 } }, diff);
    expect(oneInherited.message).toBe('Policy passed: 1 violation already held on the base, none is new.');
  });
});

describe('passRateDropPoints', () => {
  // Real reports of report/__fixtures__/quality-flip.yml (fine-tune recommended, 472/500 = 94.4% passed) with the
  // fine-tune's eval result edited on the head.
  const flip = readFileSync(new URL('../report/__fixtures__/quality-flip.yml', import.meta.url), 'utf8');
  const reportWith = (fineTunePassed: number) =>
    evaluate(
      parseUsageFile(flip.replace('fineTune: { passed: 472', `fineTune: { passed: ${fineTunePassed}`), {
        fileName: 'quality-flip.yml',
      }).usageFile,
      { asOf: '2026-12-01' },
    );
  // Built before each test, not while the suite is collected (see report/quality.test.ts).
  let base: Report;
  beforeEach(() => {
    base = reportWith(472);
  });

  it('fails a distinguishable drop of more than N points in the recommended strategy', () => {
    // 472/500 → 455/500: 94.4% → 91.0%, 3.4 points; P(base higher) is about 0.98.
    const diff = diffReports(base, reportWith(455));
    const failed = evaluatePolicy(diff, { failOn: { passRateDropPoints: 2 } });
    expect(failed.rules).toEqual(['passRateDropPoints']);
    expect(failed.passed).toBe(false);
    expect(failed.violations).toEqual([
      expect.objectContaining({ rule: 'passRateDropPoints', workloadId: 'ticket-triage', isNew: true }),
    ]);
    expect(failed.violations[0]!.message).toContain('falls from 94.4% to 91.0% (472/500 to 455/500), 3.4 points');
    expect(evaluatePolicy(diff, { failOn: { passRateDropPoints: 3.4 } }).passed).toBe(true);
  });

  it('fails a drop whose probability is exactly 0.95', () => {
    // Fine-tune 420/500 → 400/500 (84.0% → 80.0%) with the prompt at 380/500, so fine-tune stays recommended: 4 points,
    // and 19,000 of the 20,000 seeded draws put the base higher (quality/quality.test.ts finds the same 0.95).
    const withPrompt380 = (fineTunePassed: number) =>
      evaluate(
        parseUsageFile(
          flip
            .replace('prompt: { passed: 431', 'prompt: { passed: 380')
            .replace('fineTune: { passed: 472', `fineTune: { passed: ${fineTunePassed}`),
          { fileName: 'quality-flip.yml' },
        ).usageFile,
        { asOf: '2026-12-01' },
      );
    const verdict = evaluatePolicy(diffReports(withPrompt380(420), withPrompt380(400)), {
      failOn: { passRateDropPoints: 3 },
    });
    expect(verdict.passed).toBe(false);
    expect(verdict.violations[0]!.message).toContain(
      '4.0 points against a limit of 3, and the drop is distinguishable',
    );
  });

  it('names the rule that held when nothing drops', () => {
    expect(evaluatePolicy(diffReports(base, reportWith(472)), { failOn: { passRateDropPoints: 2 } }).message).toBe(
      "Policy passed: no recommended strategy's measured pass rate falls more than 2 points.",
    );
  });

  it('lets a drop the eval set cannot tell from noise pass, whatever its size in points', () => {
    // 472/500 → 468/500: 0.8 points, P(base higher) about 0.7.
    expect(evaluatePolicy(diffReports(base, reportWith(468)), { failOn: { passRateDropPoints: 0.5 } }).passed).toBe(
      true,
    );
  });

  it('checks the strategy recommended on the base too, when the drop moves the answer away from it', () => {
    // 472/500 → 440/500 (88.0%): no longer distinguishable from the prompt's 86.2%, so the head recommends prompt.
    const head = reportWith(440);
    expect(head.workloads[0]!.recommendation).toBe('prompt');
    const verdict = evaluatePolicy(diffReports(base, head), { failOn: { passRateDropPoints: 2 } });
    expect(verdict.violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining('recommended fine-tune'),
    ]);
  });
});
