import { roundTo } from '../model/numbers.js';
import { STRATEGY_KEYS } from '../model/strategies.js';
import type { CostCurve } from '../model/types.js';
import { type CostContext, costAtVolume, type WorkloadCosts } from './cost-model.js';

const MULTIPLIERS = [0.25, 0.5, 1, 2, 4];

/**
 * Points of monthly cost against flat volume for a chart: 0.25×, 0.5×, 1×, 2× and 4× the workload's month-1
 * volume, plus the break-even volume as its own point when it lies within 0.01×–100× of it. Each point is the cost
 * model's own average at that flat volume ({@link costAtVolume}), self-hosted replica steps included, so the chart
 * crosses where the report's break-even says.
 */
export function costCurve(context: CostContext, costs: WorkloadCosts): CostCurve {
  const baseVolume = costs.inputs.requestsPerMonth;
  const breakEven = costs.breakEven.requestsPerMonth;
  const volumes = MULTIPLIERS.map((multiplier) => multiplier * baseVolume);
  let breakEvenIndex: number | null = null;
  const onChart = breakEven !== null && breakEven > 0 && breakEven >= baseVolume / 100 && breakEven <= baseVolume * 100;
  if (onChart) {
    const existing = volumes.findIndex((volume) => Math.abs(volume - breakEven) <= breakEven * 0.005);
    if (existing === -1) volumes.push(breakEven);
    volumes.sort((left, right) => left - right);
    breakEvenIndex = existing === -1 ? volumes.indexOf(breakEven) : existing;
  }
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
