import type { UsageFileIssue } from '@tunewise/sdk';
import { describe, expect, it } from 'vitest';
import { annotationsForIssues, maxIssueAnnotations } from './annotations.js';

function issue(line: number): UsageFileIssue {
  return {
    file: 'llm-usage.yml',
    line,
    column: 9,
    path: `workloads[${line}].volume`,
    message: 'is invalid',
    expected: 'a number',
    found: 'a string',
  };
}

describe('annotationsForIssues', () => {
  it('places each issue at its file, line and column', () => {
    expect(annotationsForIssues([{ ...issue(12), suggestion: 'volume' }]).annotations).toEqual([
      {
        message: 'workloads[12].volume: is invalid (expected a number, found a string). Did you mean volume?',
        properties: { title: 'tunewise: invalid usage file', file: 'llm-usage.yml', startLine: 12, startColumn: 9 },
      },
    ]);
  });

  it('leaves out the position of an issue that has none', () => {
    const { annotations } = annotationsForIssues([
      { file: 'llm-usage.yml', line: 0, column: 0, path: '', message: 'not found' },
    ]);
    expect(annotations[0]?.properties).toEqual({ title: 'tunewise: invalid usage file', file: 'llm-usage.yml' });
  });

  it('stays within GitHub’s 10 annotations per step, counting the failure message', () => {
    const { annotations, omitted } = annotationsForIssues(Array.from({ length: 25 }, (_, index) => issue(index + 1)));
    expect(annotations).toHaveLength(maxIssueAnnotations);
    expect(maxIssueAnnotations + 1).toBe(10);
    expect(omitted).toBe(16);
  });
});
