import {
  formatCount,
  formatRate,
  formatShare,
  formatSignedPercent,
  formatSignedUsd,
  formatUsd,
  strategyLabel,
} from '../format/index.js';
import { strategyKey } from '../model/strategies.js';
import type { PassRate, StrategyKey } from '../model/types.js';
import { DISTINGUISHABLE_AT, probabilityHigher } from '../quality/quality.js';
import type { Policy } from '../schema/usage-file.js';
import type { ReportDiff } from './diff.js';

/** A rule of the usage file's `policy.failOn`. */
export type PolicyRule =
  | 'monthlyCostIncreasePercent'
  | 'monthlyCostIncreaseUsd'
  | 'recommendationChange'
  | 'passRateDropPoints';

/** One rule of the policy that the change breaks, with a message for humans. */
export interface PolicyViolation {
  rule: PolicyRule;
  /** Set for per-workload rules (recommendationChange, passRateDropPoints). */
  workloadId?: string;
  /** Plain text; renderers escape it. */
  message: string;
  /** False when the same violation already held on the base (see `evaluatePolicy`); only new ones fail. */
  isNew: boolean;
}

/** What {@link evaluatePolicy} returns: whether the change passes the policy, the violations, and the rules checked. */
export interface PolicyVerdict {
  passed: boolean;
  violations: PolicyViolation[];
  /** Rules the head file's policy turned on, in a fixed order. */
  rules: PolicyRule[];
  /** One sentence for a human: what was checked and why it passed or failed. */
  message: string;
}

/**
 * Apply a `policy.failOn` to a diff. To judge a pull request, use `evaluateGatingPolicy` (gating-policy.ts), which takes the
 * BASE revision's policy (so a change cannot loosen its own gate); this applies whichever policy it is given.
 *
 * - monthlyCostIncreasePercent / monthlyCostIncreaseUsd: on the bill (what runs today, `totals.bill`), head against
 *   base; violated when the increase is strictly greater than the threshold (so 0 means "any increase", at
 *   cent / 0.1-percentage-point resolution). A base total of 0 with a higher head total is an unbounded
 *   percentage increase and violates the percent rule.
 * - recommendationChange: each workload present on both sides whose recommendation differs (added and removed
 *   workloads are not changes of recommendation).
 * - passRateDropPoints: each workload on both sides whose head-recommended strategy was measured on both, when its
 *   pass rate falls by more than the threshold (percentage points) and the base's result is higher than the
 *   head's with probability ≥ 0.95 (seeded draws, as every quality comparison): a drop the eval set cannot tell
 *   from noise does not fail.
 * - First report (no base, or a base without workloads): nothing to compare, so no rule can be violated; the
 *   verdict's message says so. Cost increases are never measured against zero.
 *
 * Only new violations fail. A diff compares head with base, so everything it finds is, by construction,
 * introduced by the change — unless the caller knows the base was already in violation: pass `baseline`, the
 * verdict (or the diff, evaluated here with the same policy) of the base against ITS own base (e.g. the
 * previous report kept for the target branch). A head violation of the same rule — and, for per-workload
 * rules, the same workload — as a baseline violation is then reported with `isNew: false` and does not fail.
 * Without a baseline every violation is new.
 *
 * @example
 * ```ts
 * import { diffReports, evaluatePolicy } from '@tunewise/core';
 *
 * const diff = diffReports(baseReport, headReport);
 * const verdict = evaluatePolicy(diff, headFile.policy);
 * if (!verdict.passed) {
 *   console.error(verdict.message);
 *   process.exitCode = 1;
 * }
 * ```
 */
