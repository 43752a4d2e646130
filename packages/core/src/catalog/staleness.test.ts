import { describe, expect, it } from 'vitest';
import { defaultCatalog, STALE_AFTER_DAYS, stalePrices } from './index.js';
import type { Catalog } from './types.js';

const provenance = { source: 'https://example.com/pricing', sourceKind: 'primary' as const };
// A two-entry catalog with known dates, so each boundary is exact.
const catalog: Catalog = {
  checked: '2026-09-01',
  models: [
    { id: 'acme/old', provider: 'acme', displayName: 'Old', input: 1, output: 1, checked: '2026-06-01', ...provenance },
    {
      id: 'acme/new',
      provider: 'acme',
      displayName: 'New',
      input: 1,
      output: 1,
      checked: '2026-09-01',
      ...provenance,
      lifecycleSource: { checked: '2026-05-01', ...provenance },
    },
  ],
  gpus: [{ id: 'cloud/h100', provider: 'cloud', displayName: 'H100', hourly: 3, checked: '2026-06-01', ...provenance }],
  fineTuningAccess: [],
};

describe('stalePrices', () => {
  it('lists a price exactly 91 days old but not one 90 days old', () => {
    expect(STALE_AFTER_DAYS).toBe(90);
    expect(stalePrices(catalog, '2026-08-30', { models: ['acme/old'], gpus: [] })).toEqual([]);
    expect(stalePrices(catalog, '2026-08-31', { models: ['acme/old'], gpus: [] })).toEqual([
      { id: 'acme/old', what: 'prices', checked: '2026-06-01', ageDays: 91, ...provenance },
    ]);
  });

  it('looks at lifecycle dates and GPUs, only within the scope it is given, oldest first', () => {
    const all = stalePrices(catalog, '2026-10-01');
    expect(all.map((stale) => `${stale.id} ${stale.what}`)).toEqual([
      'acme/new lifecycle',
      'acme/old prices',
      'cloud/h100 hourly',
    ]);
    expect(stalePrices(catalog, '2026-10-01', { models: ['acme/new'], gpus: [] }).map((stale) => stale.what)).toEqual([
      'lifecycle',
    ]);
  });

  it('on the shipped catalog lists only entries more than 90 days old, and every entry years later', () => {
    const stale = stalePrices(defaultCatalog, defaultCatalog.checked);
    for (const entry of stale) expect(entry.ageDays).toBeGreaterThan(STALE_AFTER_DAYS);
    expect(stalePrices(defaultCatalog, '2030-01-01').length).toBeGreaterThan(defaultCatalog.models.length);
  });
});
