import { describe, expect, it } from 'vitest';
import { scenarioContext } from './__fixtures__/scenario-context.js';
import { computeStrategies, computeWorkloadCosts } from './cost-model.js';
import { costCurve } from './curve.js';

// Figures: the worked examples w1 (provider) and w2 (self-hosted) in ./__fixtures__, break-evens as cost-model.test.ts checks.
describe('costCurve', () => {
  it('w1: evenly spaced round steps from 0 past twice the volume, the lines crossing between the points around break-even', () => {
    const context = scenarioContext('w1-support-bot');
    const curve = costCurve(context, computeWorkloadCosts(context));
    // 250,000 requests/month: twice is 500,000, so six steps of 100,000 (the next round step above 83,333).
    expect(curve.volumes).toEqual([0, 100000, 200000, 300000, 400000, 500000, 600000]);
    expect(curve.breakEvenIndex).toBeNull();
    // Break-even 295,211: prompt is cheaper at 200,000 and dearer at 300,000.
    expect(curve.series.prompt![2]!).toBeLessThan(curve.series.fineTune![2]!);
    expect(curve.series.prompt![3]!).toBeGreaterThan(curve.series.fineTune![3]!);
    // At flat 200,000 the prompt line is fixed 1,100 + 0.009825 × 200,000 (w1's figures).
    expect(curve.series.prompt![2]).toBeCloseTo(1100 + 0.009825 * 200000, 1);
  });

  it('w2: every point is the cost model at that flat volume, GPU replica steps included', () => {
    const context = scenarioContext('w2-self-hosted');
    const curve = costCurve(context, computeWorkloadCosts(context));
    expect(curve.omitted).toEqual([]);
    curve.volumes.forEach((volume, index) => {
      const exact = computeStrategies(context, { requestsPerMonth: volume, monthlyGrowth: 0 });
      for (const key of ['prompt', 'fineTune', 'hybrid'] as const) {
        expect(curve.series[key]![index]).toBeCloseTo(exact[key].averageMonthly, 3);
      }
    });
    // The far end needs more replicas than the first step does: the line is not flat.
    expect(curve.series.fineTune!.at(-1)!).toBeGreaterThan(curve.series.fineTune![0]!);
  });
});
