import { type CostContext, computeStrategies } from '../cost/cost-model.js';
import type { StrategyKey } from '../report/types.js';

/**
 * Totals of each strategy as a function of month-1 volume. With provider hosting every total is linear in volume
 * (growth fixed), so two evaluations give the line; self-hosted replicas are a step function, evaluated per draw.
 */
export function totalsAtVolume(context: CostContext, hosting: 'provider' | 'self-hosted') {
  const totalsAt = (requestsPerMonth: number): Record<StrategyKey, number> => {
    const strategies = computeStrategies(context, { requestsPerMonth });
    return { prompt: strategies.prompt.total, fineTune: strategies.fineTune.total, hybrid: strategies.hybrid.total };
  };
  if (hosting === 'self-hosted') return totalsAt;
  const probe = 1e6;
  const atZero = totalsAt(0);
  const atProbe = totalsAt(probe);
  const line = (key: StrategyKey) => {
    const slope = (atProbe[key] - atZero[key]) / probe;
    return (volume: number) => atZero[key] + slope * volume;
  };
  const prompt = line('prompt');
  const fineTune = line('fineTune');
  const hybrid = line('hybrid');
  return (volume: number) => ({ prompt: prompt(volume), fineTune: fineTune(volume), hybrid: hybrid(volume) });
}
