import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageFileError } from '../errors/usage-file-error.js';
import { safeParseUsageFile } from './parse-usage-file.js';

// Generated cases take seconds on a slow, shared runner; vitest's 5 s default flaked there under load.
const PROPERTY_TIMEOUT_MS = 120_000;

/** Fragments that steer random text into YAML's and JSON's corners: flow, anchors, tags, documents. */
const fragments = [
  'version',
  'workloads',
  'id',
  'model',
  'volume',
  'requestsPerMonth',
  'prompt',
  ':',
  ': ',
  ' ',
  '  ',
  '\n',
  '\t',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  '&a ',
  '*a',
  '? ',
  '!!str ',
  '!foo ',
  '---',
  '...',
  '%YAML 1.2\n',
  '1',
  '-5',
  '.inf',
  '.nan',
  '1e999',
  '0x1F',
  'null',
  '~',
  'true',
  '|',
  '>',
  '\\',
  '\u00e9',
  '\uFEFF',
  '\r\n',
];

const validFile = readFileSync(new URL('./__fixtures__/valid-multi-workload.yml', import.meta.url), 'utf8');

/** The valid fixture with a few random cuts and insertions: garbage that gets past the YAML parser. */
const damagedFile = fc
  .array(fc.tuple(fc.nat(validFile.length), fc.nat(8), fc.constantFrom(...fragments)), { minLength: 1, maxLength: 4 })
  .map((edits) =>
    edits.reduce((text, [at, cut, insert]) => text.slice(0, at) + insert + text.slice(at + cut), validFile),
  );

const garbage = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.constantFrom(...fragments), { maxLength: 120 }).map((parts) => parts.join('')),
  damagedFile,
);

describe('safeParseUsageFile on garbage', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it.each(['llm-usage.yml', 'llm-usage.json'])('returns a located UsageFileError and never throws (%s)', (fileName) => {
    fc.assert(
      fc.property(garbage, (text) => {
        const result = safeParseUsageFile(text, { fileName, knownModelIds: ['openai/gpt-4o'] });
        if (result.success) return;
        expect(UsageFileError.isInstance(result.error)).toBe(true);
        expect(result.error.issues.length).toBeGreaterThan(0);
        for (const issue of result.error.issues) {
          expect(issue.file).toBe(fileName);
          // The catch-all guard in safeParseUsageFile is for the unforeseen; garbage must not reach it.
          expect(issue.message).not.toMatch(/^could not be read/);
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 1000, seed: 20261128 },
    );
  });
});
