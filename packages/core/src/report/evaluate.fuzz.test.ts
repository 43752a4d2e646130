import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../__fixtures__/property-runs.js';
import { defaultCatalog, knownModelIds } from '../catalog/index.js';
import { formatUsageFileIssue, TunewiseError, UsageFileError } from '../errors/index.js';
import { hostileUsageFileText, numbersIn } from '../parse/__fixtures__/hostile-usage-files.js';
import { safeParseUsageFile } from '../parse/index.js';
import { renderMarkdown, renderText } from '../render/index.js';
import { evaluate } from './evaluate.js';

// A run prints its seed when it fails (fast-check's report); FUZZ_SEED replays one.
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const asOf = '2026-11-28';
const known = knownModelIds(defaultCatalog);

// biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is about control characters.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('parse → evaluate → render on hostile usage files (in process)', () => {
  it('either locates every problem at a line and column, or reports finite numbers in plain digits', () => {
    const runs = propertyRuns(400);
    let reported = 0;
    fc.assert(
      fc.property(hostileUsageFileText, ({ fileName, text }) => {
        const parsed = safeParseUsageFile(text, { fileName, knownModelIds: known });
        if (!parsed.success) {
          expect(UsageFileError.isInstance(parsed.error)).toBe(true);
          for (const issue of parsed.error.issues) {
            expect(issue.line).toBeGreaterThanOrEqual(1);
            expect(issue.column).toBeGreaterThanOrEqual(1);
            expect(issue.message).not.toMatch(/^could not be read/);
            expect(formatUsageFileIssue(issue)).not.toMatch(RAW_CONTROL);
          }
          return;
        }
        let report: ReturnType<typeof evaluate>;
        try {
          report = evaluate(parsed.value.usageFile, { asOf });
        } catch (error) {
          // A valid file must give a report; a TunewiseError here names an input the schema should have bounded.
          throw new Error(`evaluate threw on a file that parsed: ${(error as Error).message}`, { cause: error });
        }
        reported += 1;
        for (const number of numbersIn(report)) expect(Number.isFinite(number)).toBe(true);
        const markdown = renderMarkdown({ report });
        const text_ = renderText(report, { color: false });
        for (const output of [markdown, text_]) {
          expect(output).not.toMatch(/NaN|Infinity|(^|[^\w.])-0(?![\d.])/m);
          expect(output).not.toMatch(RAW_CONTROL);
        }
        for (const line of markdown.matchAll(/^ {4}line \[(.*)\]$/gm))
          expect(line[1]).toMatch(/^\d+(\.\d)?(, \d+(\.\d)?)*$/);
        expect(TunewiseError.isInstance(report)).toBe(false);
      }),
      { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
    );
    // The generator must reach the model, not only the parser's error paths.
    expect(reported).toBeGreaterThan(runs / 20);
  }, 120_000);
});
