/**
 * Token counts of one LLM call, whatever API reported them. `inputTokens` is every prompt token the
 * provider processed, cached or not (cache reads and cache writes included), so it is comparable
 * across providers; `cachedInputTokens` is the part served from the provider's prompt cache.
 */
export interface TokenUsage {
  /** All input (prompt) tokens, including cache reads and cache writes. */
  inputTokens: number;
  /** Input tokens read from the provider's prompt cache (billed at the cached price). */
  cachedInputTokens: number;
  /** Input tokens written to the provider's prompt cache (Anthropic, OTel `cache_creation`); 0 if unknown. */
  cacheWriteTokens: number;
  /** Output (completion) tokens, reasoning tokens included. */
  outputTokens: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** A finite non-negative number from a number or a numeric string (OTLP sends int64 as strings). */
function tokenCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && value !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
  }
  return undefined;
}

/** OTel GenAI attribute names (current and deprecated spellings), read in order of preference. */
export const OTEL_ATTRIBUTES = {
  inputTokens: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'],
  outputTokens: ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'],
  cacheRead: [
    'gen_ai.usage.cache_read.input_tokens',
    'gen_ai.usage.cache_read_input_tokens',
    'gen_ai.usage.input_tokens.cached',
  ],
  cacheWrite: [
    'gen_ai.usage.cache_creation.input_tokens',
    'gen_ai.usage.cache_creation_input_tokens',
    'gen_ai.usage.input_tokens.cache_write',
  ],
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  provider: ['gen_ai.provider.name', 'gen_ai.system'],
} as const;

