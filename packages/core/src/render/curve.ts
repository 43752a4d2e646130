import type { StrategyKey, WorkloadReport } from '../report/types.js';

/**
 * Average monthly cost of one strategy at a flat volume, when the caller can compute it exactly (e.g. the cost
 * model, which knows self-hosted replica steps). Return null where the strategy has no price.
 */
export type CostAtVolume = (workload: WorkloadReport, strategy: StrategyKey, requestsPerMonth: number) => number | null;

/** What {@link costCurve} returns: each strategy's monthly cost at a few flat volumes around the workload's, for a chart. */
export interface CostCurve {
  /** Flat requests/month, ascending. */
  volumes: number[];
  /** Index in `volumes` of the break-even point, or null when it is not on the chart. */
  breakEvenIndex: number | null;
  /** averageMonthly per strategy at each volume; null for a strategy this curve cannot draw honestly. */
  series: Record<StrategyKey, number[] | null>;
  /** Strategies left out, with why. */
  omitted: Array<{ strategy: StrategyKey; reason: string }>;
}

const MULTIPLIERS = [0.25, 0.5, 1, 2, 4];
const STRATEGIES: StrategyKey[] = ['prompt', 'fineTune', 'hybrid'];

/** Σ v_m over the horizon divided by v_1: how many "month-1 volumes" the report's growth adds up to. */
function volumeMonths(monthlyGrowth: number, months: number): number {
  let sum = 0;
  for (let month = 0; month < months; month += 1) sum += (1 + monthlyGrowth) ** month;
  return sum;
}

/**
 * Points of monthly cost against flat volume: 0.25×, 0.5×, 1×, 2× and 4× the workload's month-1 volume, plus
 * the break-even volume as its own point when it lies within 0.01×–100× of it.
 *
 * Without `costAt`, each provider-hosted strategy is a line `fixed + perRequest × volume`, where `fixed` is what
 * the report's average does not owe to volume: `(total − perRequest × Σ v_m) / H` (upfront, maintenance and
 * retrains spread over the horizon). That is exact for the cost model in docs/cost-model.md, and reproduces its break-even
 * volume. Self-hosted strategies step with GPU replicas, which the report alone cannot rebuild, so they are left
 * out unless `costAt` is given.
 */
export function costCurve(workload: WorkloadReport, costAt?: CostAtVolume): CostCurve {
  const baseVolume = workload.inputs.requestsPerMonth;
  const breakEven = workload.breakEven.requestsPerMonth;
  const volumes = MULTIPLIERS.map((multiplier) => multiplier * baseVolume);
  let breakEvenIndex: number | null = null;
  const onChart = breakEven !== null && breakEven > 0 && breakEven >= baseVolume / 100 && breakEven <= baseVolume * 100;
  if (onChart) {
    const existing = volumes.findIndex((volume) => Math.abs(volume - breakEven) <= breakEven * 0.005);
    if (existing === -1) volumes.push(breakEven);
    volumes.sort((left, right) => left - right);
    breakEvenIndex = existing === -1 ? volumes.indexOf(breakEven) : existing;
  }

  const series = {} as CostCurve['series'];
  const omitted: CostCurve['omitted'] = [];
  for (const key of STRATEGIES) {
    const cost = workload.strategies[key];
    if (cost.priced === false) {
      series[key] = null;
      omitted.push({ strategy: key, reason: 'no price for this model' });
      continue;
    }
    if (costAt) {
      const points = volumes.map((volume) => costAt(workload, key, volume));
      series[key] = points.every((point) => point !== null) ? (points as number[]) : null;
      if (series[key] === null) omitted.push({ strategy: key, reason: 'no price at some volumes' });
      continue;
    }
    if (cost.replicas !== undefined) {
      series[key] = null;
      omitted.push({ strategy: key, reason: 'self-hosted: GPU replicas step with volume' });
      continue;
    }
    const months = cost.monthly.length;
    const fixed =
      (cost.total - cost.perRequest * baseVolume * volumeMonths(workload.inputs.monthlyGrowth, months)) / months;
    series[key] = volumes.map((volume) => fixed + cost.perRequest * volume);
  }
  return { volumes, breakEvenIndex, series, omitted };
}
