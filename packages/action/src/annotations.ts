import type { UsageFileIssue } from '@tunewise/sdk';

/** GitHub shows at most 10 error annotations per step; the failing step's own message takes one. */
export const maxIssueAnnotations = 9;

export interface Annotation {
  message: string;
  properties: { title: string; file?: string; startLine?: number; startColumn?: number };
}

/** One annotation per issue, at its file and line, for `core.error`; the rest are only counted. */
export function annotationsForIssues(issues: readonly UsageFileIssue[]): {
  annotations: Annotation[];
  omitted: number;
} {
  const annotations = issues.slice(0, maxIssueAnnotations).map((issue): Annotation => {
    const detail = [
      issue.expected === undefined ? undefined : `expected ${issue.expected}`,
      issue.found === undefined ? undefined : `found ${issue.found}`,
    ].filter((part) => part !== undefined);
    const message = `${issue.path === '' ? '' : `${issue.path}: `}${issue.message}${detail.length > 0 ? ` (${detail.join(', ')})` : ''}${issue.suggestion === undefined ? '' : `. Did you mean ${issue.suggestion}?`}`;
    const properties: Annotation['properties'] = { title: 'tunewise: invalid usage file', file: issue.file };
    if (issue.line > 0) properties.startLine = issue.line;
    if (issue.column > 0) properties.startColumn = issue.column;
    return { message, properties };
  });
  return { annotations, omitted: Math.max(0, issues.length - maxIssueAnnotations) };
}
