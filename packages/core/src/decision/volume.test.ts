import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS, scenario } from './__fixtures__/decision-input.js';
import { atVolume, growthFactorOf } from './volume.js';

// Costs from the made-up linear costs of __fixtures__/decision-input.ts (prompt $600 + $0.01/request a month, …).
describe('growthFactorOf', () => {
  it('is 1 for flat volume and the mean of (1+g)^(m-1) over the horizon for growth', () => {
    expect(growthFactorOf(scenario({ monthlyGrowth: 0 }))).toBe(1);
    const growing = scenario({ monthlyGrowth: 0.05, assumptions: { horizonMonths: 3 } });
    expect(growthFactorOf(growing)).toBeCloseTo((1 + 1.05 + 1.05 ** 2) / 3, 12);
  });
});

describe('atVolume', () => {
  it('prices the same workload at another month-1 volume, per month and over the horizon', () => {
    const input = scenario({ requestsPerMonth: 100_000, assumptions: { horizonMonths: 6 } });
    const moved = atVolume(input, 2_000_000);
    expect(moved.requestsPerMonth).toBe(2_000_000);
    for (const key of ['prompt', 'fineTune', 'hybrid'] as const) {
      const expectedMonthly = DEFAULT_COSTS[key].fixedMonthly + DEFAULT_COSTS[key].perRequest * 2_000_000;
      expect(moved.strategies[key].averageMonthly).toBeCloseTo(expectedMonthly, 6);
      expect(moved.strategies[key].total).toBeCloseTo(expectedMonthly * 6, 6);
    }
  });

  it('keeps what volume does not change: feasibility, blockers, latency, the workload itself', () => {
    const input = scenario({ requestsPerMonth: 100_000, trainingData: { examples: 10, quality: 'high' } });
    const moved = atVolume(input, 5_000_000);
    expect(moved.strategies.fineTune.feasible).toBe(false);
    expect(moved.strategies.fineTune.blockers).toEqual(input.strategies.fineTune.blockers);
    expect(moved.strategies.prompt.latencyMs).toBe(input.strategies.prompt.latencyMs);
    expect(moved.workload).toBe(input.workload);
    expect(input.requestsPerMonth).toBe(100_000);
  });
});
