import { InvalidAsOfError } from '../errors/invalid-as-of-error.js';
import { isValidDate } from '../model/dates.js';
import type { CustomModel } from '../schema/usage-file.js';
import catalogJson from './catalog.json' with { type: 'json' };
import type {
  Catalog,
  CatalogFineTuning,
  CatalogGpu,
  CatalogModel,
  FineTuningPrices,
  ModelPrices,
  TuningFacts,
} from './types.js';
import { withoutUndefined } from './without-undefined.js';

export {
  type FineTuningAccess,
  fineTuningAccessOn,
  type OpenFineTuningOptions,
  openFineTuningModels,
} from './access.js';
export { type CatalogSchemaOutput, catalogSchema } from './catalog-schema.js';
export { type CatalogListing, type CatalogListingOptions, catalogListing } from './listing.js';
export { STALE_AFTER_DAYS, type StalePrice, stalePrices } from './staleness.js';

/** The dated pricing catalog shipped with this version; `catalog.json` is validated by a test. */
export const defaultCatalog: Catalog = catalogJson as Catalog;

/** The catalog entry whose id is exactly `id`, or `undefined`; unlike {@link resolveModel}, it ignores the usage file's `models`. */
export function findCatalogModel(catalog: Catalog, id: string): CatalogModel | undefined {
  return catalog.models.find((model) => model.id === id);
}

/** The catalog GPU whose id is exactly `id` (e.g. `runpod/h100-sxm`), or `undefined`. */
export function findCatalogGpu(catalog: Catalog, id: string): CatalogGpu | undefined {
  return catalog.gpus.find((gpu) => gpu.id === id);
}

/**
 * The per-token fine-tuning prices the cost model can use, or `undefined` where the provider serves tuned models only on
 * dedicated endpoints or a price could not be confirmed: such a model is not priced for `provider` hosting.
 */
export function perTokenFineTuning(fineTuning: CatalogFineTuning | undefined): FineTuningPrices | undefined {
  if (fineTuning === undefined || !fineTuning.serving?.includes('per-token')) return undefined;
  const { training, input, cachedInput, output, hostingHourly, availableUntil, successor } = fineTuning;
  if (training === undefined || input === undefined || output === undefined) return undefined;
  return withoutUndefined({ training, input, cachedInput, output, hostingHourly, availableUntil, successor });
}

/** The serving-independent fine-tuning facts of a catalog entry, or `undefined` when the model is not fine-tunable. */
function tuningFacts(fineTuning: CatalogFineTuning | undefined): TuningFacts | undefined {
  if (fineTuning === undefined) return undefined;
  const { training, serving = [], hostingHourly, availableUntil, successor } = fineTuning;
  return withoutUndefined({ training, serving, hostingHourly, availableUntil, successor });
}

function pricesOf(model: CatalogModel): ModelPrices {
  const { id, provider, input, cachedInput, output, retiresOn, successor, minCacheTokens, speed, sizeClass } = model;
  const fineTuning = perTokenFineTuning(model.fineTuning);
  return withoutUndefined({
    id,
    provider,
    input,
    cachedInput,
    output,
    fineTuning,
    tuning: tuningFacts(model.fineTuning),
    retiresOn,
    successor,
    minCacheTokens,
    speed,
    sizeClass,
  });
}

/**
 * The prices the cost model uses for `id`: the catalog entry, with a same-named key of the usage
 * file's `models` overriding it field by field (inside `fineTuning` too, so a price override keeps
 * the provider's `availableUntil`), or a custom model when the catalog lacks the id. A new `input` price without a
 * `cachedInput` drops the catalog's cached price, which discounted the old one.
 *
 * @example
 * ```ts
 * import { defaultCatalog, resolveModel } from '@tunewise/core';
 *
 * // The catalog's gpt-4.1-mini with negotiated prices; its other fields (fineTuning, speed...) are kept.
 * const overrides = { 'openai/gpt-4.1-mini': { input: 0.3, output: 1.2 } };
 * const model = resolveModel('openai/gpt-4.1-mini', overrides, defaultCatalog);
 * model?.input; // 0.3
 * ```
 */
export function resolveModel(
  id: string,
  customModels: Record<string, CustomModel>,
  catalog: Catalog,
): ModelPrices | undefined {
  const catalogModel = findCatalogModel(catalog, id);
  const custom = Object.hasOwn(customModels, id) ? customModels[id] : undefined;
  if (custom === undefined) return catalogModel === undefined ? undefined : pricesOf(catalogModel);

  const base: Partial<ModelPrices> = catalogModel === undefined ? {} : pricesOf(catalogModel);
  // A cached price only makes sense next to the input price it discounts: a new input price drops the old one.
  if (custom.input !== undefined && custom.cachedInput === undefined) delete base.cachedInput;
  const overrides = withoutUndefined(custom);
  const baseFineTuning =
    base.fineTuning !== undefined &&
    overrides.fineTuning?.input !== undefined &&
    overrides.fineTuning.cachedInput === undefined
      ? withoutUndefined({ ...base.fineTuning, cachedInput: undefined })
      : base.fineTuning;
  const merged: Partial<FineTuningPrices> | undefined =
    overrides.fineTuning === undefined
      ? baseFineTuning
      : { ...baseFineTuning, ...withoutUndefined(overrides.fineTuning) };
  // Per-token prices need both input and output; a `fineTuning` with only a training price is served on GPUs.
  const fineTuning =
    merged?.training !== undefined && merged.input !== undefined && merged.output !== undefined
      ? (merged as FineTuningPrices)
      : undefined;
  const tuning: TuningFacts | undefined =
    overrides.fineTuning === undefined
      ? base.tuning
      : withoutUndefined({
          ...base.tuning,
          training: overrides.fineTuning.training,
          hostingHourly: overrides.fineTuning.hostingHourly ?? base.tuning?.hostingHourly,
          availableUntil: overrides.fineTuning.availableUntil ?? base.tuning?.availableUntil,
          successor: overrides.fineTuning.successor ?? base.tuning?.successor,
          serving: [
            ...new Set([
              ...(base.tuning?.serving ?? []),
              ...(fineTuning === undefined ? [] : (['per-token'] as const)),
            ]),
          ],
        });
  return withoutUndefined({ ...base, ...overrides, fineTuning, tuning, id }) as ModelPrices;
}

