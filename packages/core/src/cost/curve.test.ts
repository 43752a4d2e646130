import { describe, expect, it } from 'vitest';
import { scenarioContext } from './__fixtures__/scenario-context.js';
import { computeStrategies, computeWorkloadCosts } from './cost-model.js';
import { costCurve } from './curve.js';

// Figures: the worked examples w1 (provider) and w2 (self-hosted) in ./__fixtures__, break-evens as cost-model.test.ts checks.
describe('costCurve', () => {
  it('w1: puts the break-even among 0.25×–4× the volume, where prompt and fine-tune cost the same', () => {
    const context = scenarioContext('w1-support-bot');
    const curve = costCurve(context, computeWorkloadCosts(context));
    expect(curve.volumes).toEqual([62500, 125000, 250000, 295211, 500000, 1000000]);
    const index = curve.breakEvenIndex!;
    expect(curve.series.prompt![index]).toBeCloseTo(curve.series.fineTune![index]!, 1);
    // At flat 250,000 the prompt line is fixed 1,100 + 0.009825 × 250,000 (w1's figures).
    expect(curve.series.prompt![2]).toBeCloseTo(1100 + 0.009825 * 250000, 1);
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
    // 4× the volume needs more replicas than 0.25× does: the line is not flat.
    expect(curve.series.fineTune!.at(-1)!).toBeGreaterThan(curve.series.fineTune![0]!);
  });
});