function firstCount(attributes: Json, names: readonly string[]): number | undefined {
  for (const name of names) {
    const value = tokenCount(attributes[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * Reads OTel GenAI span attributes. The semantic conventions say `gen_ai.usage.input_tokens` SHOULD
 * include cache reads and writes; we trust that, but never report fewer input tokens than cache reads
 * plus writes, which covers instrumentations that follow Anthropic's exclusive counting.
 */
function fromOtelAttributes(attributes: Json): TokenUsage | undefined {
  const input = firstCount(attributes, OTEL_ATTRIBUTES.inputTokens);
  const output = firstCount(attributes, OTEL_ATTRIBUTES.outputTokens);
  if (input === undefined && output === undefined) return undefined;
  const cacheRead = firstCount(attributes, OTEL_ATTRIBUTES.cacheRead) ?? 0;
  const cacheWrite = firstCount(attributes, OTEL_ATTRIBUTES.cacheWrite) ?? 0;
  return {
    inputTokens: Math.max(input ?? 0, cacheRead + cacheWrite),
    cachedInputTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    outputTokens: output ?? 0,
  };
}

/**
 * Normalises a usage object from any supported API into {@link TokenUsage}, or `undefined` when the
 * value carries no token counts. Accepted shapes:
 * - OpenAI Chat Completions `usage` (`prompt_tokens`, `completion_tokens`, `prompt_tokens_details.cached_tokens`);
 * - OpenAI Responses `usage` (`input_tokens`, `output_tokens`, `input_tokens_details.cached_tokens`);
 * - Anthropic Messages `usage` (`input_tokens` excludes the cache, so cache reads
 *   `cache_read_input_tokens` and writes `cache_creation_input_tokens` are added to it);
 * - OpenTelemetry GenAI span attributes as a flat object (`gen_ai.usage.*`);
 * - the AI SDK's provider usage (`inputTokens: { total, cacheRead, cacheWrite }`, `outputTokens: { total }`)
 *   and its result usage (`inputTokens`, `outputTokens`, `cachedInputTokens`, `inputTokenDetails`);
 * - a {@link TokenUsage}; and any response object carrying one of these under `usage`.
 */
export function normalizeUsage(value: unknown): TokenUsage | undefined {
  if (!isObject(value)) return undefined;

  if ('prompt_tokens' in value || 'completion_tokens' in value) {
    const details = isObject(value.prompt_tokens_details) ? value.prompt_tokens_details : {};
    const cached = tokenCount(details.cached_tokens) ?? 0;
    return {
      inputTokens: tokenCount(value.prompt_tokens) ?? 0,
      cachedInputTokens: cached,
      cacheWriteTokens: 0,
      outputTokens: tokenCount(value.completion_tokens) ?? 0,
    };
  }

  if ('input_tokens' in value || 'output_tokens' in value) {
    const input = tokenCount(value.input_tokens) ?? 0;
    const output = tokenCount(value.output_tokens) ?? 0;
    const cacheRead = tokenCount(value.cache_read_input_tokens);
    const cacheWrite = tokenCount(value.cache_creation_input_tokens);
    if (cacheRead !== undefined || cacheWrite !== undefined) {
      // Anthropic: input_tokens counts only the tokens after the last cache breakpoint.
      return {
        inputTokens: input + (cacheRead ?? 0) + (cacheWrite ?? 0),
        cachedInputTokens: cacheRead ?? 0,
        cacheWriteTokens: cacheWrite ?? 0,
        outputTokens: output,
      };
    }
    const details = isObject(value.input_tokens_details) ? value.input_tokens_details : {};
    return {
      inputTokens: input,
      cachedInputTokens: tokenCount(details.cached_tokens) ?? 0,
      cacheWriteTokens: 0,
      outputTokens: output,
    };
  }

  if (isObject(value.inputTokens) || isObject(value.outputTokens)) {
    // AI SDK provider usage (LanguageModelV3/V4Usage): total includes cache reads and writes.
    const input = isObject(value.inputTokens) ? value.inputTokens : {};
    const output = isObject(value.outputTokens) ? value.outputTokens : {};
    const cacheRead = tokenCount(input.cacheRead) ?? 0;
    const cacheWrite = tokenCount(input.cacheWrite) ?? 0;
    const noCache = tokenCount(input.noCache);
    const total = tokenCount(input.total) ?? (noCache === undefined ? 0 : noCache + cacheRead + cacheWrite);
    return {
      inputTokens: total,
      cachedInputTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      outputTokens: tokenCount(output.total) ?? 0,
    };
  }

  if ('inputTokens' in value || 'outputTokens' in value) {
    // AI SDK result usage (LanguageModelUsage) or a TokenUsage.
    const details = isObject(value.inputTokenDetails) ? value.inputTokenDetails : {};
    return {
      inputTokens: tokenCount(value.inputTokens) ?? 0,
      cachedInputTokens: tokenCount(value.cachedInputTokens) ?? tokenCount(details.cacheReadTokens) ?? 0,
      cacheWriteTokens: tokenCount(value.cacheWriteTokens) ?? tokenCount(details.cacheWriteTokens) ?? 0,
      outputTokens: tokenCount(value.outputTokens) ?? 0,
    };
  }

  const fromAttributes = fromOtelAttributes(value);
  if (fromAttributes !== undefined) return fromAttributes;

  if (isObject(value.usage)) return normalizeUsage(value.usage);
  if (isObject(value.attributes)) return normalizeUsage(spanAttributes(value.attributes));
  return undefined;
}

/**
 * Flattens span attributes to `{ key: value }`: OTLP/JSON sends a list of `{ key, value: { intValue |
 * doubleValue | stringValue | boolValue } }`, most SDK exporters a plain object. Returns `{}` otherwise.
 */
export function spanAttributes(attributes: unknown): Json {
  if (Array.isArray(attributes)) {
    const flat: Json = {};
    for (const attribute of attributes) {
      if (!isObject(attribute) || typeof attribute.key !== 'string') continue;
      const wrapped = attribute.value;
      if (!isObject(wrapped)) continue;
      flat[attribute.key] =
        wrapped.intValue ?? wrapped.doubleValue ?? wrapped.stringValue ?? wrapped.boolValue ?? undefined;
    }
    return flat;
  }
  return isObject(attributes) ? attributes : {};
}
