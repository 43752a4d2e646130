import { describe, expect, it } from 'vitest';
import { parseUsageFile } from '../parse/index.js';
import { evaluate } from '../report/index.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

/** The largest figures the schema accepts (see schema/usage-file.ts): every total must stay finite and plain. */
const largest = `version: 1
assumptions:
  horizonMonths: 120
  engineerHourlyRate: 100000
  effortHours: { promptSetup: 100000, promptMonthly: 100000, fineTuneSetup: 100000, fineTuneMonthly: 100000, retrain: 100000 }
models:
  acme/x:
    input: 1000000
    output: 1000000
    fineTuning: { training: 1000000, input: 1000000, output: 1000000 }
workloads:
  - id: largest
    model: acme/x
    volume: { requestsPerMonth: 1000000000000, monthlyGrowth: 1 }
    prompt: { instructionTokens: 100000000, exampleTokens: 100000000, inputTokens: 100000000, outputTokens: 100000000 }
    trainingData: { examples: 1000000000, quality: high }
`;

/** Nothing can cost anything: the break-even is 0 requests, which once printed as "-0". */
const free = `version: 1
assumptions: { engineerHourlyRate: 0 }
models:
  acme/free: { input: 0, output: 0, fineTuning: { training: 0, input: 0, output: 0 } }
workloads:
  - id: free
    model: acme/free
    volume: { requestsPerMonth: 0 }
    prompt: { inputTokens: 0, outputTokens: 0 }
    trainingData: { examples: 1000, quality: high }
`;

const report = (text: string) =>
  evaluate(parseUsageFile(text, { fileName: 'x.yml' }).usageFile, { asOf: '2026-11-28' });

/** The numbers on the chart's data lines (`line [...]`) of every Mermaid block. */
function chartNumbers(markdown: string): string[] {
  return [...markdown.matchAll(/^ {4}line \[(.*)\]$/gm)].flatMap((match) => match[1]!.split(', '));
}

describe('renderers at the bounds of the schema', () => {
  it('keep every figure of the largest accepted file finite, and the chart in plain digits Mermaid can read', () => {
    const largestReport = report(largest);
    const json = JSON.stringify(largestReport);
    expect(json).not.toMatch(/null,"total"|Infinity|NaN/);
    const markdown = renderMarkdown({ report: largestReport });
    const numbers = chartNumbers(markdown);
    expect(numbers.length).toBeGreaterThan(0);
    // Whole numbers, or thousands to one decimal: never an exponent.
    for (const number of numbers) expect(number).toMatch(/^\d+(\.\d)?$/);
    // Hex colours of the chart's palette (#009E73) are not exponents.
    expect(markdown.replace(/#[0-9A-F]{6}\b/gi, '')).not.toMatch(/\d[eE][+-]?\d/);
    expect(renderText(largestReport, { color: false })).not.toMatch(/Infinity|NaN|\d[eE][+-]\d/);
  });

  it('never print "-0"', () => {
    const freeReport = report(free);
    const markdown = renderMarkdown({ report: freeReport });
    const text = renderText(freeReport, { color: false });
    expect(markdown).toContain('| Strategy | Model |');
    for (const output of [markdown, text]) expect(output).not.toMatch(/(^|[^\w.])-0(?![\d.])/m);
  });
});
