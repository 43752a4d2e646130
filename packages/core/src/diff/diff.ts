import { countedStrategyKey } from '../model/strategies.js';
import type { Recommendation, Report, StrategyName, WorkloadReport } from '../model/types.js';
import { type AttributionSide, attributeCostChange, type CostAttribution } from './attribution.js';

/** A money figure on the base and the head, and how it moved. */
export interface MoneyDelta {
  base: number;
  head: number;
  /** head − base, USD. */
  delta: number;
  /** delta / base × 100; null when base is 0 (no meaningful percentage). */
  percent: number | null;
}

/** One workload as the diff sees it on one side. */
export interface WorkloadSide {
  name: string;
  model: string;
  recommendation: Recommendation;
  confidence: number;
  /** What runs today. */
  current: StrategyName;
  /** The workload's bill: averageMonthly of what runs today, USD. */
  bill: number;
  /** The bill over the horizon, USD. */
  billTotal: number;
  /** USD a month saved by switching to the recommendation (0 when there is nothing to save). */
  saving: number;
  /** averageMonthly of the recommended strategy, USD. */
  averageMonthly: number;
  /** total over the horizon of the recommended strategy, USD. */
  total: number;
}

/** How a workload moved from base to head: added, removed, changed (recommendation, model or cost) or unchanged. */
export type WorkloadChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

/** One workload in a {@link ReportDiff}: both sides, whether the recommendation changed, and the cost deltas. */
export interface WorkloadDiff {
  id: string;
  kind: WorkloadChangeKind;
  /** Null for an added workload. */
  base: WorkloadSide | null;
  /** Null for a removed workload. */
  head: WorkloadSide | null;
  /** True only when the workload is on both sides and its recommendation differs. */
  recommendationChanged: boolean;
  /** The bill (averageMonthly of what runs today); a missing side counts as 0 (added: percent null). */
  bill: MoneyDelta;
  /** The bill over the horizon. */
  billTotal: MoneyDelta;
  /** Recommended strategy's averageMonthly; a missing side counts as 0 (added: percent null). */
  averageMonthly: MoneyDelta;
  total: MoneyDelta;
  /** Why the bill moved, driver by driver (changed workloads, when {@link DiffOptions.attribution} is given). */
  attribution?: CostAttribution;
}

/** Options of {@link diffReports}. */
export interface DiffOptions {
  /** The usage files behind both reports: with them, each changed workload's cost change is attributed to drivers. */
  attribution?: { base: AttributionSide; head: AttributionSide };
}

/**
 * The change from a base report to a head report. Workloads are matched by `id`. `bill` figures are those of what
 * runs today (each workload's `current`); `averageMonthly` and `total` are those of each side's recommended
 * strategy, so a change of recommendation moves them to the new strategy's.
 */
export interface ReportDiff {
  kind: 'report-diff';
  schemaVersion: 1;
  /** No base, or a base without workloads: nothing to compare, so no percentages and no increase rules. */
  isFirstReport: boolean;
  /** The head report, in full, so renderers and the policy need nothing else. */
  head: Report;
  /** The base report, or null when there was none. */
  base: Report | null;
  /** Every workload of head (in head order), then every removed workload (in base order). */
  workloads: WorkloadDiff[];
  /** Ids by kind, in the order of `workloads`. */
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: string[];
  totals: {
    /** `totals.bill.averageMonthly` of each side (0 for a missing base): what the change does to the bill. */
    bill: MoneyDelta;
    /** `totals.recommended.averageMonthly` of each side (0 for a missing base). */
    averageMonthly: MoneyDelta;
    /** `totals.recommended.total` of each side (0 for a missing base). */
    total: MoneyDelta;
  };
}

/** Differences below half a cent are floating-point noise, not a change. */
const CENT_TOLERANCE = 0.005;

export function moneyDelta(base: number, head: number): MoneyDelta {
  const delta = head - base;
  return { base, head, delta, percent: base === 0 ? null : (delta / base) * 100 };
}

function sideOf(workload: WorkloadReport): WorkloadSide {
  const recommended = workload.strategies[countedStrategyKey(workload.recommendation)];
  return {
    name: workload.name,
    model: workload.model,
    recommendation: workload.recommendation,
    confidence: workload.confidence,
    current: workload.current,
    bill: workload.bill.averageMonthly,
    billTotal: workload.bill.total,
    saving: workload.opportunity?.averageMonthly ?? 0,
    averageMonthly: recommended.averageMonthly,
    total: recommended.total,
  };
}

