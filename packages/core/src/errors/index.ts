export { TunewiseError } from './tunewise-error.js';
export { UsageFileError, formatUsageFileIssue, type UsageFileIssue } from './usage-file-error.js';
