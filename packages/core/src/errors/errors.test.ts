import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeStrategies } from '../cost/cost-model.js';
import { parseUsageFile } from '../parse/index.js';
import { evaluate } from '../report/evaluate.js';
import type { UsageFile } from '../schema/usage-file.js';
import { InvalidAsOfError } from './invalid-as-of-error.js';
import { NonFiniteCostError } from './non-finite-cost-error.js';
import { TunewiseError } from './tunewise-error.js';
import { UncountedPromptFilesError } from './uncounted-prompt-files-error.js';
import { UnknownModelError } from './unknown-model-error.js';
import { UsageFileError } from './usage-file-error.js';

const w1 = parseUsageFile(readFileSync(new URL('../cost/__fixtures__/w1-support-bot.yml', import.meta.url), 'utf8'), {
  fileName: 'w1-support-bot.yml',
}).usageFile;
const workload = w1.workloads[0]!;

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const classes = [InvalidAsOfError, NonFiniteCostError, UncountedPromptFilesError, UnknownModelError, UsageFileError];

/** Each error as a caller meets it, from the public function that throws it. */
const cases = [
  { type: InvalidAsOfError, error: () => thrown(() => evaluate(w1, { asOf: '2026-13-01' })) },
  {
    type: UnknownModelError,
    error: () =>
      thrown(() =>
        computeStrategies({
          workload: { ...workload, model: 'nobody/none' },
          assumptions: w1.assumptions,
          asOf: '2026-11-28',
          resolveModel: () => undefined,
        }),
      ),
  },
  {
    type: UncountedPromptFilesError,
    error: () =>
      thrown(() =>
        evaluate(
          {
            ...w1,
            workloads: [
              {
                ...workload,
                prompt: { ...workload.prompt, exampleTokens: undefined, exampleFiles: ['examples/*.md'] },
              },
            ],
          } as UsageFile,
          { asOf: '2026-11-28' },
        ),
      ),
  },
  {
    type: NonFiniteCostError,
    error: () =>
      thrown(() =>
        evaluate(
          {
            ...w1,
            assumptions: { ...w1.assumptions, horizonMonths: 120 },
            workloads: [{ ...workload, volume: { requestsPerMonth: 1e12, monthlyGrowth: 1e6 } }],
          } as UsageFile,
          { asOf: '2026-11-28', draws: 10 },
        ),
      ),
  },
];

describe('error classes', () => {
  for (const { type, error: make } of cases) {
    it(`${type.name}: a stable name, isInstance for its own class and TunewiseError only`, () => {
      const error = make();
      expect(error).toBeInstanceOf(type);
      expect((error as Error).name).toBe(type.name);
      expect(TunewiseError.isInstance(error)).toBe(true);
      for (const other of classes) expect(other.isInstance(error)).toBe(other === type);
    });
  }

  it('recognises an error from another copy of the package by its Symbol.for marker, not its prototype', () => {
    const error = cases[0]!.error() as object;
    // What a second copy of @tunewise/core would throw: a different prototype carrying the same registered symbol.
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('tunewise.error')]: true,
      [Symbol.for('tunewise.error.invalid-as-of')]: true,
    });
    expect(foreign).not.toBeInstanceOf(InvalidAsOfError);
    expect(InvalidAsOfError.isInstance(foreign)).toBe(true);
    expect(InvalidAsOfError.isInstance(new Error('plain'))).toBe(false);
    expect(InvalidAsOfError.isInstance(undefined)).toBe(false);
    expect(Object.getOwnPropertySymbols(error)).toContain(Symbol.for('tunewise.error.invalid-as-of'));
  });

  it('carries the fields a caller needs to act on it', () => {
    expect(cases[0]!.error()).toMatchObject({ asOf: '2026-13-01' });
    expect(cases[1]!.error()).toMatchObject({ workloadId: 'support-bot', model: 'nobody/none' });
    expect(cases[2]!.error()).toMatchObject({ workloadId: 'support-bot', field: 'exampleFiles' });
    expect(cases[3]!.error()).toMatchObject({ workloadId: 'support-bot' });
  });
});
