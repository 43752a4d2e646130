import { describe, expect, it } from 'vitest';
import { UsageFileError } from '../errors/index.js';
import { safeParseUsageFile } from './parse-usage-file.js';

const workloads = `workloads:
  - id: bot
    model: openai/gpt-4.1
    volume: { requestsPerMonth: 1000 }
    prompt: { inputTokens: 300, outputTokens: 200 }
`;

describe('a __proto__ key', () => {
  it('fails at its line in YAML, in models and anywhere else, instead of passing validation', () => {
    const result = safeParseUsageFile(
      `version: 1\nmodels:\n  __proto__: { input: 1, output: 2 }\nassumptions:\n  __proto__: { horizonMonths: 1 }\n${workloads}`,
      { fileName: 'llm-usage.yml' },
    );
    expect(result.success).toBe(false);
    const issues = result.success ? [] : (result.error as UsageFileError).issues;
    expect(issues.map((issue) => [issue.line, issue.column, issue.path, issue.message])).toEqual([
      [3, 3, 'models.__proto__', '"__proto__" cannot be a key'],
      [5, 3, 'assumptions.__proto__', '"__proto__" cannot be a key'],
    ]);
  });

  it('fails at its line and column in JSON', () => {
    const text = `{"version": 1,\n "models": {"__proto__": {"input": 1, "output": 2}},\n "workloads": [{"id": "bot", "model": "openai/gpt-4.1", "volume": {"requestsPerMonth": 1}, "prompt": {"inputTokens": 1, "outputTokens": 1}}]}`;
    const result = safeParseUsageFile(text, { fileName: 'llm-usage.json' });
    expect(result.success).toBe(false);
    const error = result.success ? undefined : result.error;
    expect(UsageFileError.isInstance(error)).toBe(true);
    expect((error as UsageFileError).issues).toEqual([
      expect.objectContaining({
        line: 2,
        column: 13,
        path: 'models.__proto__',
        message: '"__proto__" cannot be a key',
      }),
    ]);
  });
});

describe('a tab in indentation', () => {
  it('is one issue at the first tab, naming the other tab-indented lines, not a cascade of errors after it', () => {
    const text =
      'version: 1\nworkloads:\n  - id: bot\n\tmodel: openai/gpt-4.1\n\tvolume: { requestsPerMonth: 1000 }\n    prompt: { inputTokens: 300, outputTokens: 200 }\n';
    const result = safeParseUsageFile(text, { fileName: 'llm-usage.yml' });
    expect(result.success).toBe(false);
    const issues = result.success ? [] : result.error.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 4, column: 1, expected: 'indentation with spaces' });
    expect(issues[0]?.message).toMatch(/^invalid YAML: a tab used for indentation; indent with spaces/);
  });
});
