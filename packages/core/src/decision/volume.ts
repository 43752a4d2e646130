import type { StrategyCost, StrategyKey } from '../report/types.js';
import type { DecisionInput } from './types.js';

/**
 * Mean of (1+g)^(m-1) over months 1..H: month-1 volume times this is the average monthly volume.
 * With flat volume it is 1, so a flat break-even compares directly with `volume × growthFactor`.
 */
export function averageGrowthFactor(monthlyGrowth: number, horizonMonths: number): number {
  if (monthlyGrowth === 0 || horizonMonths <= 1) return 1;
  let sum = 0;
  for (let month = 0; month < horizonMonths; month++) sum += (1 + monthlyGrowth) ** month;
  return sum / horizonMonths;
}

export function growthFactorOf(input: DecisionInput): number {
  return averageGrowthFactor(input.workload.volume.monthlyGrowth, input.assumptions.horizonMonths);
}

/**
 * The input as it would be at another month-1 volume. Assumes what the cost model (docs/cost-model.md) gives for
 * provider hosting: `averageMonthly = fixed + perRequest × volume × growthFactor`, so only the
 * per-request part scales. Self-hosted strategies report perRequest 0 and are held flat here; that
 * understates their cost far above today's volume, which is why the volume-vs-break-even factor uses
 * the cost model's own break-even rather than these scaled figures.
 */
export function atVolume(input: DecisionInput, requestsPerMonth: number): DecisionInput {
  const extraRequests = (requestsPerMonth - input.requestsPerMonth) * growthFactorOf(input);
  const horizonMonths = input.assumptions.horizonMonths;
  const scale = (cost: StrategyCost): StrategyCost => {
    const extraMonthly = cost.perRequest * extraRequests;
    return {
      ...cost,
      averageMonthly: cost.averageMonthly + extraMonthly,
      total: cost.total + extraMonthly * horizonMonths,
    };
  };
  const strategies = Object.fromEntries(
    (Object.entries(input.strategies) as Array<[StrategyKey, StrategyCost]>).map(([key, cost]) => [key, scale(cost)]),
  ) as Record<StrategyKey, StrategyCost>;
  return { ...input, requestsPerMonth, strategies };
}
