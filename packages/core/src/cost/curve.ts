import { roundTo } from '../model/numbers.js';
import { STRATEGY_KEYS } from '../model/strategies.js';
import type { CostCurve } from '../model/types.js';
import { type CostContext, costAtVolume, type WorkloadCosts } from './cost-model.js';

/** Points on the volume axis after 0: enough to show a slope, few enough for labels to fit a 400 px chart. */
const STEPS = 6;

/** The next round step (1, 2, 2.5 or 5 × a power of ten) at or above `value`, so axis labels read cleanly. */
function roundStep(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const multiple = [1, 2, 2.5, 5, 10].find((candidate) => candidate * magnitude >= value) ?? 10;
  return multiple * magnitude;
}

/**
 * Points of monthly cost against flat volume for a chart, evenly spaced from 0 (so a straight cost line looks
 * straight): seven points in round steps reaching at least twice the workload's month-1 volume, and the break-even
 * volume too when it lies within 10× of it. Each point is the cost model's own average at that flat volume
 * ({@link costAtVolume}), self-hosted replica steps included, so the lines cross where the report's break-even says.
 * `breakEvenIndex` marks a point within 0.5% of the break-even, when one is.
 */
export function costCurve(context: CostContext, costs: WorkloadCosts): CostCurve {
  const baseVolume = costs.inputs.requestsPerMonth;
  const breakEven = costs.breakEven.requestsPerMonth;
  const reach = Math.max(2 * baseVolume, breakEven !== null && breakEven <= baseVolume * 10 ? breakEven * 1.1 : 0);
  const step = reach > 0 ? roundStep(reach / STEPS) : 1;
  const volumes = Array.from({ length: STEPS + 1 }, (_, index) => index * step);
  const near =
    breakEven === null ? -1 : volumes.findIndex((volume) => Math.abs(volume - breakEven) <= breakEven * 0.005);
  const breakEvenIndex = near === -1 ? null : near;
  const horizonMonths = context.assumptions.horizonMonths;
  const totalsAt = costAtVolume(context, { monthlyGrowth: 0 });
  const totals = volumes.map(totalsAt);
  const series = {} as CostCurve['series'];
  const omitted: CostCurve['omitted'] = [];
  for (const key of STRATEGY_KEYS) {
    if (!costs.strategies[key].priced) {
      series[key] = null;
      omitted.push({ strategy: key, reason: 'no price for this model' });
    } else {
      series[key] = totals.map((total) => roundTo(total[key] / horizonMonths, 4));
    }
  }
  return { volumes, breakEvenIndex, series, omitted };
}
