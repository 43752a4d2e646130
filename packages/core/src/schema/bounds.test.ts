import { describe, expect, it } from 'vitest';
import { UsageFileError } from '../errors/index.js';
import { parseUsageFile } from '../parse/index.js';

const file = (volume: string, growth = '0') => `version: 1
assumptions: { horizonMonths: 120 }
workloads:
  - id: huge
    model: acme/x
    volume: { requestsPerMonth: ${volume}, monthlyGrowth: ${growth} }
    prompt: { inputTokens: 100, outputTokens: 100 }
models:
  acme/x: { input: 1, output: 1 }
`;

// Bounds keep every figure finite: 1e12 requests growing 100% a month for 120 months is about 6.6e47.
describe('usage-file bounds', () => {
  it('accepts the largest volume and growth', () => {
    expect(() => parseUsageFile(file('1000000000000', '1'), { fileName: 'x.yml' })).not.toThrow();
  });

  it('refuses a volume above 1e12 and growth above 100% a month, at their lines', () => {
    try {
      parseUsageFile(file('1e300', '100'), { fileName: 'x.yml' });
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(UsageFileError.isInstance(error)).toBe(true);
      const issues = (error as UsageFileError).issues;
      expect(issues.map((issue) => [issue.path, issue.line])).toEqual([
        ['workloads[0].volume.requestsPerMonth', 6],
        ['workloads[0].volume.monthlyGrowth', 6],
      ]);
    }
  });
});
