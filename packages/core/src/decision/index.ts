export { decide } from './decide.js';
export {
  formatCount,
  formatModelId,
  formatMs,
  formatPercent,
  formatUsd,
  roundSignificant,
  roundUpSignificant,
} from './format.js';
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
export { averageGrowthFactor } from './volume.js';
export { THRESHOLDS as DECISION_THRESHOLDS, WEIGHTS as DECISION_WEIGHTS } from './weights.js';
