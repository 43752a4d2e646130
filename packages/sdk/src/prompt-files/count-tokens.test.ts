import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as cl100k from 'gpt-tokenizer/encoding/cl100k_base';
import * as o200k from 'gpt-tokenizer/encoding/o200k_base';
import gpt4Model from 'gpt-tokenizer/model/gpt-4';
import gpt4oModel from 'gpt-tokenizer/model/gpt-4o';
import gpt5Model from 'gpt-tokenizer/model/gpt-5';
import llama3 from 'llama3-tokenizer-js';
import { describe, expect, it } from 'vitest';
import { countTokens, tokenizerFor } from './count-tokens.js';

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const TEXTS = ['design-prose.md', 'typescript-source.ts.txt', 'catalog-json.json.txt'] as const;
const reference = JSON.parse(fixture('reference-token-counts.json')) as {
  counts: Record<string, { sha256: string; gemma3: number }>;
};

const relativeError = (estimate: number, actual: number): number => (estimate - actual) / actual;

describe('countTokens for OpenAI models (exact)', () => {
  it('matches counts known independently of gpt-tokenizer', async () => {
    // o200k_base: "hello world" is ["hello", " world"].
    expect(await countTokens('hello world', 'openai/gpt-4o')).toEqual({
      tokens: 2,
      method: 'exact',
      encoding: 'o200k_base',
      factor: 1,
    });
    // OpenAI cookbook, "How to count tokens with tiktoken": cl100k_base encodes "tiktoken is great!" as
    // [83, 1609, 5963, 374, 2294, 0], and o200k_base also takes 6 tokens.
    expect(cl100k.encode('tiktoken is great!')).toEqual([83, 1609, 5963, 374, 2294, 0]);
    expect((await countTokens('tiktoken is great!', 'openai/gpt-4')).tokens).toBe(6);
    expect((await countTokens('tiktoken is great!', 'openai/gpt-5')).tokens).toBe(6);
  });

  it.each(TEXTS)('equals gpt-tokenizer encode(...).length for every OpenAI family on %s', async (name) => {
    const text = fixture(name);
    const o200kLength = o200k.encode(text).length;
    const cl100kLength = cl100k.encode(text).length;
    for (const model of [
      'openai/gpt-4o',
      'openai/gpt-4o-mini',
      'openai/gpt-4.1-nano',
      'openai/gpt-5-mini',
      'openai/o4-mini',
    ]) {
      expect(await countTokens(text, model)).toMatchObject({ tokens: o200kLength, method: 'exact' });
    }
    expect(await countTokens(text, 'openai/gpt-4')).toMatchObject({ tokens: cl100kLength, encoding: 'cl100k_base' });
    expect(await countTokens(text, 'openai/gpt-3.5-turbo')).toMatchObject({ tokens: cl100kLength, method: 'exact' });
    // gpt-tokenizer's own model entry points pick the encoding from OpenAI's model map: ours must agree.
    expect(gpt4oModel.encode(text).length).toBe(o200kLength);
    expect(gpt5Model.encode(text).length).toBe(o200kLength);
    expect(gpt4Model.encode(text).length).toBe(cl100kLength);
    expect(o200kLength).not.toBe(cl100kLength);
  });

  it('counts a fine-tuned model like its base model', async () => {
    const text = fixture('typescript-source.ts.txt');
    expect(await countTokens(text, 'openai/ft:gpt-4o-mini-2024-07-18:acme::abc123')).toEqual(
      await countTokens(text, 'openai/gpt-4o-mini'),
    );
  });

  it('counts special-token strings in a prompt as the plain text the API sees', async () => {
    const count = await countTokens('a <|endoftext|> b', 'openai/gpt-4o');
    expect(count.tokens).toBe(o200k.encode('a <|endoftext|> b', { disallowedSpecial: new Set() }).length);
    expect(count.tokens).toBeGreaterThan(3);
  });

  it('counts the empty text as zero', async () => {
    expect((await countTokens('', 'openai/gpt-4o')).tokens).toBe(0);
    expect((await countTokens('', 'anthropic/claude-sonnet-4-5')).tokens).toBe(0);
  });
});

