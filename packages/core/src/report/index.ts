export { costAtVolume, type EvaluateOptions, evaluate, STRATEGY_KEYS, strategyKey } from './evaluate.js';
export type * from './types.js';
