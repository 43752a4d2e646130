// Formatting moved to src/format; these names stay public from here, where they were first exported.
export {
  formatCount,
  formatModelId,
  formatMs,
  formatPercent,
  formatUsd,
  formatUsdWhole,
  roundSignificant,
  roundUpSignificant,
} from '../format/index.js';
export { decide } from './decide.js';
export { confidenceFromMargin, scoreDecision } from './score.js';
export type {
  Decision,
  DecisionInput,
  FactorScope,
  Gate,
  LiveAlternative,
  Scorecard,
  ScoredFactor,
} from './types.js';
export { THRESHOLDS as DECISION_THRESHOLDS, WEIGHTS as DECISION_WEIGHTS } from './weights.js';
