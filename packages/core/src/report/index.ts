export { costAtVolume, type EvaluateOptions, evaluate } from './evaluate.js';
export { STRATEGY_KEYS, strategyKey } from './strategies.js';
export type * from './types.js';
