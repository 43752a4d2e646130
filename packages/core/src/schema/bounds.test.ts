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

const rateAndPrices = (rate: string, price: string) => `version: 1
assumptions:
  engineerHourlyRate: ${rate}
models:
  acme/x:
    input: ${price}
    output: ${price}
    fineTuning: { training: ${price}, input: ${price}, output: ${price} }
workloads:
  - id: huge
    model: acme/x
    volume: { requestsPerMonth: 1000 }
    prompt: { inputTokens: 100, outputTokens: 100 }
`;

describe('bounds on money and hours', () => {
  it('refuses engineerHourlyRate 1e308 and prices of 1e300 at their lines, instead of an infinite total without one', () => {
    const error = (() => {
      try {
        parseUsageFile(rateAndPrices('1e308', '1e300'), { fileName: 'x.yml' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(UsageFileError.isInstance(error)).toBe(true);
    const issues = (error as UsageFileError).issues;
    expect(issues.map((issue) => [issue.path, issue.line])).toEqual([
      ['assumptions.engineerHourlyRate', 3],
      ['models["acme/x"].input', 6],
      ['models["acme/x"].output', 7],
      ['models["acme/x"].fineTuning.training', 8],
      ['models["acme/x"].fineTuning.input', 8],
      ['models["acme/x"].fineTuning.output', 8],
    ]);
    expect(issues[0]?.line).toBeGreaterThan(0);
  });

  it('accepts the largest price and rate', () => {
    expect(() => parseUsageFile(rateAndPrices('100000', '1000000'), { fileName: 'x.yml' })).not.toThrow();
  });
});