export function evaluatePolicy(
  diff: ReportDiff,
  policy: Policy | undefined,
  baseline?: PolicyVerdict | ReportDiff,
): PolicyVerdict {
  const failOn = policy?.failOn ?? {};
  const rules: PolicyRule[] = [];
  if (failOn.monthlyCostIncreasePercent !== undefined) rules.push('monthlyCostIncreasePercent');
  if (failOn.monthlyCostIncreaseUsd !== undefined) rules.push('monthlyCostIncreaseUsd');
  if (failOn.recommendationChange === true) rules.push('recommendationChange');
  if (failOn.passRateDropPoints !== undefined) rules.push('passRateDropPoints');

  if (rules.length === 0) {
    return {
      passed: true,
      violations: [],
      rules,
      message: 'No policy rules are set (policy.failOn), so nothing can fail.',
    };
  }
  if (diff.isFirstReport) {
    return {
      passed: true,
      violations: [],
      rules,
      message: 'First report: there is no base to compare with, so the policy rules pass until the next change.',
    };
  }

  const found: Array<Omit<PolicyViolation, 'isNew'>> = [];
  const total = diff.totals.bill;
  const deltaCents = Math.round(total.delta * 100) / 100;
  const change = `${formatUsd(total.base)} to ${formatUsd(total.head)} a month (${formatSignedUsd(total.delta)}, ${formatSignedPercent(total.percent)})`;

  const percentLimit = failOn.monthlyCostIncreasePercent;
  if (percentLimit !== undefined && deltaCents > 0) {
    const percent = total.percent === null ? Number.POSITIVE_INFINITY : Math.round(total.percent * 10) / 10;
    if (percent > percentLimit) {
      found.push({
        rule: 'monthlyCostIncreasePercent',
        message: `The monthly bill rises more than ${percentLimit}%: ${change}.`,
      });
    }
  }
  const usdLimit = failOn.monthlyCostIncreaseUsd;
  if (usdLimit !== undefined && deltaCents > usdLimit) {
    found.push({
      rule: 'monthlyCostIncreaseUsd',
      message: `The monthly bill rises more than ${formatUsd(usdLimit)}: ${change}.`,
    });
  }
  if (failOn.recommendationChange === true) {
    for (const workload of diff.workloads) {
      if (!workload.recommendationChanged || !workload.base || !workload.head) continue;
      found.push({
        rule: 'recommendationChange',
        workloadId: workload.id,
        message: `Workload "${workload.id}" changes its recommendation from ${workload.base.recommendation} to ${workload.head.recommendation}.`,
      });
    }
  }

  if (failOn.passRateDropPoints !== undefined) found.push(...passRateDrops(diff, failOn.passRateDropPoints));

  const baselineVerdict =
    baseline === undefined ? undefined : 'kind' in baseline ? evaluatePolicy(baseline, policy) : baseline;
  const inherited = new Set((baselineVerdict?.violations ?? []).map(violationKey));
  const violations = found.map((violation) => ({ ...violation, isNew: !inherited.has(violationKey(violation)) }));
  const newCount = violations.filter((violation) => violation.isNew).length;
  const oldCount = violations.length - newCount;
  const passed = newCount === 0;

  let message: string;
  if (violations.length === 0) message = `Policy passed: ${rules.map(ruleSummary(failOn)).join('; ')}.`;
  else if (passed)
    message = `Policy passed: ${oldCount} violation${oldCount === 1 ? '' : 's'} already held on the base, none is new.`;
  else
    message = `Policy failed: ${newCount} new violation${newCount === 1 ? '' : 's'}${oldCount > 0 ? ` (and ${oldCount} already on the base)` : ''}.`;
  return { passed, violations, rules, message };
}

/** Workloads whose recommended strategy's measured pass rate falls by more than `limitPoints`, distinguishably. */
function passRateDrops(diff: ReportDiff, limitPoints: number): Array<Omit<PolicyViolation, 'isNew'>> {
  const found: Array<Omit<PolicyViolation, 'isNew'>> = [];
  const baseById = new Map((diff.base?.workloads ?? []).map((workload) => [workload.id, workload]));
  for (const head of diff.head.workloads) {
    const base = baseById.get(head.id);
    // The strategy recommended on either side: a drop that also moves the answer away from it still counts.
    // A `none` recommendation has no strategy of its own: no pass rate of it can drop.
    const recommended = [head.recommendation, base?.recommendation ?? head.recommendation].filter(
      (recommendation) => recommendation !== 'none',
    );
    const keys = new Set(recommended.map(strategyKey));
    for (const key of keys) {
      const before = base?.quality?.passRates[key];
      const after = head.quality?.passRates[key];
      if (before === undefined || after === undefined) continue;
      const violation = passRateDrop(head.id, key, before, after, limitPoints);
      if (violation !== undefined) found.push(violation);
    }
  }
  return found;
}

function passRateDrop(
  workloadId: string,
  key: StrategyKey,
  before: PassRate,
  after: PassRate,
  limitPoints: number,
): Omit<PolicyViolation, 'isNew'> | undefined {
  // Whole hundredths of a point, so 2.0 points against a limit of 2 is not "more than 2" through float noise.
  const points = Math.round((before.rate - after.rate) * 10_000) / 100;
  if (!(points > limitPoints)) return undefined;
  const probability = probabilityHigher(before, after);
  if (probability < DISTINGUISHABLE_AT) return undefined;
  return {
    rule: 'passRateDropPoints',
    workloadId,
    message:
      `Workload "${workloadId}": the recommended ${strategyLabel(key)}'s measured pass rate falls from ${formatRate(before.rate)} to ` +
      `${formatRate(after.rate)} (${formatCount(before.passed)}/${formatCount(before.total)} to ${formatCount(after.passed)}/${formatCount(after.total)}), ` +
      `${points.toFixed(1)} points against a limit of ${limitPoints}, and the drop is distinguishable (probability ${formatShare(probability)}).`,
  };
}

/** What a rule checks, in words, so a passing verdict names what held. */
function ruleSummary(failOn: Policy['failOn']) {
  return (rule: PolicyRule): string => {
    if (rule === 'monthlyCostIncreasePercent')
      return `the monthly bill rises no more than ${failOn.monthlyCostIncreasePercent}%`;
    if (rule === 'monthlyCostIncreaseUsd')
      return `the monthly bill rises no more than ${formatUsd(failOn.monthlyCostIncreaseUsd ?? 0)}`;
    if (rule === 'passRateDropPoints')
      return `no recommended strategy's measured pass rate falls more than ${failOn.passRateDropPoints} points`;
    return 'no recommendation changes';
  };
}

function violationKey(violation: Pick<PolicyViolation, 'rule' | 'workloadId'>): string {
  // Stryker disable next-line ConditionalExpression: the cost rules never name a workload and the others always do, so `rule` and `rule:undefined` key the same violations on both sides
  return violation.workloadId === undefined ? violation.rule : `${violation.rule}:${violation.workloadId}`;
}
