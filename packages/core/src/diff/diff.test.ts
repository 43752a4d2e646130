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

  it('is told apart from a report', () => {
    const report = makeReport([makeWorkload('a')]);
    expect(isReportDiff(report)).toBe(false);
    expect(isReportDiff(diffReports(null, report))).toBe(true);
  });
});
