import { describe, expect, it } from 'vitest';
import { billed, makeReport, makeWorkload } from './__fixtures__/reports.js';
import { diffReports } from './diff.js';
import { evaluateGatingPolicy, gatingPolicy } from './gating-policy.js';

/** A workload that runs prompt and is recommended to keep it, its bill `averageMonthly` dollars. */
function costing(averageMonthly: number) {
  const workload = makeWorkload('support-triage');
  workload.strategies.prompt = { ...workload.strategies.prompt, averageMonthly, total: averageMonthly * 12 };
  return billed(workload);
}

const strict = { failOn: { monthlyCostIncreasePercent: 20 } };

describe('gatingPolicy', () => {
  it('takes the base revision’s policy, so deleting it in the change while raising volume 5x still fails', () => {
    const base = makeReport([costing(1000)], { policy: strict });
    const head = makeReport([costing(5000)]);
    const diff = diffReports(base, head);
    expect(gatingPolicy(diff)).toEqual({ policy: strict, source: 'base', headPolicyAppliesAfterMerge: true });
    const verdict = evaluateGatingPolicy(diff);
    expect(verdict.passed).toBe(false);
    expect(verdict.violations).toEqual([expect.objectContaining({ rule: 'monthlyCostIncreasePercent', isNew: true })]);
    expect(verdict.message).toContain('the new one applies after merge');
  });

  it('does not let a loosened threshold pass the change, and does not apply a tightened one to it', () => {
    const base = makeReport([costing(1000)], { policy: strict });
    const loosened = diffReports(
      base,
      makeReport([costing(5000)], { policy: { failOn: { monthlyCostIncreasePercent: 1000 } } }),
    );
    expect(evaluateGatingPolicy(loosened).passed).toBe(false);
    const tightened = diffReports(
      base,
      makeReport([costing(1100)], { policy: { failOn: { monthlyCostIncreasePercent: 0 } } }),
    );
    expect(evaluateGatingPolicy(tightened).passed).toBe(true);
    expect(evaluateGatingPolicy(tightened).message).toContain('applies after merge');
  });

  it('takes the head’s policy when there is no base, and says nothing about merging when the policy is unchanged', () => {
    const head = makeReport([costing(5000)], { policy: strict });
    expect(gatingPolicy(diffReports(null, head))).toEqual({
      policy: strict,
      source: 'head',
      headPolicyAppliesAfterMerge: false,
    });
    const same = diffReports(
      makeReport([costing(1000)], { policy: strict }),
      makeReport([costing(1100)], { policy: strict }),
    );
    expect(gatingPolicy(same).headPolicyAppliesAfterMerge).toBe(false);
    expect(evaluateGatingPolicy(same).message).not.toContain('merge');
  });

  it('says a change that edits any rule of the policy — each of them alone — applies after merge', () => {
    const base = makeReport([costing(1000)], { policy: strict });
    const edits = [
      { monthlyCostIncreasePercent: 25 },
      { monthlyCostIncreasePercent: 20, monthlyCostIncreaseUsd: 500 },
      { monthlyCostIncreasePercent: 20, recommendationChange: true },
      { monthlyCostIncreasePercent: 20, passRateDropPoints: 2 },
    ];
    for (const failOn of edits) {
      const diff = diffReports(base, makeReport([costing(1000)], { policy: { failOn } }));
      expect(gatingPolicy(diff).headPolicyAppliesAfterMerge, JSON.stringify(failOn)).toBe(true);
      expect(evaluateGatingPolicy(diff).message).toContain('This change edits the policy');
    }
    // `recommendationChange: false` says what leaving it out says.
    const explicitFalse = { failOn: { monthlyCostIncreasePercent: 20, recommendationChange: false } };
    const unchanged = diffReports(base, makeReport([costing(1000)], { policy: explicitFalse }));
    expect(gatingPolicy(unchanged).headPolicyAppliesAfterMerge).toBe(false);
  });
});
