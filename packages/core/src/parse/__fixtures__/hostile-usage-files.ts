// Fuzz generators (no figures): usage files that are valid in shape but carry hostile or extreme values, written as
// YAML or JSON and sometimes damaged. Shared by core's in-process fuzzing and the sdk's fuzzing of the built CLI.
import fc from 'fast-check';
import { stringify } from 'yaml';

/** Strings an attacker or a careless edit puts where a name, id or key goes. */
export const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      '\u001b]52;c;Y3VybCBldmls\u0007',
      '\u001b[2J\u001b[31m',
      '\u009b31m',
      'report\u202Etxt.exe',
      'zero\u200Bwidth\uFEFF',
      'https://evil.example/login',
      'www.evil.example',
      '@octocat',
      '#12',
      '<img src=x onerror=alert(1)>',
      '::set-output name=x::y',
      '##[error]forged',
      '$(id)',
      '${{ secrets.TOKEN }}',
      '| a | b |',
      'line\nbreak',
      '\t',
      '',
      ' ',
      'a'.repeat(300),
    ),
  },
);

/** Numbers at and past every edge the schema and the cost model have. */
export const hostileNumber = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -10, max: 2_000_000 }) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      0,
      -0,
      -1,
      0.5,
      1,
      1e-300,
      5e-324,
      1e8,
      1e8 + 1,
      1e12,
      1e12 + 1,
      2 ** 53,
      1e21,
      1e300,
      1e308,
      -1e308,
      100_000,
      1_000_000,
    ),
  },
);

/** Anything a YAML value can be. */
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });

const anyValue = fc.oneof(
  { weight: 6, arbitrary: hostileNumber },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
);

/** Edge values every numeric field accepts (0 and 1 are allowed nearly everywhere): files that must reach the model. */
const plausibleNumber = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 100 }) },
  { weight: 1, arbitrary: fc.constantFrom(1, 2, 10, 1000) },
);

