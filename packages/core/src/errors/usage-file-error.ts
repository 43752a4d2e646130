import { escapeTerminal } from '../format/escape.js';
import { TunewiseError } from './tunewise-error.js';

const marker = 'tunewise.error.usage-file';
const symbol = Symbol.for(marker);

/** One problem in a usage file, located for a human and for an editor or CI annotation. */
export interface UsageFileIssue {
  file: string;
  /** 1-based; 0 when the problem has no position (e.g. the file is missing). */
  line: number;
  /** 1-based; 0 when unknown. */
  column: number;
  /** Dotted field path, e.g. "workloads[0].volume.requestsPerMonth"; "" for the whole file. */
  path: string;
  message: string;
  expected?: string;
  found?: string;
  /** A did-you-mean, when a close match exists. */
  suggestion?: string;
}

/**
 * Formats an issue as `file:line:column: path: message (expected …, found …). Did you mean …?`, on one line:
 * keys and values quoted from the file have their control and invisible characters shown escaped, so a
 * key cannot send a terminal escape sequence or forge another line.
 */
export function formatUsageFileIssue(issue: UsageFileIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const field = issue.path === '' ? '' : ` ${issue.path}:`;
  const detail = [
    issue.expected === undefined ? undefined : `expected ${issue.expected}`,
    issue.found === undefined ? undefined : `found ${issue.found}`,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  const suggestion = issue.suggestion === undefined ? '' : ` Did you mean ${issue.suggestion}?`;
  return escapeTerminal(`${where}:${field} ${issue.message}${detail === '' ? '' : ` (${detail})`}.${suggestion}`);
}

/** A usage file that could not be read or validated. No report is produced from it. */
export class UsageFileError extends TunewiseError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through Symbol.for(marker) by isInstance
  private readonly [symbol] = true;
  readonly issues: UsageFileIssue[];

  constructor(issues: UsageFileIssue[], options: { cause?: unknown } = {}) {
    const lines = issues.map(formatUsageFileIssue);
    const message =
      issues.length === 1 ? (lines[0] ?? '') : `${issues.length} problems in the usage file:\n${lines.join('\n')}`;
    super({ name: 'UsageFileError', message, cause: options.cause });
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is UsageFileError {
    return TunewiseError.hasMarker(error, marker);
  }
}
