import { describe, expect, it } from 'vitest';
import { normalizeUsage, spanAttributes } from './usage-shapes.js';

// Shapes copied from each provider's API reference (field names and nesting), with round numbers.
describe('normalizeUsage', () => {
  it('reads OpenAI Chat Completions usage, where prompt_tokens include cached tokens', () => {
    expect(
      normalizeUsage({
        prompt_tokens: 1200,
        completion_tokens: 300,
        total_tokens: 1500,
        prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      }),
    ).toEqual({ inputTokens: 1200, cachedInputTokens: 1024, cacheWriteTokens: 0, outputTokens: 300 });
  });

  it('reads OpenAI Responses usage', () => {
    expect(
      normalizeUsage({
        input_tokens: 900,
        input_tokens_details: { cached_tokens: 512 },
        output_tokens: 100,
        output_tokens_details: { reasoning_tokens: 40 },
        total_tokens: 1000,
      }),
    ).toEqual({ inputTokens: 900, cachedInputTokens: 512, cacheWriteTokens: 0, outputTokens: 100 });
  });

  it('adds Anthropic cache reads and writes to input_tokens, which excludes them', () => {
    expect(
      normalizeUsage({
        input_tokens: 50,
        cache_creation_input_tokens: 2000,
        cache_read_input_tokens: 3000,
        output_tokens: 250,
      }),
    ).toEqual({ inputTokens: 5050, cachedInputTokens: 3000, cacheWriteTokens: 2000, outputTokens: 250 });
    // Anthropic sends null for an unused cache field.
    expect(
      normalizeUsage({
        input_tokens: 10,
        cache_read_input_tokens: null,
        cache_creation_input_tokens: 4,
        output_tokens: 1,
      }),
    ).toEqual({ inputTokens: 14, cachedInputTokens: 0, cacheWriteTokens: 4, outputTokens: 1 });
  });

  it('reads OTel GenAI attributes, flat or in OTLP/JSON form, current and deprecated names', () => {
    expect(
      normalizeUsage({
        'gen_ai.request.model': 'gpt-4.1-mini',
        'gen_ai.usage.input_tokens': 700,
        'gen_ai.usage.cache_read.input_tokens': 600,
        'gen_ai.usage.output_tokens': 80,
      }),
    ).toEqual({ inputTokens: 700, cachedInputTokens: 600, cacheWriteTokens: 0, outputTokens: 80 });
    expect(normalizeUsage({ 'gen_ai.usage.prompt_tokens': 5, 'gen_ai.usage.completion_tokens': 6 })).toEqual({
      inputTokens: 5,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 6,
    });
    const span = {
      name: 'chat gpt-4.1-mini',
      attributes: [
        { key: 'gen_ai.usage.input_tokens', value: { intValue: '321' } },
        { key: 'gen_ai.usage.output_tokens', value: { intValue: 12 } },
      ],
    };
    expect(normalizeUsage(span)).toEqual({
      inputTokens: 321,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 12,
    });
  });

  it('reads AI SDK provider usage and result usage', () => {
    expect(
      normalizeUsage({
        inputTokens: { total: 400, noCache: 100, cacheRead: 250, cacheWrite: 50 },
        outputTokens: { total: 30, text: 30, reasoning: undefined },
      }),
    ).toEqual({ inputTokens: 400, cachedInputTokens: 250, cacheWriteTokens: 50, outputTokens: 30 });
    expect(normalizeUsage({ inputTokens: 40, outputTokens: 3, totalTokens: 43, cachedInputTokens: 8 })).toEqual({
      inputTokens: 40,
      cachedInputTokens: 8,
      cacheWriteTokens: 0,
      outputTokens: 3,
    });
  });

  it('unwraps a response object and rejects values without token counts', () => {
    expect(
      normalizeUsage({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        usage: { prompt_tokens: 3, completion_tokens: 4 },
      }),
    ).toMatchObject({ inputTokens: 3, outputTokens: 4 });
    expect(normalizeUsage({ id: 'x', object: 'chat.completion' })).toBeUndefined();
    expect(normalizeUsage(null)).toBeUndefined();
    expect(normalizeUsage('12')).toBeUndefined();
    expect(normalizeUsage({ prompt_tokens: -4, completion_tokens: 'many' })).toEqual({
      inputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
    });
  });
});

describe('spanAttributes', () => {
  it('flattens OTLP key/value lists and passes plain objects through', () => {
    expect(
      spanAttributes([
        { key: 'a', value: { stringValue: 'x' } },
        { key: 'b', value: { doubleValue: 1.5 } },
        { key: 'c', value: { boolValue: false } },
        { nonsense: true },
      ]),
    ).toEqual({ a: 'x', b: 1.5, c: false });
    expect(spanAttributes({ a: 1 })).toEqual({ a: 1 });
    expect(spanAttributes(7)).toEqual({});
  });
});
