/**
 * Compares the catalog's base prices with @pydantic/genai-prices (bundled data, no network), read at the catalog's
 * checked date. Shared by `src/catalog/genai-prices.test.ts` and `scripts/catalog-check.ts`.
 */
import { calcPrice, type ModelPrice } from '@pydantic/genai-prices';
import type { Catalog, CatalogModel } from '../src/catalog/types.js';

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

/** One catalog model matched in genai-prices, and where their base prices differ. */
export interface GenaiComparison {
  id: string;
  genaiModel: string;
  differences: string[];
  /** The entry's notes name genai-prices, i.e. a maintainer looked at the difference and explained it. */
  explained: boolean;
}

/** USD per 1M tokens for the first (shortest-prompt) tier, or undefined when genai-prices has no price. */
function baseTierPrice(prices: ModelPrice, key: string): number | undefined {
  const value = prices[key];
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : value.base;
}

function compare(model: CatalogModel, checked: string): GenaiComparison | undefined {
  const providerId = genaiProviderIds[model.provider];
  if (providerId === undefined) return undefined;
  const apiName = model.id.slice(model.provider.length + 1);
  const result = calcPrice({ input_tokens: 1000, output_tokens: 1000 }, apiName, {
    providerId,
    timestamp: new Date(`${checked}T12:00:00Z`),
  });
  if (result === null) return undefined;

  const differences = (Object.keys(genaiKeys) as PriceField[]).flatMap((field) => {
    const ours = model[field];
    const theirs = baseTierPrice(result.model_price, genaiKeys[field]);
    const same = ours === undefined || theirs === undefined ? ours === theirs : Math.abs(ours - theirs) < 1e-9;
    return same ? [] : [`${field}: catalog ${ours ?? 'none'}, genai-prices ${theirs ?? 'none'}`];
  });
  const explained = /genai-prices/i.test(model.notes ?? '');
  return { id: model.id, genaiModel: `${result.provider.id}:${result.model.id}`, differences, explained };
}

/** Every catalog model genai-prices also prices, with the differences in input, cached input and output prices. */
export function compareWithGenaiPrices(catalog: Catalog): GenaiComparison[] {
  return catalog.models
    .map((model) => compare(model, catalog.checked))
    .filter((comparison): comparison is GenaiComparison => comparison !== undefined);
}
