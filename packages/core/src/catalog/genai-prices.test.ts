import { describe, expect, it } from 'vitest';
import { compareWithGenaiPrices } from '../../scripts/genai-prices-cross-check.js';
import { defaultCatalog } from './index.js';

// Cross-checks base prices against @pydantic/genai-prices (bundled data, no network), read at the catalog's checked
// date. A difference fails unless the entry's notes explain it and name genai-prices.
describe('catalog against @pydantic/genai-prices', () => {
  const comparisons = compareWithGenaiPrices(defaultCatalog);

  it('compares a real overlap, not an empty one', () => {
    expect(comparisons.length).toBeGreaterThanOrEqual(10);
    expect(new Set(comparisons.map((comparison) => comparison.id.split('/')[0])).size).toBeGreaterThanOrEqual(5);
  });

  it('agrees on input, cached input and output prices unless a note explains the difference', () => {
    const unexplained = comparisons
      .filter((comparison) => comparison.differences.length > 0 && !comparison.explained)
      .map((comparison) => `${comparison.id} (matched ${comparison.genaiModel}): ${comparison.differences.join('; ')}`);
    expect(unexplained).toEqual([]);
  });

  it('checks the entries taken from genai-prices itself, so a later genai-prices release that moves them shows up', () => {
    const fromGenai = defaultCatalog.models.filter(
      (model) => model.source === 'https://github.com/pydantic/genai-prices',
    );
    expect(fromGenai.length).toBeGreaterThan(0);
    for (const model of fromGenai) {
      expect(comparisons.find((comparison) => comparison.id === model.id)?.differences, model.id).toEqual([]);
    }
  });
});
