export { type EvaluateOptions, evaluate } from './evaluate.js';