/** A usage file as data whose numbers come from `numberish` and whose names from `names`. */
function usageFileValue(numberish: fc.Arbitrary<unknown>, names: fc.Arbitrary<string>, hostileShare: number) {
  const pick = <T>(plain: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) =>
    hostileShare === 0 ? plain : fc.oneof({ weight: 10 - hostileShare, arbitrary: plain }, { weight: hostileShare, arbitrary: hostile });
const modelIds = [
  'openai/gpt-4.1',
  'openai/gpt-4o-mini',
  'anthropic/claude-sonnet-4-5',
  'google/gemini-2.5-flash',
  'acme/custom',
  'openai/gpt-4.1-minii',
];


const workload = fc.record(
  {
    id: pick(fc.constantFrom('bot', 'support-triage', 'x.y_z'), hostileText),
    name: optional(names),
    model: pick(fc.constantFrom(...modelIds.slice(0, 4)), fc.oneof(fc.constantFrom(...modelIds), hostileText)),
    volume: fc.record({
      requestsPerMonth: fc.oneof(
        numberish,
        fc.record({ low: numberish, expected: numberish, high: numberish }).map((range) => {
          // Mostly in order, as a user writes a range; the hostile share keeps its disorder.
          const values = [range.low, range.expected, range.high];
          if (hostileShare > 0 || !values.every((value) => typeof value === 'number')) return range;
          const [low, expected, high] = (values as number[]).sort((left, right) => left - right);
          return { low, expected, high };
        }),
      ),
      monthlyGrowth: optional(pick(fc.double({ min: -1, max: 1, noNaN: true }), hostileNumber)),
    }),
    prompt: fc.record(
      {
        instructionTokens: optional(numberish),
        exampleTokens: optional(numberish),
        inputTokens: numberish,
        outputTokens: numberish,
        cacheHitRate: optional(pick(fc.double({ min: 0, max: 1, noNaN: true }), hostileNumber)),
      },
      { requiredKeys: ['inputTokens', 'outputTokens'] },
    ),
    profile: optional(
      fc.record(
        {
          stage: pick(fc.constantFrom('prototype', 'mvp', 'production'), fc.constantFrom('prod', '')),
          domain: fc.constantFrom('general', 'healthcare', 'legal'),
          tasks: numberish,
          latencyTargetMs: numberish,
          changeCadence: fc.constantFrom('weekly', 'monthly', 'quarterly', 'rarely'),
        },
        { requiredKeys: [] },
      ),
    ),
    trainingData: optional(
      fc.record({ examples: numberish, quality: fc.constantFrom('low', 'medium', 'high') }, { requiredKeys: [] }),
    ),
    fineTune: optional(
      fc.record(
        {
          epochs: numberish,
          retrainEveryMonths: numberish,
          keepInstructionTokens: numberish,
          hosting: pick(fc.constant('provider'), fc.constantFrom('provider', 'self-hosted')),
          selfHosted: fc.record(
            {
              gpuHourly: numberish,
              tokensPerSecond: numberish,
              gpusPerReplica: numberish,
              minReplicas: numberish,
              peakFactor: numberish,
            },
            { requiredKeys: ['gpuHourly', 'tokensPerSecond'] },
          ),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: ['id', 'model', 'volume', 'prompt'] },
);

const price = fc.record(
  {
    input: numberish,
    output: numberish,
    cachedInput: numberish,
    fineTuning: fc.record({ training: numberish, input: numberish, output: numberish }),
  },
  { requiredKeys: ['input', 'output'] },
);

  return fc
  .tuple(
    fc.record(
      {
        version: pick(fc.constant<unknown>(1), fc.constantFrom<unknown>(2, '1')),
        assumptions: fc.record(
          {
            horizonMonths: numberish,
            engineerHourlyRate: numberish,
            mlExpertise: fc.constantFrom('none', 'some', 'dedicated'),
            effortHours: fc.record({ promptSetup: numberish, fineTuneSetup: numberish, retrain: numberish }, { requiredKeys: [] }),
          },
          { requiredKeys: [] },
        ),
        models: fc.dictionary(fc.constantFrom('acme/custom', 'openai/gpt-4.1', 'acme/other'), price, { maxKeys: 2 }),
        workloads: fc.array(workload, { minLength: 1, maxLength: 3 }),
        policy: fc.record({ failOn: fc.record({ monthlyCostIncreasePercent: numberish }) }),
      },
      { requiredKeys: ['version', 'workloads'] },
    ),
    hostileShare === 0 ? fc.constant(undefined) : fc.option(fc.tuple(hostileText, anyValue), { nil: undefined, freq: 3 }),
  )
  .map(([file, extra]) => {
    if (extra === undefined) return file;
    // defineProperty, so a "__proto__" key is an own key that the serialisers write out.
    Object.defineProperty(file, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
    return file;
  });
}


/** Usage files as data: half right in shape with edge values that must reach the model, the rest hostile. */
export const hostileUsageFileValue = fc.oneof(
  { weight: 2, arbitrary: usageFileValue(plausibleNumber, fc.constantFrom('Support bot', 'Triage (EU)'), 0) },
  {
    weight: 2,
    arbitrary: usageFileValue(fc.oneof({ weight: 5, arbitrary: plausibleNumber }, { weight: 1, arbitrary: anyValue }), hostileText, 2),
  },
);

/** A text edit that breaks syntax the way hand edits do: a tab indent, a cut, a stray character. */
const damage: fc.Arbitrary<DamageEdit> = fc.oneof(
  fc.record({ kind: fc.constant('tab' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat(20) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('\t', ':', '"', '{', '- ', '&a ', '*a', '\u0000', '\u001b') }),
);

function applyDamage(text: string, edit: DamageEdit): string {
  const at = text.length === 0 ? 0 : edit.at % text.length;
  if (edit.kind === 'tab') {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    return `${text.slice(0, lineStart)}\t${text.slice(lineStart).replace(/^ +/, '')}`;
  }
  if (edit.kind === 'cut') return text.slice(0, at) + text.slice(at + edit.length);
  return text.slice(0, at) + edit.text + text.slice(at);
}

type DamageEdit =
  | { kind: 'tab'; at: number }
  | { kind: 'cut'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string };

/** A hostile usage file as text, with the name it would have (`.yml` or `.json`). */
export interface HostileUsageFileText {
  fileName: 'fuzz.yml' | 'fuzz.json';
  text: string;
}

/** Hostile usage files as YAML or JSON text; about one in four also damaged. */
export const hostileUsageFileText: fc.Arbitrary<HostileUsageFileText> = fc
  .tuple(hostileUsageFileValue, fc.boolean(), fc.option(damage, { nil: undefined, freq: 3 }))
  .map(([value, asJson, edit]) => {
    const text = asJson ? JSON.stringify(value, null, 2) : stringify(value);
    return {
      fileName: asJson ? ('fuzz.json' as const) : ('fuzz.yml' as const),
      text: edit === undefined ? text : applyDamage(text, edit),
    };
  });

/** Every number anywhere in a value (a report, parsed JSON output). */
export function numbersIn(value: unknown): number[] {
  const found: number[] = [];
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'number') found.push(current);
    else if (typeof current === 'object' && current !== null) {
      for (const item of Array.isArray(current) ? current : Object.values(current)) pending.push(item);
    }
  }
  return found;
}
