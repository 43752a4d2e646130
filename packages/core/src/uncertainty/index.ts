/** @deprecated The cost model's `costAtVolume` (the same function), kept under its first name. */
export { costAtVolume as totalsAtVolume } from '../cost/cost-model.js';
export {
  createRandom,
  DEFAULT_DRAWS,
  type MonteCarloOptions,
  quantile,
  seedFromString,
  simulateVolume,
  triangular,
} from './monte-carlo.js';
