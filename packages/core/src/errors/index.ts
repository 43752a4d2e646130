export { TunewiseError } from './tunewise-error.js';
export { formatUsageFileIssue, UsageFileError, type UsageFileIssue } from './usage-file-error.js';
