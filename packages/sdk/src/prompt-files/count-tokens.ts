/** The BPE encodings this module counts with (both from `gpt-tokenizer`). */
export type TokenEncoding = 'o200k_base' | 'cl100k_base';

/** How a model's tokens are counted: with its own tokenizer (`exact`) or a measured approximation (`estimate`). */
export interface TokenizerChoice {
  method: 'exact' | 'estimate';
  /** The encoding that is run on the text. */
  encoding: TokenEncoding;
  /** Multiplier applied to the encoding's count for an estimate; 1 for exact counts. */
  factor: number;
  /** Which rule applied, in a few words (shown next to estimates). */
  basis: string;
}

/** A token count of one text for one model. */
export interface TokenCount {
  tokens: number;
  method: 'exact' | 'estimate';
  encoding: TokenEncoding;
  /** Multiplier applied to the encoding's count; 1 for exact counts. */
  factor: number;
}

/*
 * Estimates for models whose tokenizer is not OpenAI's, measured in count-tokens.test.ts on real texts
 * (__fixtures__: design prose with YAML, a TypeScript source file, the catalog JSON, and one short
 * instruction in five languages). Error = (estimate − reference) / reference:
 *
 *   Llama 3.x  cl100k_base × 1.00 vs llama3-tokenizer-js 1.2.0
 *              prose 0.0%, TypeScript 0.0%, JSON 0.0%, German 0%, French 0%;
 *              Chinese +23%, Japanese +54%, Hindi +87% (Llama 3's 128k vocabulary is cl100k_base's 100k
 *              tokens plus 28k mostly non-Latin ones, which cl100k_base has to spell out: an over-count).
 *   Google     o200k_base × 1.13 vs the Gemma 3 tokenizer (Gemma 3 shares Gemini's SentencePiece
 *              vocabulary; counts recorded in __fixtures__/reference-token-counts.json, the package is 240 MB)
 *              prose +5.2%, TypeScript −0.6%, JSON −4.0%; German +9%, French +7%, Chinese +18%,
 *              Japanese +58%, Hindi +66% (short texts, so a token or two moves these).
 *   Anthropic  o200k_base × 1.25, NOT measured: Claude's tokenizer is not public. Published side-by-side
 *              tests of Claude 3.5 Sonnet and GPT-4o found 16–30% more tokens for the same text (prose at
 *              the low end, code at the high end); Anthropic's count_tokens API is the authority.
 *   Others     o200k_base × 1.10, NOT measured (Mistral, Qwen, Nova, Llama 4, custom models): between the
 *              measured Llama 3 (≈1.0) and Gemma 3 (≈1.13) ratios on English and code, a margin.
 *
 * Every measured estimate errs high, never low, outside English and code: a cost estimate should.
 */
const LLAMA_3 = /(^|[/._-])(meta-)?llama-?3|llama-v3/;
const GOOGLE = /(^|[/._-])(gemini|gemma)/;
const CLAUDE = /(^|[/._-])claude/;
// Families whose encoding OpenAI documents (tiktoken's model map): o200k_base from GPT-4o on.
const OPENAI_O200K = /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o[1-9](-|$)|codex-mini)/;
const OPENAI_CL100K = /^(gpt-4|gpt-3\.5|text-embedding-3|text-embedding-ada-002)/;

/**
 * Which tokenizer counts prompt text for `modelId` (`provider/api-model-name`, as in the catalog, or a
 * custom model's key). OpenAI models get their own encoding and an exact count; other providers get a
 * documented estimate (see the table in this file's source and `TokenizerChoice.basis`).
 *
 * A fine-tuned id (`openai/ft:gpt-4o-mini-2024-07-18:org::abc`) counts like its base model.
 */
export function tokenizerFor(modelId: string): TokenizerChoice {
  const lowered = modelId.trim().toLowerCase();
  const slash = lowered.indexOf('/');
  const provider = slash < 0 ? '' : lowered.slice(0, slash);
  const name = (slash < 0 ? lowered : lowered.slice(slash + 1)).replace(/^ft:/, '');
  // Hosts nest the maker's name (`together/openai/gpt-oss-120b`): the family is the last segment.
  const family = name.slice(name.lastIndexOf('/') + 1);
  const openAiHosted = provider === 'openai' || provider === 'azure' || provider === '';

  if (OPENAI_O200K.test(family) && (openAiHosted || family.startsWith('gpt-oss'))) {
    return { method: 'exact', encoding: 'o200k_base', factor: 1, basis: 'OpenAI o200k_base' };
  }
  if (OPENAI_CL100K.test(family) && openAiHosted) {
    return { method: 'exact', encoding: 'cl100k_base', factor: 1, basis: 'OpenAI cl100k_base' };
  }
  if (provider === 'openai') {
    return {
      method: 'estimate',
      encoding: 'o200k_base',
      factor: 1,
      basis: 'an OpenAI model gpt-tokenizer does not know yet: its newest encoding, o200k_base',
    };
  }
  if (LLAMA_3.test(name) && !name.includes('llama-4')) {
    return {
      method: 'estimate',
      encoding: 'cl100k_base',
      factor: 1,
      basis: 'Llama 3 ≈ cl100k_base (0% on English and code; over-counts other scripts)',
    };
  }
  if (provider === 'google' || provider === 'vertex' || GOOGLE.test(name)) {
    return {
      method: 'estimate',
      encoding: 'o200k_base',
      factor: 1.13,
      basis: 'Gemini ≈ o200k_base × 1.13 (within 6% on English and code; over-counts other scripts)',
    };
  }
  if (provider === 'anthropic' || CLAUDE.test(name)) {
    return {
      method: 'estimate',
      encoding: 'o200k_base',
      factor: 1.25,
      basis: 'Claude ≈ o200k_base × 1.25 (unmeasured)',
    };
  }
  return { method: 'estimate', encoding: 'o200k_base', factor: 1.1, basis: 'o200k_base × 1.1 (unmeasured margin)' };
}

type Counter = (text: string) => number;

// Each encoding's tables are ~1–2.5 MB of JavaScript: load one only when a prompt file needs it.
const counters = new Map<TokenEncoding, Promise<Counter>>();

// Special-token strings such as "<|endoftext|>" inside a prompt file are ordinary text to the API.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

function loadCounter(encoding: TokenEncoding): Promise<Counter> {
  let counter = counters.get(encoding);
  if (counter === undefined) {
    counter = (
      encoding === 'o200k_base'
        ? import('gpt-tokenizer/encoding/o200k_base')
        : import('gpt-tokenizer/encoding/cl100k_base')
    ).then((module) => (text: string) => module.countTokens(text, AS_PLAIN_TEXT));
    counters.set(encoding, counter);
  }
  return counter;
}

/**
 * Counts the tokens `text` takes when sent to `modelId`: exact for OpenAI models (their own encoding
 * via `gpt-tokenizer`), an estimate with a measured or stated error for other providers.
 * Chat-format overhead (role markers, a few tokens per message) is not included.
 *
 * @example
 * await countTokens('hello world', 'openai/gpt-4o'); // { tokens: 2, method: 'exact', encoding: 'o200k_base', factor: 1 }
 */
export async function countTokens(text: string, modelId: string): Promise<TokenCount> {
  const choice = tokenizerFor(modelId);
  const count = (await loadCounter(choice.encoding))(text);
  const tokens = choice.factor === 1 ? count : Math.round(count * choice.factor);
  return { tokens, method: choice.method, encoding: choice.encoding, factor: choice.factor };
}
