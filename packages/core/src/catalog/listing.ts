import { isValidDate } from '../model/dates.js';
import { openFineTuningModels } from './access.js';
import type { Catalog, CatalogGpu, CatalogModel } from './types.js';
import { withoutUndefined } from './without-undefined.js';

/** Options of {@link catalogListing}. */
export interface CatalogListingOptions {
  /** YYYY-MM-DD: the day `fineTunable` is judged on. */
  asOf: string;
  /** Keep only this provider's models and GPUs. */
  provider?: string;
  /** Keep only models a team can start training on at `asOf` (a new team unless `activeFineTuningProviders` says otherwise). */
  fineTunable?: boolean;
  activeFineTuningProviders?: readonly string[];
}

/** What `tunewise catalog --format json` prints (DESIGN.md, "Additions of December 2026"). */
export interface CatalogListing {
  asOf: string;
  models: Array<
    Pick<
      CatalogModel,
      | 'id'
      | 'provider'
      | 'input'
      | 'cachedInput'
      | 'output'
      | 'fineTuning'
      | 'retiresOn'
      | 'successor'
      | 'source'
      | 'checked'
      | 'sourceKind'
    >
  >;
  gpus: Array<Pick<CatalogGpu, 'id' | 'provider' | 'hourly' | 'source' | 'checked' | 'sourceKind'>>;
}

/**
 * The catalog as `tunewise catalog` shows it: models (optionally only those open for fine-tuning at `asOf`) and GPUs, each
 * with its source, checked date and source kind.
 *
 * @example
 * ```ts
 * import { catalogListing, defaultCatalog } from '@tunewise/core';
 *
 * const { models } = catalogListing(defaultCatalog, { asOf: '2027-02-01', fineTunable: true });
 * ```
 */
export function catalogListing(catalog: Catalog, options: CatalogListingOptions): CatalogListing {
  if (!isValidDate(options.asOf)) throw new RangeError(`asOf must be a YYYY-MM-DD date, got "${options.asOf}"`);
  const ofProvider = (entry: { provider: string }) =>
    options.provider === undefined || entry.provider === options.provider;
  const models = options.fineTunable
    ? openFineTuningModels(catalog, options.asOf, {
        ...(options.activeFineTuningProviders === undefined
          ? {}
          : { activeFineTuningProviders: options.activeFineTuningProviders }),
      })
    : catalog.models;
  return {
    asOf: options.asOf,
    models: models.filter(ofProvider).map((model) =>
      withoutUndefined({
        id: model.id,
        provider: model.provider,
        input: model.input,
        cachedInput: model.cachedInput,
        output: model.output,
        fineTuning: model.fineTuning,
        retiresOn: model.retiresOn,
        successor: model.successor,
        source: model.source,
        checked: model.checked,
        sourceKind: model.sourceKind,
      }),
    ),
    gpus: catalog.gpus.filter(ofProvider).map(({ id, provider, hourly, source, checked, sourceKind }) => ({
      id,
      provider,
      hourly,
      source,
      checked,
      sourceKind,
    })),
  };
}
