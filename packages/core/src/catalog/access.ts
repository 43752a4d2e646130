import { isValidDate } from '../model/dates.js';
import type { Catalog, CatalogModel } from './types.js';

/** Whether a team may start a new fine-tuning job with a provider on a given day, and why not. */
export interface FineTuningAccess {
  open: boolean;
  /** The day the provider stopped taking jobs from a team like this one, when closed. */
  closedSince?: string;
  /** One plain sentence for a blocker, when closed. */
  reason?: string;
  /** The page the access dates come from, when the catalog records any for the provider. */
  source?: string;
}

/**
 * Whether a team may start fine-tuning with `provider` on `asOf`. `activeFineTuningProviders` lists the providers where
 * the team already runs fine-tunes (`assumptions.activeFineTuningProviders`); a provider not listed treats the team as
 * new. Model dates (`availableUntil`, `retiresOn`) are separate: see {@link openFineTuningModels}.
 */
export function fineTuningAccessOn(
  catalog: Catalog,
  provider: string,
  asOf: string,
  activeFineTuningProviders: readonly string[] = [],
): FineTuningAccess {
  const access = catalog.fineTuningAccess.find((entry) => entry.provider === provider);
  if (access === undefined) return { open: true };
  const source = access.source;
  if (activeFineTuningProviders.includes(provider)) return { open: true, source };
  if (access.closedToNewTeams !== undefined && asOf >= access.closedToNewTeams) {
    return {
      open: false,
      closedSince: access.closedToNewTeams,
      reason: `${provider} has taken no new fine-tuning customers since ${access.closedToNewTeams}`,
      source,
    };
  }
  return { open: true, source };
}

/** Options of {@link openFineTuningModels}. */
export interface OpenFineTuningOptions {
  /** Providers where the team already runs fine-tunes; default none, i.e. a team new to fine-tuning everywhere. */
  activeFineTuningProviders?: readonly string[];
  /** Keep only this provider's models. */
  provider?: string;
}

/**
 * Catalog models a team can start training on at `asOf`: fine-tunable, not retired, training not closed, and the
 * provider still taking jobs from this team. Catalog order. Whether each can be priced, and how its tuned model is
 * served, is in the entry's `fineTuning` (`serving`, prices).
 *
 * @example
 * ```ts
 * import { defaultCatalog, openFineTuningModels } from '@tunewise/core';
 *
 * // What a team that has never fine-tuned can start on in February 2027.
 * for (const model of openFineTuningModels(defaultCatalog, '2027-02-01')) console.log(model.id, model.fineTuning?.serving);
 * ```
 */
export function openFineTuningModels(
  catalog: Catalog,
  asOf: string,
  options: OpenFineTuningOptions = {},
): CatalogModel[] {
  if (!isValidDate(asOf)) throw new RangeError(`asOf must be a YYYY-MM-DD date, got "${asOf}"`);
  return catalog.models.filter((model) => {
    if (model.fineTuning === undefined) return false;
    if (options.provider !== undefined && model.provider !== options.provider) return false;
    if (model.retiresOn !== undefined && asOf >= model.retiresOn) return false;
    const availableUntil = model.fineTuning.availableUntil;
    if (availableUntil !== undefined && asOf > availableUntil) return false;
    return fineTuningAccessOn(catalog, model.provider, asOf, options.activeFineTuningProviders).open;
  });
}
