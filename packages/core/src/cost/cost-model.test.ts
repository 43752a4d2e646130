import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ModelPrices } from '../catalog/types.js';
import { type UsageFile, usageFileSchema } from '../schema/usage-file.js';
import { type CostContext, computeWorkloadCosts } from './cost-model.js';

// Figures: shared/scenarios/README.md, computed by hand from the formulas in docs/cost-model.md.
function scenario(name: string, asOf = '2026-11-28'): CostContext {
  const text = readFileSync(new URL(`./__fixtures__/${name}.yml`, import.meta.url), 'utf8');
  const usageFile: UsageFile = usageFileSchema.parse(parse(text));
  const workload = usageFile.workloads[0]!;
  return {
    workload,
    assumptions: usageFile.assumptions,
    asOf,
    resolveModel: (id) => {
      const model = usageFile.models[id];
      return model === undefined ? undefined : ({ id, ...model } as ModelPrices);
    },
  };
}

type WorkloadCosts = ReturnType<typeof computeWorkloadCosts>;
type StrategyCosts = WorkloadCosts['strategies']['prompt'];

const cents = (values: readonly number[]) => values.map((value) => Math.round(value * 100) / 100);

describe('w1-support-bot (12 months, 5% growth, half the static prompt cached)', () => {
  let costs: WorkloadCosts;
  let prompt: StrategyCosts;
  let fineTune: StrategyCosts;
  let hybrid: StrategyCosts;
  // Computed in each test, not while the suite is collected, so a mutation run knows which tests cover which line.
  beforeEach(() => {
    costs = computeWorkloadCosts(scenario('w1-support-bot'));
    ({ prompt, fineTune, hybrid } = costs.strategies);
  });

  it('prices each strategy per request and upfront', () => {
    expect(prompt.perRequest).toBeCloseTo(0.009825, 9);
    expect(fineTune.perRequest).toBeCloseTo(0.00066, 9);
    expect(hybrid.perRequest).toBeCloseTo(0.00104, 9);
    expect(prompt.upfront).toBeCloseTo(2400, 2);
    expect(fineTune.upfront).toBeCloseTo(12011.2, 2);
    expect(hybrid.upfront).toBeCloseTo(12011.2, 2);
  });

  it('reproduces the monthly figures to the cent', () => {
    expect(cents(prompt.monthly)).toEqual([
      3356.25, 3479.06, 3608.02, 3743.42, 3885.59, 4034.87, 4191.61, 4356.19, 4529.0, 4710.45, 4900.97, 5101.02,
    ]);
    expect(cents(fineTune.monthly)).toEqual([
      1965.0, 1973.25, 4393.11, 1991.01, 4411.76, 2010.59, 4432.32, 2032.17, 4454.98, 2055.97, 4479.97, 2082.21,
    ]);
    expect(cents(hybrid.monthly)).toEqual([
      2960.0, 2973.0, 5397.85, 3000.98, 5427.23, 3031.83, 5459.62, 3065.85, 5495.34, 3103.35, 5534.71, 3144.69,
    ]);
    expect(fineTune.retrainMonths).toEqual([3, 5, 7, 9, 11]);
  });

  it('reproduces totals and averages to the cent', () => {
    expect(cents([prompt.total, fineTune.total, hybrid.total])).toEqual([52296.44, 48293.53, 60605.65]);
    expect(cents([prompt.averageMonthly, fineTune.averageMonthly, hybrid.averageMonthly])).toEqual([
      4358.04, 4024.46, 5050.47,
    ]);
  });

  it('finds payback in month 10 and break-even at 295,210 requests/month', () => {
    expect(costs.breakEven.paybackMonth).toBe(10);
    expect(costs.breakEven.requestsPerMonth).not.toBeNull();
    expect(Math.abs(costs.breakEven.requestsPerMonth! - 295210) / 295210).toBeLessThan(0.001);
  });

  it('is feasible (examples ≥ 50, open data policy, custom models without end dates)', () => {
    expect(fineTune.feasible).toBe(true);
    expect(hybrid.feasible).toBe(true);
  });
});

describe('w2-self-hosted (6 months, self-hosted fine-tune, two replicas minimum)', () => {
  let costs: WorkloadCosts;
  let prompt: StrategyCosts;
  let fineTune: StrategyCosts;
  let hybrid: StrategyCosts;
  // Computed in each test, not while the suite is collected, so a mutation run knows which tests cover which line.
  beforeEach(() => {
    costs = computeWorkloadCosts(scenario('w2-self-hosted'));
    ({ prompt, fineTune, hybrid } = costs.strategies);
  });

  it('reproduces per-request, upfront, totals and averages', () => {
    expect(prompt.perRequest).toBeCloseTo(0.00335, 9);
    expect(fineTune.perRequest).toBe(0);
    expect(hybrid.perRequest).toBe(0);
    expect(cents([prompt.upfront, fineTune.upfront, hybrid.upfront])).toEqual([1600, 4002, 4002]);
    expect(cents([prompt.total, fineTune.total, hybrid.total])).toEqual([105700, 35884, 52624]);
    expect(cents([prompt.averageMonthly, fineTune.averageMonthly, hybrid.averageMonthly])).toEqual([
      17616.67, 5980.67, 8770.67,
    ]);
  });

  it('pays GPU hours: two replicas for fine-tune, three for hybrid, retrain in month 4', () => {
    expect(cents(fineTune.monthly)).toEqual([5180, 5180, 5180, 5982, 5180, 5180]);
    expect(cents(hybrid.monthly)).toEqual([7970, 7970, 7970, 8772, 7970, 7970]);
    expect(fineTune.replicas).toEqual([2, 2, 2, 2, 2, 2]);
    expect(hybrid.replicas).toEqual([3, 3, 3, 3, 3, 3]);
  });

  it('pays back in month 1 and breaks even at 1,526,567 requests/month', () => {
    expect(costs.breakEven.paybackMonth).toBe(1);
    expect(Math.abs(costs.breakEven.requestsPerMonth! - 1526567) / 1526567).toBeLessThan(0.001);
  });

  it('allows fine-tuning under no-third-party-training because hosting is self-hosted', () => {
    expect(fineTune.feasible).toBe(true);
  });
});
