import { describe, expect, it } from 'vitest';
import {
  claimsWorkload,
  makeReport,
  makeWorkload,
  supportBotBeforeTraining,
  supportBotWorkload,
} from './__fixtures__/reports.js';
import { diffReports, isReportDiff } from './diff.js';

describe('diffReports', () => {
  it('finds added, removed, changed and unchanged workloads by id', () => {
    const base = makeReport([supportBotBeforeTraining(), makeWorkload('stays'), makeWorkload('goes-away')]);
    const head = makeReport([supportBotWorkload(), makeWorkload('stays'), claimsWorkload()]);
    const diff = diffReports(base, head);

    expect(diff.isFirstReport).toBe(false);
    expect(diff.added).toEqual(['claims']);
    expect(diff.removed).toEqual(['goes-away']);
    expect(diff.changed).toEqual(['support-bot']);
    expect(diff.unchanged).toEqual(['stays']);
    expect(diff.workloads.map((entry) => entry.id)).toEqual(['support-bot', 'stays', 'claims', 'goes-away']);
  });

  it('reports the change of recommendation and of the recommended averageMonthly', () => {
    const diff = diffReports(makeReport([supportBotBeforeTraining()]), makeReport([supportBotWorkload()]));
    const [entry] = diff.workloads;
    expect(entry?.recommendationChanged).toBe(true);
    expect(entry?.base?.recommendation).toBe('prompt');
    expect(entry?.head?.recommendation).toBe('fine-tune');
    // w1 scenario: prompt total 52,296.44 / 12 → fine-tune 48,293.53 / 12.
    expect(entry?.averageMonthly.base).toBeCloseTo(4358.04, 2);
    expect(entry?.averageMonthly.head).toBeCloseTo(4024.46, 2);
    expect(entry?.averageMonthly.delta).toBeCloseTo(-333.58, 2);
    expect(entry?.averageMonthly.percent).toBeCloseTo((-333.5758 / 4358.0367) * 100, 3);
    expect(entry?.total.delta).toBeCloseTo(48293.53 - 52296.44, 1);
  });

  it('computes total deltas from the reports’ recommended totals', () => {
    const base = makeReport([supportBotBeforeTraining()]);
    const head = makeReport([supportBotWorkload(), claimsWorkload()]);
    const diff = diffReports(base, head);
    expect(diff.totals.averageMonthly.base).toBeCloseTo(base.totals.recommended.averageMonthly, 6);
    expect(diff.totals.averageMonthly.head).toBeCloseTo(4024.46 + 5980.67, 1);
    expect(diff.totals.averageMonthly.delta).toBeCloseTo(4024.46 + 5980.67 - 4358.04, 1);
    expect(diff.totals.total.delta).toBeCloseTo(head.totals.recommended.total - base.totals.recommended.total, 6);
  });

  it('treats a missing base as a first report, never as +100%', () => {
    const head = makeReport([supportBotWorkload()]);
    const diff = diffReports(null, head);
    expect(diff.isFirstReport).toBe(true);
    expect(diff.base).toBeNull();
    expect(diff.added).toEqual(['support-bot']);
    expect(diff.totals.averageMonthly.base).toBe(0);
    expect(diff.totals.averageMonthly.percent).toBeNull();
    expect(diff.workloads[0]?.averageMonthly.percent).toBeNull();
  });

  it('treats a base without workloads as a first report too', () => {
    const diff = diffReports(makeReport([]), makeReport([makeWorkload('a')]));
    expect(diff.isFirstReport).toBe(true);
    expect(diff.totals.averageMonthly.percent).toBeNull();
  });

  it('gives a null percent when a base figure is zero and a number otherwise', () => {
    const free = makeWorkload('free');
    free.strategies.prompt = { ...free.strategies.prompt, averageMonthly: 0, total: 0 };
    const paid = makeWorkload('free');
    const baseWithOther = makeReport([free, makeWorkload('other')]);
    const diff = diffReports(baseWithOther, makeReport([paid, makeWorkload('other')]));
    const entry = diff.workloads.find((workload) => workload.id === 'free');
    expect(entry?.kind).toBe('changed');
    expect(entry?.averageMonthly.delta).toBeCloseTo(paid.strategies.prompt.averageMonthly, 6);
    expect(entry?.averageMonthly.percent).toBeNull();
    expect(diff.totals.averageMonthly.percent).not.toBeNull();
  });

  it('ignores differences smaller than half a cent', () => {
    const nudged = makeWorkload('a');
    nudged.strategies.prompt = {
      ...nudged.strategies.prompt,
      averageMonthly: nudged.strategies.prompt.averageMonthly + 1e-9,
    };
    const diff = diffReports(makeReport([makeWorkload('a')]), makeReport([nudged]));
    expect(diff.unchanged).toEqual(['a']);
  });

  it('counts a change of exactly half a cent as a change, in the monthly average or in the horizon total', () => {
    // Differences below half a cent are noise; half a cent itself is not. $0 → $0.005 is a difference a double holds
    // exactly (from any other base the sum rounds), so this is the one place the threshold itself can be reached.
    const costing = (field: 'averageMonthly' | 'total', value: number) => {
      const workload = makeWorkload('a');
      workload.strategies.prompt = { ...workload.strategies.prompt, [field]: value };
      return makeReport([workload]);
    };
    for (const field of ['averageMonthly', 'total'] as const) {
      expect(diffReports(costing(field, 0), costing(field, 0.005)).changed).toEqual(['a']);
      expect(diffReports(costing(field, 0), costing(field, 0.004)).unchanged).toEqual(['a']);
    }
    // The bill (what runs today) likewise.
    const billing = (averageMonthly: number) => {
      const workload = makeWorkload('a');
      workload.bill = { ...workload.bill, averageMonthly };
      return makeReport([workload]);
    };
    expect(diffReports(billing(0), billing(0.005)).changed).toEqual(['a']);
    expect(diffReports(billing(0), billing(0.004)).unchanged).toEqual(['a']);
  });

  it('is told apart from a report', () => {
    const report = makeReport([makeWorkload('a')]);
    expect(isReportDiff(report)).toBe(false);
    expect(isReportDiff(diffReports(null, report))).toBe(true);
  });

  it('counts a model swap at the same cost as a change', () => {
    const swapped = makeWorkload('a', { model: 'example/other-large' });
    const diff = diffReports(makeReport([makeWorkload('a')]), makeReport([swapped]));
    expect(diff.changed).toEqual(['a']);
    expect(diff.workloads[0]).toMatchObject({ kind: 'changed', recommendationChanged: false });
    expect(diff.workloads[0]?.averageMonthly.delta).toBe(0);
  });

  it('counts a change of what runs today as a change, even when the bill stays the same', () => {
    // The head says the workload already runs a fine-tune; had it no price here, the bill would stay prompting's.
    const base = makeWorkload('a');
    const head = { ...makeWorkload('a'), current: 'fine-tune' as const, bill: base.bill };
    const diff = diffReports(makeReport([base]), makeReport([head]));
    expect(diff.changed).toEqual(['a']);
    expect(diff.workloads[0]).toMatchObject({ kind: 'changed', recommendationChanged: false });
    expect(diff.workloads[0]?.bill.delta).toBe(0);
  });

  it('counts a change of recommendation with no change of cost as a change', () => {
    // The head recommends hybrid, priced here exactly as the base's prompt strategy.
    const head = makeWorkload('a', { recommendation: 'hybrid' });
    head.strategies.hybrid = makeWorkload('a').strategies.prompt;
    const diff = diffReports(makeReport([makeWorkload('a')]), makeReport([head]));
    expect(diff.workloads[0]).toMatchObject({ kind: 'changed', recommendationChanged: true });
    expect(diff.workloads[0]?.averageMonthly.delta).toBe(0);
    expect(diff.workloads[0]?.total.delta).toBe(0);
  });

  it('counts a cent a month, or a cent over the horizon, as a change', () => {
    const monthly = makeWorkload('a');
    monthly.strategies.prompt = {
      ...monthly.strategies.prompt,
      averageMonthly: monthly.strategies.prompt.averageMonthly + 0.01,
    };
    expect(diffReports(makeReport([makeWorkload('a')]), makeReport([monthly])).changed).toEqual(['a']);
    const overHorizon = makeWorkload('a');
    overHorizon.strategies.prompt = {
      ...overHorizon.strategies.prompt,
      total: overHorizon.strategies.prompt.total - 0.01,
    };
    expect(diffReports(makeReport([makeWorkload('a')]), makeReport([overHorizon])).changed).toEqual(['a']);
  });
});
