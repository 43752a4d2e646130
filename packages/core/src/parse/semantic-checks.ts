import type { Catalog, SizeClass } from '../catalog/types.js';
import { didYouMean, joinSuggestions } from './did-you-mean.js';
import type { IssueDraft } from './issue-draft.js';
import type { SourceMap } from './source-map.js';
import type { UsageFilePath } from './usage-file-path.js';
import { isPlainObject } from './zod-issues.js';

export interface SemanticCheckContext {
  sourceMap: SourceMap;
  /** Catalog ids; when undefined, model ids are not checked (no catalog to check against). */
  knownModelIds: readonly string[] | undefined;
  /** Catalog GPUs and models; when undefined, GPU ids and their cited throughput are not checked. */
  catalog?: Pick<Catalog, 'gpus' | 'models'> | undefined;
}

/**
 * Rules the schema's shape cannot say: ordered ranges, unique ids, known model ids, a self-hosted
 * block when hosting is self-hosted, a number or files but not both. They read the raw value
 * defensively, so they run (and report) even where other fields failed the schema.
 */
export function semanticChecks(data: unknown, context: SemanticCheckContext): IssueDraft[] {
  if (!isPlainObject(data)) return [];
  const drafts: IssueDraft[] = [];
  const models = isPlainObject(data.models) ? data.models : {};
  const validModelIds =
    context.knownModelIds === undefined ? undefined : [...context.knownModelIds, ...Object.keys(models)];
  const known = validModelIds === undefined ? undefined : new Set(validModelIds);

  const checkModelId = (value: unknown, path: UsageFilePath) => {
    if (known === undefined || validModelIds === undefined || typeof value !== 'string' || value === '') return;
    if (known.has(value)) return;
    drafts.push({
      path,
      message: 'unknown model',
      expected: 'a catalog model id (provider/model) or a key of models',
      found: value,
      suggestion: joinSuggestions(didYouMean(value, validModelIds)),
    });
  };

  for (const [modelId, model] of Object.entries(models)) {
    if (isPlainObject(model) && isPlainObject(model.fineTuning)) {
      checkModelId(model.fineTuning.successor, ['models', modelId, 'fineTuning', 'successor']);
    }
  }

  if (!Array.isArray(data.workloads)) return drafts;
  const firstIndexById = new Map<string, number>();
  for (const [index, workload] of data.workloads.entries()) {
    if (!isPlainObject(workload)) continue;
    const base: UsageFilePath = ['workloads', index];

    if (typeof workload.id === 'string') {
      const firstIndex = firstIndexById.get(workload.id);
      if (firstIndex === undefined) {
        firstIndexById.set(workload.id, index);
      } else {
        const firstLine = context.sourceMap.locate(['workloads', firstIndex, 'id']).line;
        drafts.push({
          path: [...base, 'id'],
          message: `duplicate workload id; workloads[${firstIndex}] at line ${firstLine} already uses it`,
          expected: 'an id no other workload uses',
          found: workload.id,
        });
      }
    }

    checkModelId(workload.model, [...base, 'model']);
    if (isPlainObject(workload.fineTune)) checkModelId(workload.fineTune.model, [...base, 'fineTune', 'model']);

    if (isPlainObject(workload.volume) && isPlainObject(workload.volume.requestsPerMonth)) {
      drafts.push(...rangeOrder(workload.volume.requestsPerMonth, [...base, 'volume', 'requestsPerMonth']));
    }

    if (isPlainObject(workload.prompt)) {
      for (const [tokensKey, filesKey] of [
        ['instructionTokens', 'instructionFiles'],
        ['exampleTokens', 'exampleFiles'],
      ] as const) {
        if (Object.hasOwn(workload.prompt, tokensKey) && Object.hasOwn(workload.prompt, filesKey)) {
          drafts.push({
            path: [...base, 'prompt', filesKey],
            target: 'key',
            message: `give ${tokensKey} or ${filesKey}, not both (the files' token count replaces the number)`,
            expected: `either ${tokensKey} or ${filesKey}`,
            found: 'both',
          });
        }
      }
    }

    if (isPlainObject(workload.quality)) drafts.push(...passedWithinTotal(workload.quality, [...base, 'quality']));

    const fineTune = workload.fineTune;
    if (isPlainObject(fineTune)) {
      drafts.push(...hostingChecks(fineTune, workload, models, [...base, 'fineTune'], context));
    }
  }
  return drafts;
}

const DEPLOYMENT_SHAPE =
  '{ gpu: a catalog GPU id or { hourly: USD }, tokensPerSecond?, gpusPerReplica?, minReplicas?, peakFactor? }';

/**
 * `hosting` against its block: GPU modes need one deployment block (`deployment`, or `selfHosted`, its v1 name) naming a
 * GPU the catalog knows (or a price) and a throughput the catalog cites or the file gives; `provider` takes none.
 */
