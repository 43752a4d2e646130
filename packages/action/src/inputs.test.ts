import { describe, expect, it } from 'vitest';
import { InputError, normalizeRepositoryPath, readInputs } from './inputs.js';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('readInputs', () => {
  it('applies the defaults of action.yml when inputs are empty', () => {
    expect(readInputs(reader({ 'github-token': 't' }))).toEqual({
      config: 'llm-usage.yml',
      token: 't',
      comment: 'update',
      commentWhen: 'always',
      failOnPolicy: true,
      asOf: undefined,
      mode: 'compute',
      reportFile: undefined,
      commentAuthor: 'github-actions[bot]',
    });
  });

  it('reads every input', () => {
    const inputs = readInputs(
      reader({
        config: './ops/../ops/llm-usage.yaml',
        comment: 'new',
        'comment-when': 'changed',
        'fail-on-policy': 'false',
        'as-of': '2026-11-28',
        mode: 'comment',
        'report-file': 'tunewise/pr-report.json',
        'comment-author': 'my-app[bot]',
      }),
    );
    expect(inputs).toMatchObject({
      config: 'ops/llm-usage.yaml',
      comment: 'new',
      commentWhen: 'changed',
      failOnPolicy: false,
      asOf: '2026-11-28',
      mode: 'comment',
      reportFile: 'tunewise/pr-report.json',
      commentAuthor: 'my-app[bot]',
    });
  });

  it('names the input and what it accepts on a bad value', () => {
    expect(() => readInputs(reader({ comment: 'sometimes' }))).toThrow(
      'Input "comment" must be one of update, new, off, got "sometimes".',
    );
    expect(() => readInputs(reader({ 'fail-on-policy': 'yes' }))).toThrow(InputError);
    expect(() => readInputs(reader({ 'as-of': '28/11/2026' }))).toThrow('Input "as-of" must be a date YYYY-MM-DD');
    expect(() => readInputs(reader({ 'comment-author': 'app bot' }))).toThrow('Input "comment-author"');
    expect(() => readInputs(reader({ mode: 'comment' }))).toThrow(
      'Input "report-file" is required with mode "comment".',
    );
  });
});

describe('normalizeRepositoryPath', () => {
  it('refuses paths outside the repository', () => {
    expect(() => normalizeRepositoryPath('/etc/passwd', 'config')).toThrow('relative to the repository root');
    expect(() => normalizeRepositoryPath('../secrets.yml', 'config')).toThrow('inside the repository');
    expect(() => normalizeRepositoryPath('C:\\x.yml', 'config')).toThrow(InputError);
    expect(normalizeRepositoryPath('a\\b//c.yml', 'config')).toBe('a/b/c.yml');
  });
});
