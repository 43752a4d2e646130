import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createUsageMeter } from './meter.js';
import { wrapOpenAI } from './openai.js';

// A loopback stand-in for api.openai.com that answers with the documented response shapes.
const chatCompletion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_764_000_000,
  model: 'gpt-4.1-mini-2025-04-14',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'Hi', refusal: null }, finish_reason: 'stop', logprobs: null },
  ],
  usage: {
    prompt_tokens: 1200,
    completion_tokens: 30,
    total_tokens: 1230,
    prompt_tokens_details: { cached_tokens: 1024 },
  },
};

const response = {
  id: 'resp_1',
  object: 'response',
  created_at: 1_764_000_000,
  status: 'completed',
  model: 'gpt-4.1-mini-2025-04-14',
  output: [
    {
      type: 'message',
      id: 'msg_1',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Hi', annotations: [] }],
    },
  ],
  usage: {
    input_tokens: 800,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 50,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 850,
  },
};

function sse(events: Array<{ event?: string; data: unknown }>): string {
  return `${events
    .map(
      ({ event, data }) =>
        `${event === undefined ? '' : `event: ${event}\n`}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
    )
    .join('')}`;
}

function chatStream(includeUsage: boolean): string {
  const chunk = (delta: object, finish: string | null) => ({
    id: 'chatcmpl-2',
    object: 'chat.completion.chunk',
    created: 1_764_000_000,
    model: 'gpt-4.1-mini-2025-04-14',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  return sse([
    { data: chunk({ role: 'assistant', content: 'Hel' }, null) },
    { data: chunk({ content: 'lo' }, 'stop') },
    ...(includeUsage
      ? [
          {
            data: {
              ...chunk({}, null),
              choices: [],
              usage: {
                prompt_tokens: 400,
                completion_tokens: 2,
                total_tokens: 402,
                prompt_tokens_details: { cached_tokens: 0 },
              },
            },
          },
        ]
      : []),
    { data: '[DONE]' },
  ]);
}

function responsesStream(): string {
  const streamed = { ...response, id: 'resp_2', usage: { ...response.usage, input_tokens: 300, output_tokens: 7 } };
  return sse([
    {
      event: 'response.created',
      data: {
        type: 'response.created',
        sequence_number: 0,
        response: { ...streamed, status: 'in_progress', output: [], usage: null },
      },
    },
    {
      event: 'response.output_text.delta',
      data: {
        type: 'response.output_text.delta',
        sequence_number: 1,
        item_id: 'msg_1',
        output_index: 0,
        content_index: 0,
        delta: 'Hi',
      },
    },
    { event: 'response.completed', data: { type: 'response.completed', sequence_number: 2, response: streamed } },
  ]);
}

const requests: Array<{ url: string; authorization: string | undefined }> = [];

async function handle(request: IncomingMessage, reply: ServerResponse): Promise<void> {
  let text = '';
  for await (const chunk of request) text += chunk;
  const body = JSON.parse(text) as { stream?: boolean; stream_options?: { include_usage?: boolean } };
  requests.push({ url: request.url ?? '', authorization: request.headers.authorization });
  if (body.stream) {
    reply.writeHead(200, { 'content-type': 'text/event-stream' });
    reply.end(
      request.url?.endsWith('/chat/completions')
        ? chatStream(body.stream_options?.include_usage === true)
        : responsesStream(),
    );
    return;
  }
  reply.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_123' });
  reply.end(JSON.stringify(request.url?.endsWith('/chat/completions') ? chatCompletion : response));
}

let server: Server;
let baseURL: string;

beforeAll(async () => {
  server = createServer((request, reply) => {
    handle(request, reply).catch((error: unknown) => {
      reply.writeHead(500);
      reply.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function setup(workload: string | ((body: Record<string, unknown>) => string) = 'support') {
  const meter = createUsageMeter();
  const raw = new OpenAI({ apiKey: 'sk-test-not-a-real-key', baseURL, maxRetries: 0 });
  return { meter, raw, client: wrapOpenAI(raw, { meter, workload }) };
}

describe('wrapOpenAI with the real openai client', () => {
  it('returns the same client type', () => {
    expectTypeOf(setup().client).toEqualTypeOf<OpenAI>();
  });

  it('records chat.completions.create and keeps the APIPromise helpers', async () => {
    const { meter, client } = setup();
    const { data, request_id } = await client.chat.completions
      .create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Hi');
    expect(request_id).toBe('req_123');
    const [workload] = meter.measure().workloads;
    expect(workload).toMatchObject({
      id: 'support',
      model: 'gpt-4.1-mini-2025-04-14',
      provider: 'openai',
      requests: 1,
    });
    expect(workload?.tokens.input.mean).toBe(1200);
    expect(workload?.tokens.cachedInput.mean).toBe(1024);
    expect(workload?.tokens.output.mean).toBe(30);
  });

  it('records responses.create', async () => {
    const { meter, client } = setup();
    const result = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Hi' });
    expect(result.output_text).toBe('Hi');
    expect(meter.measure().workloads[0]?.tokens).toMatchObject({ input: { mean: 800 }, output: { mean: 50 } });
  });

  it('records a streamed chat completion from its usage chunk, and nothing without include_usage', async () => {
    const { meter, client } = setup((body) => `by-${String(body.model)}`);
    const stream = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello');
    const unmeasured = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    for await (const _chunk of unmeasured) {
      // drain
    }
    const [workload] = meter.measure().workloads;
    expect(workload).toMatchObject({ id: 'by-gpt-4.1-mini', requests: 1 });
    expect(workload?.tokens.input.mean).toBe(400);
    expect(workload?.tokens.output.mean).toBe(2);
  });

  it('records a streamed Responses API call once, also through tee()', async () => {
    const { meter, client } = setup();
    const stream = await client.responses.create({ model: 'gpt-4.1-mini', input: 'Hi', stream: true });
    const [left, right] = stream.tee();
    const types: string[] = [];
    for await (const event of left) types.push(event.type);
    for await (const _event of right) {
      // drain the second branch: usage must not be counted twice
    }
    expect(types).toEqual(['response.created', 'response.output_text.delta', 'response.completed']);
    const [workload] = meter.measure().workloads;
    expect(workload?.requests).toBe(1);
    expect(workload?.tokens.input.mean).toBe(300);
    expect(workload?.tokens.output.mean).toBe(7);
  });

  it('leaves the original client unwrapped and other resources working', async () => {
    const { meter, raw, client } = setup();
    await raw.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }] });
    expect(meter.measure().workloads).toEqual([]);
    expect(client.baseURL).toBe(baseURL);
    expect(typeof client.models.list).toBe('function');
    expect(requests.every((request) => request.authorization === 'Bearer sk-test-not-a-real-key')).toBe(true);
  });
});
