/**
 * Σ (1+g)^(m-1) over months 1..H: how many month-1 volumes a horizon of compounding growth adds up to. Month-1
 * volume times this is the horizon's total requests; divided by H it is the average monthly volume.
 */
export function volumeMonths(monthlyGrowth: number, horizonMonths: number): number {
  if (monthlyGrowth === 0) return Math.max(horizonMonths, 0);
  let sum = 0;
  for (let month = 0; month < horizonMonths; month += 1) sum += (1 + monthlyGrowth) ** month;
  return sum;
}

/**
 * Mean of (1+g)^(m-1) over months 1..H: month-1 volume times this is the average monthly volume.
 * With flat volume it is 1, so a flat break-even compares directly with `volume × growthFactor`.
 */
export function averageGrowthFactor(monthlyGrowth: number, horizonMonths: number): number {
  if (monthlyGrowth === 0 || horizonMonths <= 1) return 1;
  return volumeMonths(monthlyGrowth, horizonMonths) / horizonMonths;
}
