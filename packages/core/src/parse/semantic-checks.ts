import { didYouMean, joinSuggestions } from './did-you-mean.js';
import type { IssueDraft } from './issue-draft.js';
import type { SourceMap } from './source-map.js';
import type { UsageFilePath } from './usage-file-path.js';
import { isPlainObject } from './zod-issues.js';

export interface SemanticCheckContext {
  sourceMap: SourceMap;
  /** Catalog ids; when undefined, model ids are not checked (no catalog to check against). */
  knownModelIds: readonly string[] | undefined;
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
    if (isPlainObject(fineTune) && fineTune.hosting === 'self-hosted' && fineTune.selfHosted === undefined) {
      drafts.push({
        path: [...base, 'fineTune', 'hosting'],
        message: 'hosting: self-hosted needs a selfHosted block with the GPU price and throughput',
        expected: 'fineTune.selfHosted: { gpuHourly, tokensPerSecond, gpusPerReplica?, minReplicas?, peakFactor? }',
        found: 'no selfHosted block',
      });
    }
  }
  return drafts;
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
