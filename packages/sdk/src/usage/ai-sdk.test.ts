import { generateText, type LanguageModelMiddleware, streamText, wrapLanguageModel } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { usageMeterMiddleware } from './ai-sdk.js';
import { createUsageMeter } from './meter.js';

// Provider usage as the AI SDK's OpenAI and Anthropic providers report it (total includes cache reads and writes).
const usage = {
  inputTokens: { total: 2000, noCache: 400, cacheRead: 1500, cacheWrite: 100 },
  outputTokens: { total: 120, text: 120, reasoning: undefined },
};

function mockModel() {
  return new MockLanguageModelV4({
    provider: 'openai.responses',
    modelId: 'gpt-4.1-mini',
    doGenerate: async () => ({
      content: [{ type: 'text', text: 'Hello' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage,
      warnings: [],
    }),
    doStream: async () => ({
      stream: convertArrayToReadableStream([
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't1' },
        { type: 'text-delta', id: 't1', delta: 'Hel' },
        { type: 'text-delta', id: 't1', delta: 'lo' },
        { type: 'text-end', id: 't1' },
        {
          type: 'finish',
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: {
            inputTokens: { total: 500, noCache: 500, cacheRead: 0, cacheWrite: 0 },
            outputTokens: { total: 9, text: 9, reasoning: undefined },
          },
        },
      ]),
    }),
  });
}

describe('usageMeterMiddleware with the AI SDK', () => {
  it('is an AI SDK LanguageModelMiddleware', () => {
    expectTypeOf(
      usageMeterMiddleware({ meter: createUsageMeter(), workload: 'x' }),
    ).toExtend<LanguageModelMiddleware>();
  });

  it('records generateText usage through wrapLanguageModel', async () => {
    const meter = createUsageMeter();
    const model = wrapLanguageModel({
      model: mockModel(),
      middleware: usageMeterMiddleware({ meter, workload: 'support' }),
    });
    const result = await generateText({ model, prompt: 'Hi' });
    expect(result.text).toBe('Hello');
    const [workload] = meter.measure().workloads;
    expect(workload).toMatchObject({ id: 'support', model: 'gpt-4.1-mini', provider: 'openai', requests: 1 });
    expect(workload?.tokens).toMatchObject({
      input: { mean: 2000 },
      cachedInput: { mean: 1500 },
      output: { mean: 120 },
    });
  });

  it('records streamText usage from the finish part without changing the stream', async () => {
    const meter = createUsageMeter();
    const model = wrapLanguageModel({
      model: mockModel(),
      middleware: usageMeterMiddleware({ meter, workload: ({ modelId }) => `chat-${modelId}` }),
    });
    const result = streamText({ model, prompt: 'Hi' });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Hello');
    expect((await result.usage).inputTokens).toBe(500);
    const [workload] = meter.measure().workloads;
    expect(workload).toMatchObject({ id: 'chat-gpt-4.1-mini', requests: 1 });
    expect(workload?.tokens).toMatchObject({ input: { mean: 500 }, output: { mean: 9 } });
  });
});