function workloadDiff(id: string, base: WorkloadSide | null, head: WorkloadSide | null): WorkloadDiff {
  const averageMonthly = moneyDelta(base?.averageMonthly ?? 0, head?.averageMonthly ?? 0);
  const bill = moneyDelta(base?.bill ?? 0, head?.bill ?? 0);
  const billTotal = moneyDelta(base?.billTotal ?? 0, head?.billTotal ?? 0);
  const total = moneyDelta(base?.total ?? 0, head?.total ?? 0);
  const recommendationChanged = base !== null && head !== null && base.recommendation !== head.recommendation;
  let kind: WorkloadChangeKind;
  if (base === null) kind = 'added';
  else if (head === null) kind = 'removed';
  else if (
    recommendationChanged ||
    base.current !== head.current ||
    Math.abs(bill.delta) >= CENT_TOLERANCE ||
    Math.abs(averageMonthly.delta) >= CENT_TOLERANCE ||
    Math.abs(total.delta) >= CENT_TOLERANCE ||
    base.model !== head.model
  )
    kind = 'changed';
  else kind = 'unchanged';
  return { id, kind, base, head, recommendationChanged, bill, billTotal, averageMonthly, total };
}

/** Is this value a ReportDiff (as opposed to a Report)? */
export function isReportDiff(value: Report | ReportDiff): value is ReportDiff {
  return (value as ReportDiff).kind === 'report-diff';
}

/**
 * Compare a base report (the target branch) with a head report (the change). A null base, or one with no
 * workloads, is a first report: everything in head is "added" and no percentage is computed against zero.
 *
 * @example
 * ```ts
 * import { diffReports, evaluate } from '@tunewise/core';
 *
 * // baseFile, headFile: the usage file on the target branch and on the pull request, parsed
 * const diff = diffReports(evaluate(baseFile, { asOf }), evaluate(headFile, { asOf }));
 * console.log(diff.changed, diff.totals.averageMonthly.delta);
 * ```
 */
export function diffReports(base: Report | null, head: Report, options: DiffOptions = {}): ReportDiff {
  const isFirstReport = base === null || base.workloads.length === 0;
  const baseById = new Map((base?.workloads ?? []).map((workload) => [workload.id, workload]));
  const headIds = new Set(head.workloads.map((workload) => workload.id));

  const workloads: WorkloadDiff[] = head.workloads.map((workload) => {
    const baseWorkload = baseById.get(workload.id);
    return workloadDiff(workload.id, baseWorkload ? sideOf(baseWorkload) : null, sideOf(workload));
  });
  for (const workload of base?.workloads ?? []) {
    if (!headIds.has(workload.id)) workloads.push(workloadDiff(workload.id, sideOf(workload), null));
  }
  const sides = options.attribution;
  if (sides !== undefined) {
    const headById = new Map(head.workloads.map((workload) => [workload.id, workload]));
    for (const entry of workloads) {
      const baseWorkload = baseById.get(entry.id);
      const headWorkload = headById.get(entry.id);
      if (entry.kind !== 'changed' || baseWorkload === undefined || headWorkload === undefined) continue;
      const attribution = attributeCostChange(sides, { base: baseWorkload, head: headWorkload });
      // Stryker disable next-line ConditionalExpression: an `attribution: undefined` key and no key are the same diff in JSON and to every reader
      if (attribution !== undefined) entry.attribution = attribution;
    }
  }

  const idsOf = (kind: WorkloadChangeKind) => workloads.filter((entry) => entry.kind === kind).map((entry) => entry.id);
  const baseTotals = isFirstReport ? { averageMonthly: 0, total: 0 } : base.totals.recommended;
  const baseBill = isFirstReport ? 0 : base.totals.bill.averageMonthly;
  return {
    kind: 'report-diff',
    schemaVersion: 1,
    isFirstReport,
    head,
    base,
    workloads,
    added: idsOf('added'),
    removed: idsOf('removed'),
    changed: idsOf('changed'),
    unchanged: idsOf('unchanged'),
    totals: {
      bill: moneyDelta(baseBill, head.totals.bill.averageMonthly),
      averageMonthly: moneyDelta(baseTotals.averageMonthly, head.totals.recommended.averageMonthly),
      total: moneyDelta(baseTotals.total, head.totals.recommended.total),
    },
  };
}
