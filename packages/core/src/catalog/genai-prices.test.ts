import { calcPrice, type ModelPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from './index.js';
import type { CatalogModel } from './types.js';

// Cross-checks base prices against @pydantic/genai-prices (bundled data, no network), read at the
// catalog's checked date. A difference fails unless the entry's notes explain it and name genai-prices.

/** Catalog provider → genai-prices provider id; the rest of our id is the API model name both use. */
const genaiProviderIds: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  google: 'google',
  mistral: 'mistral',
  together: 'together',
  fireworks: 'fireworks',
  bedrock: 'aws',
};

type PriceField = 'input' | 'cachedInput' | 'output';
const genaiKeys: Record<PriceField, string> = {
  input: 'input_mtok',
  cachedInput: 'cache_read_mtok',
  output: 'output_mtok',
};

interface Comparison {
  id: string;
  genaiModel: string;
  differences: string[];
}

/** USD per 1M tokens for the first (shortest-prompt) tier, or undefined when genai-prices has no price. */
function baseTierPrice(prices: ModelPrice, key: string): number | undefined {
  const value = prices[key];
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : value.base;
}

function compare(model: CatalogModel): Comparison | undefined {
  const providerId = genaiProviderIds[model.provider];
  if (providerId === undefined) return undefined;
  const apiName = model.id.slice(model.provider.length + 1);
  const result = calcPrice({ input_tokens: 1000, output_tokens: 1000 }, apiName, {
    providerId,
    timestamp: new Date(`${defaultCatalog.checked}T12:00:00Z`),
  });
  if (result === null) return undefined;

  const differences = (Object.keys(genaiKeys) as PriceField[]).flatMap((field) => {
    const ours = model[field];
    const theirs = baseTierPrice(result.model_price, genaiKeys[field]);
    const same = ours === undefined || theirs === undefined ? ours === theirs : Math.abs(ours - theirs) < 1e-9;
    return same ? [] : [`${field}: catalog ${ours ?? 'none'}, genai-prices ${theirs ?? 'none'}`];
  });
  return { id: model.id, genaiModel: `${result.provider.id}:${result.model.id}`, differences };
}

describe('catalog against @pydantic/genai-prices', () => {
  const comparisons = defaultCatalog.models
    .map(compare)
    .filter((comparison): comparison is Comparison => comparison !== undefined);

  it('compares a real overlap, not an empty one', () => {
    expect(comparisons.length).toBeGreaterThanOrEqual(10);
    expect(new Set(comparisons.map((comparison) => comparison.id.split('/')[0])).size).toBeGreaterThanOrEqual(5);
  });

  it('agrees on input, cached input and output prices unless a note explains the difference', () => {
    const unexplained = comparisons
      .filter((comparison) => comparison.differences.length > 0)
      .filter(
        (comparison) =>
          !/genai-prices/i.test(defaultCatalog.models.find((model) => model.id === comparison.id)?.notes ?? ''),
      )
      .map((comparison) => `${comparison.id} (matched ${comparison.genaiModel}): ${comparison.differences.join('; ')}`);
    expect(unexplained).toEqual([]);
  });
});
