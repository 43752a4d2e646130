import type { Policy } from '../schema/usage-file.js';
import type { ReportDiff } from './diff.js';
import { evaluatePolicy, type PolicyVerdict } from './policy.js';

/** Which file's `policy` gates a change, and whether the change edits it. */
export interface GatingPolicy {
  /** The policy the change is judged by. */
  policy: Policy | undefined;
  /** `base` when there is a base report; `head` only when there is none (a usage file new in the change). */
  source: 'base' | 'head';
  /** The head's policy differs from the base's: it will gate changes after this one is merged, not this one. */
  headPolicyAppliesAfterMerge: boolean;
}

/**
 * The policy that gates a pull request: the BASE revision's, so a change cannot loosen (or delete) its own gate;
 * a changed head policy only applies after merge. Without a base report, the head's is all there is.
 */
export function gatingPolicy(diff: Pick<ReportDiff, 'base' | 'head'>): GatingPolicy {
  if (diff.base === null) return { policy: diff.head.policy, source: 'head', headPolicyAppliesAfterMerge: false };
  return {
    policy: diff.base.policy,
    source: 'base',
    headPolicyAppliesAfterMerge: !samePolicy(diff.base.policy, diff.head.policy),
  };
}

/**
 * {@link evaluatePolicy} with the {@link gatingPolicy} of the diff. When the change edits the policy, the verdict's
 * message says that the new policy applies after merge, so the comment, the text output and the JSON all show it.
 */
export function evaluateGatingPolicy(diff: ReportDiff, baseline?: PolicyVerdict | ReportDiff): PolicyVerdict {
  const gating = gatingPolicy(diff);
  const verdict = evaluatePolicy(diff, gating.policy, baseline);
  if (!gating.headPolicyAppliesAfterMerge) return verdict;
  return {
    ...verdict,
    message: `${verdict.message} This change edits the policy: the base revision's policy gates it, and the new one applies after merge.`,
  };
}

function samePolicy(left: Policy | undefined, right: Policy | undefined): boolean {
  const a = left?.failOn ?? {};
  const b = right?.failOn ?? {};
  return (
    a.monthlyCostIncreasePercent === b.monthlyCostIncreasePercent &&
    a.monthlyCostIncreaseUsd === b.monthlyCostIncreaseUsd &&
    a.passRateDropPoints === b.passRateDropPoints &&
    (a.recommendationChange ?? false) === (b.recommendationChange ?? false)
  );
}