/** Every id a workload may name: catalog ids in catalog order, then custom ids the catalog lacks. */
export function knownModelIds(catalog: Catalog, customModels: Record<string, CustomModel> = {}): string[] {
  const ids = catalog.models.map((model) => model.id);
  const catalogIds = new Set(ids);
  return [...ids, ...Object.keys(customModels).filter((id) => !catalogIds.has(id))];
}

/** Whether a model can be fine-tuned on a given day: open, closed to new training, retired, or never fine-tunable. */
export type FineTuneStatus = 'available' | 'training-closed' | 'retired' | 'not-fine-tunable';

/** What {@link fineTuneAvailability} returns: the status on the given day and the dates behind it. */
export interface FineTuneAvailability {
  status: FineTuneStatus;
  /** Last day a new training job can start, when the provider has named one. */
  availableUntil?: string;
  /** Day the model and its fine-tunes stop serving, when announced. */
  retiresOn?: string;
}

/**
 * Whether a new fine-tune of `model` can be trained and served on `asOf` (YYYY-MM-DD).
 * Retired wins over everything (asOf >= retiresOn); training is closed the day after `availableUntil`.
 */
export function fineTuneAvailability(model: ModelPrices, asOf: string): FineTuneAvailability {
  if (!isValidDate(asOf)) throw new InvalidAsOfError(asOf);
  // A model served only on dedicated endpoints (or trained there and served elsewhere) has `tuning` and no per-token
  // `fineTuning`: it is fine-tunable all the same.
  const fineTunable = model.tuning !== undefined || model.fineTuning !== undefined;
  const availableUntil = model.tuning?.availableUntil ?? model.fineTuning?.availableUntil;
  const dates = withoutUndefined({ availableUntil, retiresOn: model.retiresOn });
  if (model.retiresOn !== undefined && asOf >= model.retiresOn) return { status: 'retired', ...dates };
  if (!fineTunable) return { status: 'not-fine-tunable', ...dates };
  if (availableUntil !== undefined && asOf > availableUntil) return { status: 'training-closed', ...dates };
  return { status: 'available', ...dates };
}

/**
 * Fine-tuned inference price used to rank live alternatives: fine-tuned input + output per 1M tokens; models with no
 * per-token price for their tuned model (served on dedicated GPUs by the hour) rank after every priced one.
 */
function fineTunedPrice(model: ModelPrices): number {
  if (model.fineTuning === undefined) return Number.POSITIVE_INFINITY;
  return model.fineTuning.input + model.fineTuning.output;
}

/**
 * Models whose fine-tuning is open on `asOf` and not retired, cheapest per-token fine-tuned inference first, then
 * those whose tuned models are served only on dedicated GPUs (see `tuning.serving`). Provider access (a provider closed
 * to teams new to its fine-tuning) is {@link openFineTuningModels}'s concern.
 *
 * @example
 * ```ts
 * import { defaultCatalog, liveFineTunableModels } from '@tunewise/core';
 *
 * const [cheapest] = liveFineTunableModels(defaultCatalog, '2026-11-28');
 * console.log(cheapest?.id, cheapest?.fineTuning);
 * ```
 */
export function liveFineTunableModels(
  catalog: Catalog,
  asOf: string,
  customModels: Record<string, CustomModel> = {},
): ModelPrices[] {
  return knownModelIds(catalog, customModels)
    .map((id) => resolveModel(id, customModels, catalog))
    .filter((model): model is ModelPrices => model !== undefined)
    .filter((model) => fineTuneAvailability(model, asOf).status === 'available')
    .sort((left, right) => fineTunedPrice(left) - fineTunedPrice(right) || left.id.localeCompare(right.id));
}

/** The distinct public pages behind the given models' prices and dates, in first-use order. */
export function pricingSources(catalog: Catalog, modelIds: readonly string[]): string[] {
  const sources = new Set<string>();
  for (const id of modelIds) {
    const model = findCatalogModel(catalog, id);
    if (model === undefined) continue;
    for (const source of [model.source, model.fineTuningSource?.source, model.lifecycleSource?.source]) {
      if (source !== undefined) sources.add(source);
    }
  }
  return [...sources];
}
