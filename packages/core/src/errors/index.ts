export { InvalidAsOfError } from './invalid-as-of-error.js';
export { NonFiniteCostError } from './non-finite-cost-error.js';
export { TunewiseError } from './tunewise-error.js';
export { UncountedPromptFilesError } from './uncounted-prompt-files-error.js';
export { UnknownModelError } from './unknown-model-error.js';
export { formatUsageFileIssue, UsageFileError, type UsageFileIssue } from './usage-file-error.js';