function hostingChecks(
  fineTune: Record<string, unknown>,
  workload: Record<string, unknown>,
  models: Record<string, unknown>,
  path: UsageFilePath,
  context: SemanticCheckContext,
): IssueDraft[] {
  const hosting = fineTune.hosting ?? 'provider';
  const blockKeys = (['deployment', 'selfHosted'] as const).filter((key) => Object.hasOwn(fineTune, key));
  if (hosting === 'provider') {
    return blockKeys.map((key) => ({
      path: [...path, key],
      target: 'key' as const,
      message: `a ${key} block prices GPUs, but hosting is provider (served per token by the provider)`,
      expected: `hosting: dedicated or self-hosted with this block, or no ${key} block`,
      found: `${key} under hosting: provider`,
      suggestion: 'hosting: dedicated',
    }));
  }
  if (hosting !== 'dedicated' && hosting !== 'self-hosted') return [];
  if (blockKeys.length === 0) {
    return [
      {
        path: [...path, 'hosting'],
        message: `hosting: ${hosting} needs a deployment block with the GPU and its throughput`,
        expected: `fineTune.deployment: ${DEPLOYMENT_SHAPE}`,
        found: 'no deployment block',
      },
    ];
  }
  if (blockKeys.length === 2) {
    return [
      {
        path: [...path, 'selfHosted'],
        target: 'key',
        message: 'give deployment or selfHosted (its v1 name), not both',
        expected: 'one deployment block',
        found: 'both',
      },
    ];
  }
  const key = blockKeys[0]!;
  const block = fineTune[key];
  if (!isPlainObject(block)) return [];
  const blockPath: UsageFilePath = [...path, key];
  const drafts: IssueDraft[] = [];
  if (block.gpu !== undefined && block.gpuHourly !== undefined) {
    drafts.push({
      path: [...blockPath, 'gpuHourly'],
      target: 'key',
      message: 'give gpu or gpuHourly (its v1 spelling), not both',
      expected: 'either gpu or gpuHourly',
      found: 'both',
    });
  }
  if (block.gpu === undefined && block.gpuHourly === undefined) {
    drafts.push({
      path: blockPath,
      message: 'the deployment names no GPU',
      expected: DEPLOYMENT_SHAPE,
      found: 'no gpu',
    });
  }
  const catalog = context.catalog;
  if (catalog === undefined || typeof block.gpu !== 'string' || block.gpu === '') return drafts;
  const gpu = catalog.gpus.find((entry) => entry.id === block.gpu);
  if (gpu === undefined) {
    const ids = catalog.gpus.map((entry) => entry.id);
    drafts.push({
      path: [...blockPath, 'gpu'],
      message: 'unknown GPU',
      expected: 'a catalog GPU id (see tunewise catalog) or { hourly: USD }',
      found: block.gpu,
      suggestion: joinSuggestions(didYouMean(block.gpu, ids)),
    });
    return drafts;
  }
  if (block.tokensPerSecond === undefined) {
    const modelId = typeof fineTune.model === 'string' ? fineTune.model : workload.model;
    const sizeClass = typeof modelId === 'string' ? sizeClassOf(modelId, models, catalog) : undefined;
    if (sizeClass === undefined || gpu.throughput?.[sizeClass] === undefined) {
      const cited = Object.keys(gpu.throughput ?? {});
      drafts.push({
        path: [...blockPath, 'gpu'],
        message: `the catalog cites no throughput for ${sizeClass ?? 'unsized'} models on ${gpu.id}${cited.length === 0 ? '' : ` (only ${cited.join(', ')})`}, and none is invented: set tokensPerSecond`,
        expected: 'deployment.tokensPerSecond: tokens (prompt + output) one replica serves per second',
        found: `no tokensPerSecond for ${typeof modelId === 'string' ? modelId : 'this model'}`,
      });
    }
  }
  return drafts;
}

function sizeClassOf(
  modelId: string,
  models: Record<string, unknown>,
  catalog: Pick<Catalog, 'models'>,
): SizeClass | undefined {
  const custom = models[modelId];
  if (isPlainObject(custom) && typeof custom.sizeClass === 'string') return custom.sizeClass as SizeClass;
  return catalog.models.find((model) => model.id === modelId)?.sizeClass;
}

function passedWithinTotal(quality: Record<string, unknown>, path: UsageFilePath): IssueDraft[] {
  const drafts: IssueDraft[] = [];
  for (const strategy of ['prompt', 'fineTune', 'hybrid'] as const) {
    const result = quality[strategy];
    if (!isPlainObject(result)) continue;
    const { passed, total } = result;
    if (isFiniteNumber(passed) && isFiniteNumber(total) && passed > total) {
      drafts.push({
        path: [...path, strategy, 'passed'],
        message: 'passed must not be above total',
        expected: `a whole number ≤ total (${total})`,
        found: String(passed),
      });
    }
  }
  return drafts;
}

function rangeOrder(range: Record<string, unknown>, path: UsageFilePath): IssueDraft[] {
  const { low, expected, high } = range;
  const drafts: IssueDraft[] = [];
  if (isFiniteNumber(low) && isFiniteNumber(expected) && low > expected) {
    drafts.push({
      path: [...path, 'low'],
      message: 'low must not be above expected',
      expected: `a number ≤ expected (${expected})`,
      found: String(low),
    });
  }
  if (isFiniteNumber(expected) && isFiniteNumber(high) && expected > high) {
    drafts.push({
      path: [...path, 'high'],
      message: 'high must not be below expected',
      expected: `a number ≥ expected (${expected})`,
      found: String(high),
    });
  }
  return drafts;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
