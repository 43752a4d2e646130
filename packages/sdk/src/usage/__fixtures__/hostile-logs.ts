// Fuzz generators (no figures): JSONL usage-log lines in every shape the importer reads, with hostile values, mixed
// with garbage. Shared by the in-process fuzzing of importUsageLog and the fuzzing of the built CLI.
import fc from 'fast-check';
import { hostileNumber, hostileText } from '../../../../core/src/parse/__fixtures__/hostile-usage-files.js';

const count = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 200_000 }) },
  { weight: 1, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('12', '1e308', '-5', null, true, [], {}) },
);
const timestamp = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1_767_225_600, max: 1_796_083_200 }) }, // 2026 in unix seconds
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      0,
      -1,
      1e308,
      '+275760-09-13T00:00:00.000Z',
      '1970-01-01T00:00:00Z',
      '2026-11-30T12:00:00Z',
      'yesterday',
      '1793491200000000000',
    ),
  },
  { weight: 1, arbitrary: hostileNumber },
);
const model = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('gpt-4.1', 'gpt-4o-mini', 'claude-sonnet-4-5') },
  { weight: 1, arbitrary: hostileText },
);
const workload = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('triage', 'search') },
  { weight: 1, arbitrary: hostileText },
);

const openai = fc.record({
  object: fc.constant('chat.completion'),
  model,
  created: timestamp,
  metadata: fc.record({ workload }),
  usage: fc.record({
    prompt_tokens: count,
    completion_tokens: count,
    prompt_tokens_details: fc.record({ cached_tokens: count }),
  }),
});
const anthropic = fc.record({
  type: fc.constant('message'),
  model,
  metadata: fc.record({ workload }),
  usage: fc.record({ input_tokens: count, output_tokens: count, cache_read_input_tokens: count }),
});
const span = fc.record({
  spanId: fc.constant('abc'),
  startTimeUnixNano: timestamp.map((value) => (typeof value === 'number' ? String(value * 1e9) : value)),
  attributes: fc.record({
    'gen_ai.request.model': model,
    'gen_ai.usage.input_tokens': count,
    'gen_ai.usage.output_tokens': count,
    'app.workload': workload,
  }),
});

/** One line of a hostile log, without its newline (a garbage line may hold a `\r` or be very long). */
export const hostileLogLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(openai, anthropic, span).map((record) => JSON.stringify(record)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }).map((text) => text.replaceAll('\n', ' ')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '   ',
      '\r',
      '[]',
      'null',
      '"usage"',
      '{"usage":{}}',
      '{"usage":{"prompt_tokens":1e999}}',
      '{"resourceSpans":[{"scopeSpans":[{"spans":[null,1,{"attributes":[]}]}]}]}',
      `{"model":"${'m'.repeat(5000)}","usage":{"input_tokens":1,"output_tokens":1}}`,
      `{"pad":"${'x'.repeat(3000)}","usage":{"input_tokens":1,"output_tokens":1}}`,
    ),
  },
);

/** A whole hostile log: lines joined by `\n` or `\r\n`, with or without a final newline. */
export const hostileLog: fc.Arbitrary<string> = fc
  .tuple(fc.array(hostileLogLine, { minLength: 1, maxLength: 40 }), fc.boolean(), fc.boolean())
  .map(([lines, crlf, finalNewline]) => lines.join(crlf ? '\r\n' : '\n') + (finalNewline ? '\n' : ''));