describe('countTokens estimates for other providers, measured against reference tokenizers', () => {
  it.each(TEXTS)('Llama 3 (cl100k_base) is within 1%% of llama3-tokenizer-js on %s', async (name) => {
    const text = fixture(name);
    const actual = llama3.encode(text, { bos: false, eos: false }).length;
    for (const model of [
      'together/meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'fireworks/accounts/fireworks/models/llama-v3p1-8b-instruct',
      'bedrock/meta.llama3-1-70b-instruct-v1:0',
    ]) {
      const estimate = await countTokens(text, model);
      expect(estimate.method).toBe('estimate');
      // Measured 2026-11-28: 0.0% on all three texts.
      expect(Math.abs(relativeError(estimate.tokens, actual))).toBeLessThanOrEqual(0.01);
    }
  });

  it.each(TEXTS)('Gemini (o200k_base × 1.13) is within 6%% of the Gemma 3 tokenizer on %s', async (name) => {
    const text = fixture(name);
    const recorded = reference.counts[name];
    // The recorded count belongs to this exact text.
    expect(createHash('sha256').update(text).digest('hex')).toBe(recorded?.sha256);
    const estimate = await countTokens(text, 'google/gemini-2.5-flash');
    expect(estimate).toMatchObject({ method: 'estimate', encoding: 'o200k_base', factor: 1.13 });
    // Measured 2026-11-28: prose +5.2%, TypeScript −0.6%, JSON −4.0%.
    expect(Math.abs(relativeError(estimate.tokens, recorded?.gemma3 ?? Number.NaN))).toBeLessThanOrEqual(0.06);
  });

  it('never underestimates non-English text, where the error is larger (Latin scripts stay close)', async () => {
    const { texts } = JSON.parse(fixture('multilingual-prompts.json')) as { texts: Record<string, string> };
    const errors: Record<string, { llama3: number; gemma3: number }> = {};
    for (const [language, text] of Object.entries(texts)) {
      const recorded = reference.counts[`multilingual-prompts.json#${language}`];
      expect(createHash('sha256').update(text).digest('hex')).toBe(recorded?.sha256);
      const llama = await countTokens(text, 'together/meta-llama/Llama-3.3-70B-Instruct-Turbo');
      const gemini = await countTokens(text, 'google/gemini-2.5-pro');
      errors[language] = {
        llama3: Math.round(relativeError(llama.tokens, llama3.encode(text, { bos: false, eos: false }).length) * 100),
        gemma3: Math.round(relativeError(gemini.tokens, recorded?.gemma3 ?? Number.NaN) * 100),
      };
    }
    // Percent, measured 2026-11-28; documented in count-tokens.ts. Over-counting is the safe side for a cost.
    expect(errors).toEqual({
      de: { llama3: 0, gemma3: 9 },
      fr: { llama3: 0, gemma3: 7 },
      zh: { llama3: 23, gemma3: 18 },
      ja: { llama3: 54, gemma3: 58 },
      hi: { llama3: 87, gemma3: 66 },
    });
    for (const error of Object.values(errors)) {
      expect(error.llama3).toBeGreaterThanOrEqual(0);
      expect(error.gemma3).toBeGreaterThanOrEqual(0);
    }
  });

  it('estimates Claude and other providers from o200k_base with their stated factors', async () => {
    const text = fixture('design-prose.md');
    const base = o200k.encode(text).length;
    expect(await countTokens(text, 'anthropic/claude-sonnet-4-5')).toEqual({
      tokens: Math.round(base * 1.25),
      method: 'estimate',
      encoding: 'o200k_base',
      factor: 1.25,
    });
    expect((await countTokens(text, 'mistral/mistral-large-2512')).tokens).toBe(Math.round(base * 1.1));
    expect((await countTokens(text, 'acme/large')).method).toBe('estimate');
  });
});

describe('tokenizerFor', () => {
  it('chooses by provider and family', () => {
    expect(tokenizerFor('openai/gpt-4.1')).toMatchObject({ method: 'exact', encoding: 'o200k_base' });
    expect(tokenizerFor('openai/gpt-4-turbo')).toMatchObject({ method: 'exact', encoding: 'cl100k_base' });
    expect(tokenizerFor('gpt-4o')).toMatchObject({ method: 'exact', encoding: 'o200k_base' });
    expect(tokenizerFor('together/openai/gpt-oss-120b')).toMatchObject({ method: 'exact', encoding: 'o200k_base' });
    // A family gpt-tokenizer does not know yet: the newest encoding, honestly labelled an estimate.
    expect(tokenizerFor('openai/gpt-6-sol')).toMatchObject({ method: 'estimate', encoding: 'o200k_base', factor: 1 });
    expect(tokenizerFor('together/meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8')).toMatchObject({ factor: 1.1 });
    expect(tokenizerFor('together/meta-llama/Meta-Llama-3.1-8B-Instruct-Reference')).toMatchObject({
      encoding: 'cl100k_base',
      factor: 1,
    });
    expect(tokenizerFor('google/gemini-2.5-pro')).toMatchObject({ factor: 1.13 });
    expect(tokenizerFor('anthropic/claude-opus-5')).toMatchObject({ factor: 1.25 });
    // A model hosted elsewhere is counted with the hosting provider's tokenizer only for OpenAI's own families.
    expect(tokenizerFor('bedrock/amazon.nova-pro-v1:0')).toMatchObject({ method: 'estimate', factor: 1.1 });
  });
});
