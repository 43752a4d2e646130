import { daysBetween } from '../model/dates.js';
import type { Catalog, PriceProvenance, SourceKind } from './types.js';

/** A price older than this many days at `asOf` is listed as stale. */
export const STALE_AFTER_DAYS = 90;

/** A catalog price (or dated fact) last checked more than {@link STALE_AFTER_DAYS} days before the report's day. */
export interface StalePrice {
  /** Catalog model or GPU id, or the provider of an access entry. */
  id: string;
  /** Which part of the entry: base `prices`, `fine-tuning` prices, `lifecycle` dates, GPU `hourly` price, or provider `access` dates. */
  what: 'prices' | 'fine-tuning' | 'lifecycle' | 'hourly' | 'access';
  checked: string;
  source: string;
  sourceKind: SourceKind;
  ageDays: number;
}

/** Which entries to look at; omit a list to look at every entry of that kind. */
export interface StaleScope {
  models?: readonly string[];
  gpus?: readonly string[];
  /** Providers whose fine-tuning access dates were used. */
  access?: readonly string[];
}

/**
 * The prices and dates among `scope` that were checked more than 90 days before `asOf`, oldest first. A report passes
 * the ids it used; `npm run catalog:check` passes nothing and gets every stale entry.
 *
 * @example
 * ```ts
 * import { defaultCatalog, stalePrices } from '@tunewise/core';
 *
 * stalePrices(defaultCatalog, '2027-06-01', { models: ['openai/gpt-4o'] }); // [{ id: 'openai/gpt-4o', what: 'prices', … }, …]
 * ```
 */
export function stalePrices(catalog: Catalog, asOf: string, scope: StaleScope = {}): StalePrice[] {
  const included = (list: readonly string[] | undefined, id: string) => list === undefined || list.includes(id);
  const dated: Array<{ id: string; what: StalePrice['what']; provenance: PriceProvenance | undefined }> = [
    ...catalog.models
      .filter((model) => included(scope.models, model.id))
      .flatMap((model) => [
        { id: model.id, what: 'prices' as const, provenance: model },
        { id: model.id, what: 'fine-tuning' as const, provenance: model.fineTuningSource },
        { id: model.id, what: 'lifecycle' as const, provenance: model.lifecycleSource },
      ]),
    ...catalog.gpus
      .filter((gpu) => included(scope.gpus, gpu.id))
      .map((gpu) => ({ id: gpu.id, what: 'hourly' as const, provenance: gpu })),
    ...catalog.fineTuningAccess
      .filter((access) => included(scope.access, access.provider))
      .map((access) => ({ id: access.provider, what: 'access' as const, provenance: access })),
  ];
  return dated
    .flatMap(({ id, what, provenance }) => {
      if (provenance === undefined) return [];
      const ageDays = daysBetween(provenance.checked, asOf);
      if (ageDays <= STALE_AFTER_DAYS) return [];
      const { checked, source, sourceKind } = provenance;
      return [{ id, what, checked, source, sourceKind, ageDays }];
    })
    .sort((left, right) => left.checked.localeCompare(right.checked) || left.id.localeCompare(right.id));
}
