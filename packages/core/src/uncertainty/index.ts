export {
  createRandom,
  DEFAULT_DRAWS,
  type MonteCarloOptions,
  quantile,
  seedFromString,
  simulateVolume,
  triangular,
} from './monte-carlo.js';
export { totalsAtVolume } from './totals-at-volume.js';
