export { EvalResultsError } from './eval-results-error.js';
export { type GradedResult, gradeSummary } from './grade-summary.js';
export {
  type EvalFormat,
  type EvalImportOptions,
  type EvalImportResult,
  gradeRecord,
  importEvalResults,
  type SkippedEvalRecord,
} from './import-eval.js';
