/** A seeded generator in [0, 1) (mulberry32): the same seed gives the same log on every machine. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Synthetic usage logs for the warehouse tests: made up, not captured. A seeded generator writes the
 * documented shapes of `usage-log.jsonl` (see README.md beside it) with random token counts, and keeps
 * each record's normalised counts so a test knows the exact order statistics behind every p95.
 */

/** One generated LLM call, normalised the way `normalizeUsage` reads it. */
export interface SyntheticCall {
  workload: string;
  model: string;
  provider: 'openai' | 'anthropic';
  atMs: number;
  input: number;
  cached: number;
  output: number;
}

export interface SyntheticLog {
  /** OTel GenAI spans, in the OTLP/JSON shape (attributes as a key/value list). */
  spans: SyntheticCall[];
  /** OpenAI and Anthropic response objects. */
  responses: SyntheticCall[];
  /** JSONL text of the spans (one OTLP/JSON span per line, every 50th line an OTLP batch of two spans). */
  spanLines: string;
  /** JSONL text of the responses (Chat Completions, Responses API, Anthropic Messages, mixed). */
  responseLines: string;
}

/**
 * The whole number nearest `target` that the meter's 1% quantile sketch reports exactly: its bucket's
 * representative 2γ^i / (γ + 1), rounded, as `QuantileSketch.quantile` then `Math.round` give it.
 */
function sketchExact(target: number): number {
  const gamma = 1.01 / 0.99;
  const bucket = Math.ceil(Math.log(target) / Math.log(gamma));
  return Math.round((2 * gamma ** bucket) / (gamma + 1));
}

const START_MS = Date.UTC(2026, 10, 1);

const spanObject = (call: SyntheticCall, index: number) => ({
  traceId: index.toString(16).padStart(32, '0'),
  spanId: index.toString(16).padStart(16, '0'),
  name: `chat ${call.model}`,
  kind: 3,
  startTimeUnixNano: `${BigInt(call.atMs) * 1_000_000n}`,
  attributes: [
    { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
    { key: 'gen_ai.provider.name', value: { stringValue: call.provider } },
    { key: 'gen_ai.request.model', value: { stringValue: call.model } },
    { key: 'app.workload', value: { stringValue: call.workload } },
    { key: 'gen_ai.usage.input_tokens', value: { intValue: String(call.input) } },
    { key: 'gen_ai.usage.cache_read.input_tokens', value: { intValue: String(call.cached) } },
    { key: 'gen_ai.usage.output_tokens', value: { intValue: String(call.output) } },
  ],
});

function responseObject(call: SyntheticCall, index: number): Record<string, unknown> {
  const created = Math.floor(call.atMs / 1000);
  if (call.provider === 'anthropic') {
    // Anthropic's input_tokens excludes the cache: the normalised input is the sum of the three.
    return {
      id: `msg_${index}`,
      type: 'message',
      role: 'assistant',
      model: call.model,
      created_at: created,
      metadata: { workload: call.workload },
      usage: {
        input_tokens: call.input - call.cached,
        cache_read_input_tokens: call.cached,
        cache_creation_input_tokens: 0,
        output_tokens: call.output,
      },
    };
  }
  if (index % 2 === 0) {
    return {
      id: `chatcmpl-${index}`,
      object: 'chat.completion',
      created,
      model: call.model,
      metadata: { workload: call.workload },
      usage: {
        prompt_tokens: call.input,
        completion_tokens: call.output,
        total_tokens: call.input + call.output,
        prompt_tokens_details: { cached_tokens: call.cached },
      },
    };
  }
  return {
    id: `resp_${index}`,
    object: 'response',
    created_at: created,
    model: call.model,
    metadata: { workload: call.workload },
    usage: {
      input_tokens: call.input,
      input_tokens_details: { cached_tokens: call.cached },
      output_tokens: call.output,
      total_tokens: call.input + call.output,
    },
  };
}

/**
 * A log of `count` spans and `count` responses over three workloads and a week. With `p95AtMax`, the
 * top tenth of every workload's counts equal its maximum, a value the sketch reports exactly, so every
 * engine's p95 and the sketch's are that value: the numbers then agree to the token.
 */
export function syntheticUsageLog(options: { count: number; seed: number; p95AtMax?: boolean }): SyntheticLog {
  const random = createRandom(options.seed);
  const workloads = [
    { workload: 'triage', model: 'gpt-4.1-mini', provider: 'openai' as const, input: 3000, output: 300 },
    { workload: 'summaries', model: 'claude-sonnet-4-5', provider: 'anthropic' as const, input: 9000, output: 700 },
    { workload: 'extract', model: 'gpt-4.1', provider: 'openai' as const, input: 1200, output: 80 },
  ];
  const weekMs = 7 * 86_400_000;
  const make = (index: number): SyntheticCall => {
    const shape = workloads[Math.floor(random() * workloads.length)]!;
    // Log-normal-ish token counts: a long right tail, as real prompts have.
    const spread = () => Math.exp((random() - 0.5) * 1.6);
    let input = Math.round(shape.input * spread());
    let output = Math.round(shape.output * spread());
    let cached = random() < 0.3 ? 0 : Math.round(input * 0.6);
    if (options.p95AtMax === true && random() < 0.1) {
      input = sketchExact(shape.input * 5);
      output = sketchExact(shape.output * 5);
      cached = cached === 0 ? 0 : sketchExact(input * 0.6);
    }
    return { ...shape, atMs: START_MS + Math.round((index / (options.count - 1)) * weekMs), input, cached, output };
  };
  const spans = Array.from({ length: options.count }, (_, index) => make(index));
  const responses = Array.from({ length: options.count }, (_, index) => make(index));
  const spanText: string[] = [];
  for (let index = 0; index < spans.length; index += 1) {
    const next = spans[index + 1];
    if (index % 50 === 0 && next !== undefined) {
      const batch = [spanObject(spans[index]!, index), spanObject(next, index + 1)];
      spanText.push(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: batch }] }] }));
      index += 1;
    } else {
      spanText.push(JSON.stringify(spanObject(spans[index]!, index)));
    }
  }
  return {
    spans,
    responses,
    spanLines: `${spanText.join('\n')}\n`,
    responseLines: `${responses.map((call, index) => JSON.stringify(responseObject(call, index))).join('\n')}\n`,
  };
}

/** The exact values at ranks floor(h) − 1 … ceil(h) + 1 around h = 0.95 (n − 1), clamped to the data. */
export function p95Neighbourhood(values: readonly number[]): { low: number; high: number } {
  const sorted = [...values].sort((left, right) => left - right);
  const rank = 0.95 * (sorted.length - 1);
  return {
    low: sorted[Math.max(0, Math.floor(rank) - 1)]!,
    high: sorted[Math.min(sorted.length - 1, Math.ceil(rank) + 1)]!,
  };
}
