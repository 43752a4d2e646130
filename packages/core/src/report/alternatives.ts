import { fineTuningAccessOn, liveFineTunableModels, openFineTuningModels } from '../catalog/index.js';
import type { Catalog, CatalogGpu, ModelPrices } from '../catalog/types.js';
import type { LiveAlternative } from '../decision/types.js';
import { horizonMonthOf } from '../model/dates.js';
import type { StrategyCost } from '../model/types.js';
import { DEFAULTS } from '../schema/defaults.js';
import type { UsageFile, Workload } from '../schema/usage-file.js';

/** How a live model would be fine-tuned and served, before it is priced for a workload. */
export interface LivePath {
  id: string;
  hosting: LiveAlternative['hosting'];
  /** The catalog GPU serving it, for `dedicated` and `self-hosted`. */
  gpu?: string;
}

/**
 * Every model a team can start fine-tuning on at `asOf` (the catalog query {@link openFineTuningModels}, plus the usage
 * file's own per-token models) with the way it can really be served: per token where a per-token price is confirmed;
 * else on the provider's dedicated endpoint on one of its catalog GPUs with a cited throughput for the model's size;
 * else, when its training price is known, trained there and served on the cheapest catalog GPU with such a throughput.
 * Models retiring inside the horizon are no way out and are left out.
 */
export function livePaths(
  catalog: Catalog,
  usageFile: UsageFile,
  asOf: string,
  resolve: (id: string) => ModelPrices | undefined,
): LivePath[] {
  const active = usageFile.assumptions.activeFineTuningProviders;
  const ids = new Set([
    ...liveFineTunableModels(catalog, asOf, usageFile.models).map((model) => model.id),
    ...openFineTuningModels(catalog, asOf, { activeFineTuningProviders: active }).map((model) => model.id),
  ]);
  const paths: LivePath[] = [];
  for (const id of ids) {
    const model = resolve(id);
    if (model === undefined) continue;
    if (model.retiresOn !== undefined && horizonMonthOf(model.retiresOn, asOf) <= usageFile.assumptions.horizonMonths) {
      continue;
    }
    const provider = model.provider ?? id.split('/')[0] ?? id;
    if (!fineTuningAccessOn(catalog, provider, asOf, active).open) continue;
    if (model.fineTuning !== undefined) {
      paths.push({ id, hosting: 'provider' });
      continue;
    }
    if (model.tuning?.training === undefined) continue;
    const servesOn = (gpu: CatalogGpu) =>
      model.sizeClass !== undefined && gpu.throughput?.[model.sizeClass] !== undefined;
    const dedicated = model.tuning.serving.includes('dedicated')
      ? cheapest(catalog.gpus.filter((gpu) => gpu.provider === provider && servesOn(gpu)))
      : undefined;
    if (dedicated !== undefined) {
      paths.push({ id, hosting: 'dedicated', gpu: dedicated.id });
      continue;
    }
    const own = cheapest(catalog.gpus.filter(servesOn));
    if (own !== undefined) paths.push({ id, hosting: 'self-hosted', gpu: own.id });
  }
  return paths;
}

function cheapest(gpus: readonly CatalogGpu[]): CatalogGpu | undefined {
  return [...gpus].sort((left, right) => left.hourly - right.hourly || left.id.localeCompare(right.id))[0];
}

/** The `fineTune` block that takes a path, as inline YAML a user can paste into the usage file. */
export function pathSnippet(path: LivePath): string {
  const deployment = path.gpu === undefined ? '' : `, deployment: { gpu: ${path.gpu} }`;
  return `fineTune: { model: ${path.id}, hosting: ${path.hosting}${deployment} }`;
}

/** The workload with a path's model, hosting and GPU set in its `fineTune` (its other fineTune keys kept). */
export function onPath(workload: Workload, path: LivePath): Workload {
  const { selfHosted: _v1Block, deployment: _ownBlock, ...fineTune } = workload.fineTune;
  return {
    ...workload,
    fineTune: {
      ...fineTune,
      model: path.id,
      hosting: path.hosting,
      ...(path.gpu === undefined
        ? {}
        : { deployment: { gpu: path.gpu, minReplicas: DEFAULTS.minReplicas, peakFactor: DEFAULTS.peakFactor } }),
    },
  };
}

/**
 * The paths priced for one workload by the cost model itself (`fineTuneCost` of the workload on the path), keeping
 * the feasible ones, cheapest first.
 */
export function pricedAlternatives(
  workload: Workload,
  paths: readonly LivePath[],
  fineTuneCost: (workload: Workload) => StrategyCost,
  limit: number,
): LiveAlternative[] {
  return paths
    .map((path) => ({ path, cost: fineTuneCost(onPath(workload, path)) }))
    .filter(({ cost }) => cost.priced && cost.feasible)
    .sort(
      (left, right) =>
        left.cost.averageMonthly - right.cost.averageMonthly || left.path.id.localeCompare(right.path.id),
    )
    .slice(0, limit)
    .map(({ path, cost }) => ({
      id: path.id,
      hosting: path.hosting,
      ...(path.gpu === undefined ? {} : { gpu: path.gpu }),
      snippet: pathSnippet(path),
      averageMonthly: cost.averageMonthly,
    }));
}
