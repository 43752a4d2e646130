import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { InvalidAsOfError } from '../errors/invalid-as-of-error.js';
import type { CustomModel } from '../schema/usage-file.js';
import {
  type CatalogSchemaOutput,
  catalogSchema,
  defaultCatalog,
  findCatalogModel,
  fineTuneAvailability,
  knownModelIds,
  liveFineTunableModels,
  pricingSources,
  resolveModel,
} from './index.js';
import type { Catalog, CatalogGpu, CatalogModel, ModelPrices } from './types.js';

// Dates the catalog must carry (docs/lifecycle.md#the-dates): the providers' published windows of late 2026.
const OPENAI_TRAINING_CLOSES = '2027-01-06';
const OPENAI_SNAPSHOTS_RETIRE = '2027-01-14';
const OPENAI_ALREADY_RETIRED = '2026-10-23';
const retiringSnapshots = ['openai/gpt-4o', 'openai/gpt-4o-mini', 'openai/gpt-4.1', 'openai/gpt-4.1-mini'];
const retiredModels = ['openai/gpt-4.1-nano', 'openai/o4-mini'];

function rawCatalog(): unknown {
  return JSON.parse(readFileSync(new URL('./catalog.json', import.meta.url), 'utf8'));
}

function catalogModel(id: string): CatalogModel {
  const model = findCatalogModel(defaultCatalog, id);
  if (model === undefined) throw new Error(`${id} missing from the catalog`);
  return model;
}

/** The catalog entry as the cost model sees it. */
function pricesOf(id: string): ModelPrices {
  const model = resolveModel(id, {}, defaultCatalog);
  if (model === undefined) throw new Error(`${id} missing from the catalog`);
  return model;
}

function issuesOf(catalog: unknown): string[] {
  const result = catalogSchema.safeParse(catalog);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

/** A deep copy of the shipped catalog with `change` applied, for schema rules that must fail. */
function mutated(change: (catalog: Catalog) => void): Catalog {
  const copy = structuredClone(defaultCatalog);
  change(copy);
  return copy;
}

describe('catalog.json', () => {
  it('validates against catalogSchema', () => {
    expect(issuesOf(rawCatalog())).toEqual([]);
  });

  it('is what defaultCatalog exports', () => {
    expect(defaultCatalog).toEqual(rawCatalog());
  });

  it('has a schema whose output fits the Catalog interface', () => {
    expectTypeOf<CatalogSchemaOutput>().toExtend<Catalog>();
  });

  it('covers every provider the catalog must carry, and GPUs from a marketplace, a GPU cloud and a hyperscaler', () => {
    const providers = new Set(defaultCatalog.models.map((model) => model.provider));
    for (const provider of ['openai', 'anthropic', 'google', 'mistral', 'together', 'fireworks', 'bedrock']) {
      expect(providers, provider).toContain(provider);
    }
    const gpuProviders = new Set(defaultCatalog.gpus.map((gpu) => gpu.provider));
    for (const provider of ['runpod', 'lambda', 'aws']) expect(gpuProviders, provider).toContain(provider);
  });

  it('gives every model, GPU and access entry a source, a checked date and a source kind', () => {
    const provenances = [
      ...defaultCatalog.models.flatMap((model) => [
        { id: model.id, provenance: model },
        ...(model.fineTuningSource ? [{ id: `${model.id} fineTuningSource`, provenance: model.fineTuningSource }] : []),
        ...(model.lifecycleSource ? [{ id: `${model.id} lifecycleSource`, provenance: model.lifecycleSource }] : []),
      ]),
      ...defaultCatalog.gpus.map((gpu) => ({ id: gpu.id, provenance: gpu })),
      ...defaultCatalog.fineTuningAccess.map((access) => ({ id: access.provider, provenance: access })),
    ];
    expect(provenances.length).toBeGreaterThan(defaultCatalog.models.length);
    const incomplete = provenances.filter(
      ({ provenance }) =>
        !/^https:\/\//.test(provenance.source) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(provenance.checked) ||
        !['primary', 'secondary'].includes(provenance.sourceKind),
    );
    expect(incomplete.map(({ id }) => id)).toEqual([]);
  });

  it('explains in its notes every secondary source and every fine-tunable model without a training price', () => {
    const unexplained = defaultCatalog.models.filter(
      (model) =>
        (model.sourceKind === 'secondary' ||
          (model.fineTuning !== undefined && model.fineTuning.training === undefined)) &&
        (model.notes === undefined || model.notes.length < 40),
    );
    expect(unexplained.map((model) => model.id)).toEqual([]);
    expect(defaultCatalog.gpus.filter((gpu) => gpu.sourceKind === 'secondary' && gpu.notes === undefined)).toEqual([]);
  });

  it('cites a benchmark for every GPU throughput default', () => {
    const throughputs = defaultCatalog.gpus.flatMap((gpu) => Object.values(gpu.throughput ?? {}));
    expect(throughputs.length).toBeGreaterThan(0);
    for (const throughput of throughputs) {
      expect(throughput.benchmark).toMatch(/^https:\/\//);
      expect(throughput.basis.length).toBeGreaterThan(40);
    }
  });

  it('gives every model a speed or a size class for the latency model', () => {
    const missing = defaultCatalog.models.filter((model) => model.speed === undefined && model.sizeClass === undefined);
    expect(missing.map((model) => model.id)).toEqual([]);
  });
});

describe('catalogSchema rules', () => {
  it.each([
    [
      'a duplicate id',
      (catalog: Catalog) => catalog.models.push({ ...catalog.models[0]! }),
      /duplicate model id openai\/gpt-4o/,
    ],
    [
      'an http source',
      (catalog: Catalog) => (catalog.models[0]!.source = 'http://example.com/pricing'),
      /models\.0\.source/,
    ],
    ['an impossible date', (catalog: Catalog) => (catalog.models[0]!.retiresOn = '2027-02-30'), /models\.0\.retiresOn/],
    [
      'training that closes after retirement',
      (catalog: Catalog) => (catalog.models[0]!.fineTuning!.availableUntil = '2027-02-01'),
      /after the model retires on 2027-01-14/,
    ],
    [
      'a successor missing from the catalog',
      (catalog: Catalog) => (catalog.models[0]!.fineTuning!.successor = 'openai/gpt-9'),
      /successor openai\/gpt-9 is not in the catalog/,
    ],
    [
      'a successor that is not fine-tunable',
      (catalog: Catalog) => (catalog.models[0]!.fineTuning!.successor = 'anthropic/claude-sonnet-5-5'),
      /is not fine-tunable/,
    ],
    [
      'a stale top-level checked date',
      (catalog: Catalog) => (catalog.checked = '2026-01-01'),
      /latest entry date 2026-12-01/,
    ],
    ['an unknown field', (catalog: Catalog) => Object.assign(catalog.models[0]!, { inputPrice: 1 }), /models\.0/],
    [
      'per-token fine-tuned prices on a dedicated-only model',
      (catalog: Catalog) =>
        (catalog.models[0]!.fineTuning = { training: 1, serving: ['dedicated'], input: 1, output: 1 }),
      /models\.0\.fineTuning\.serving: per-token fine-tuned prices need/,
    ],
    [
      'a model successor missing from the catalog',
      (catalog: Catalog) => (catalog.models[0]!.successor = 'openai/gpt-9'),
      /models\.0\.successor: successor openai\/gpt-9 is not in the catalog/,
    ],
    [
      'a GPU without a source kind',
      (catalog: Catalog) => delete (catalog.gpus[0] as Partial<CatalogGpu>).sourceKind,
      /gpus\.0\.sourceKind/,
    ],
    ['a duplicate GPU id', (catalog: Catalog) => catalog.gpus.push({ ...catalog.gpus[0]! }), /duplicate GPU id/],
  ])('rejects %s', (_name, change, expected) => {
    expect(issuesOf(mutated(change)).join('\n')).toMatch(expected);
  });
});

describe('lifecycle facts (docs/lifecycle.md)', () => {
  it.each(retiringSnapshots)('%s: training closes 2027-01-06, model and fine-tunes retire 2027-01-14', (id) => {
    const model = catalogModel(id);
    expect(model.fineTuning?.availableUntil).toBe(OPENAI_TRAINING_CLOSES);
    expect(model.retiresOn).toBe(OPENAI_SNAPSHOTS_RETIRE);
  });

  it.each(retiredModels)('%s is kept with its 2026-10-23 retirement', (id) => {
    expect(catalogModel(id).retiresOn).toBe(OPENAI_ALREADY_RETIRED);
    expect(fineTuneAvailability(pricesOf(id), '2026-11-28').status).toBe('retired');
  });

  it('names no fine-tunable successor for OpenAI models, since OpenAI names none', () => {
    const withSuccessor = defaultCatalog.models.filter(
      (model) => model.provider === 'openai' && model.fineTuning?.successor !== undefined,
    );
    expect(withSuccessor).toEqual([]);
  });

  it('offers no self-serve fine-tuning for Anthropic models', () => {
    const anthropic = defaultCatalog.models.filter((model) => model.provider === 'anthropic');
    expect(anthropic.length).toBeGreaterThan(0);
    expect(anthropic.filter((model) => model.fineTuning !== undefined)).toEqual([]);
  });

  it('offers no fine-tuning for Mistral models, whose fine-tuning Mistral deprecated', () => {
    const mistral = defaultCatalog.models.filter((model) => model.provider === 'mistral');
    expect(mistral.length).toBeGreaterThan(0);
    for (const model of mistral) {
      expect(model.fineTuning, model.id).toBeUndefined();
      expect(model.notes, model.id).toContain('https://docs.mistral.ai/resources/deprecated');
    }
  });

  it('leaves the GPT-5 family without fine-tuning', () => {
    const gpt5 = defaultCatalog.models.filter((model) => /^openai\/gpt-5/.test(model.id));
    expect(gpt5.length).toBeGreaterThanOrEqual(3);
    expect(gpt5.filter((model) => model.fineTuning !== undefined)).toEqual([]);
  });

  it('records the deprecation page as the source of OpenAI lifecycle dates', () => {
    for (const id of [...retiringSnapshots, ...retiredModels]) {
      expect(catalogModel(id).lifecycleSource?.source, id).toBe('https://developers.openai.com/api/docs/deprecations');
    }
  });
});

describe('fineTuneAvailability', () => {
  const gpt4o = pricesOf('openai/gpt-4o');

  it.each([
    ['2026-11-28', 'available'],
    ['2027-01-05', 'available'],
    [OPENAI_TRAINING_CLOSES, 'available'],
    ['2027-01-07', 'training-closed'],
    ['2027-01-13', 'training-closed'],
    [OPENAI_SNAPSHOTS_RETIRE, 'retired'],
    ['2027-03-01', 'retired'],
  ] as const)('gpt-4o on %s is %s', (asOf, status) => {
    expect(fineTuneAvailability(gpt4o, asOf)).toEqual({
      status,
      availableUntil: OPENAI_TRAINING_CLOSES,
      retiresOn: OPENAI_SNAPSHOTS_RETIRE,
    });
  });

  it('reports a model without fineTuning as not fine-tunable until it retires', () => {
    const gpt5 = pricesOf('openai/gpt-5');
    expect(fineTuneAvailability(gpt5, '2026-11-28')).toEqual({ status: 'not-fine-tunable', retiresOn: '2026-12-11' });
    expect(fineTuneAvailability(gpt5, '2026-12-11').status).toBe('retired');
  });

  it('keeps a fine-tunable model without dates available', () => {
    const model: ModelPrices = {
      id: 'acme/large',
      input: 1,
      output: 2,
      fineTuning: { training: 3, input: 1, output: 2 },
    };
    expect(fineTuneAvailability(model, '2099-01-01')).toEqual({ status: 'available' });
  });

  it('rejects an asOf that is not a date with the InvalidAsOfError evaluate throws', () => {
    expect(() => fineTuneAvailability(gpt4o, '28/11/2026')).toThrow(InvalidAsOfError);
    try {
      fineTuneAvailability(gpt4o, '2026-02-30');
    } catch (error) {
      expect(InvalidAsOfError.isInstance(error)).toBe(true);
    }
    expect.assertions(2);
  });
});

describe('liveFineTunableModels', () => {
  it('on 2027-02-01 finds no catalog model with a confirmed per-token fine-tuned price: the open paths are dedicated', () => {
    const live = liveFineTunableModels(defaultCatalog, '2027-02-01');
    // OpenAI's training closed on 2027-01-06; what stays fine-tunable has no confirmed per-token price for its tuned
    // model (served by the hour on dedicated GPUs, or trained at its provider and served on your own).
    expect(live.length).toBeGreaterThan(0);
    for (const model of live) {
      expect(model.fineTuning, model.id).toBeUndefined();
      expect(model.tuning, model.id).toBeDefined();
    }
    expect(live.map((model) => model.id)).toContain('fireworks/accounts/fireworks/models/llama-v3p1-8b-instruct');
  });

  it('ranks by fine-tuned inference price, cheapest first', () => {
    const live = liveFineTunableModels(defaultCatalog, '2026-11-28');
    // Per-token tuned prices ascending; models with none (served by the hour) after every priced one.
    const prices = live.map((model) =>
      model.fineTuning === undefined ? Number.POSITIVE_INFINITY : model.fineTuning.input + model.fineTuning.output,
    );
    expect(prices.filter(Number.isFinite).length).toBeGreaterThan(1);
    expect(prices.some((price) => price === Number.POSITIVE_INFINITY)).toBe(true);
    expect(prices).toEqual([...prices].sort((left, right) => left - right));
  });

  it('on the checked date still includes the OpenAI snapshots but not retired models', () => {
    const ids = liveFineTunableModels(defaultCatalog, '2026-11-28').map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(retiringSnapshots));
    expect(ids).not.toContain('openai/gpt-4.1-nano');
  });

  it('includes custom fine-tunable models from the usage file', () => {
    const customModels: Record<string, CustomModel> = {
      'acme/tiny': { input: 0.01, output: 0.01, fineTuning: { training: 0.1, input: 0.01, output: 0.01 } },
    };
    expect(liveFineTunableModels(defaultCatalog, '2027-02-01', customModels)[0]?.id).toBe('acme/tiny');
  });
});

describe('resolveModel', () => {
  it('returns catalog prices without provenance fields', () => {
    const model = resolveModel('openai/gpt-4o-mini', {}, defaultCatalog);
    expect(model).toEqual({
      id: 'openai/gpt-4o-mini',
      provider: 'openai',
      input: 0.15,
      cachedInput: 0.075,
      output: 0.6,
      fineTuning: { training: 3, input: 0.3, cachedInput: 0.15, output: 1.2, availableUntil: OPENAI_TRAINING_CLOSES },
      tuning: { training: 3, serving: ['per-token'], availableUntil: OPENAI_TRAINING_CLOSES },
      retiresOn: OPENAI_SNAPSHOTS_RETIRE,
      successor: 'openai/gpt-6-luna',
      minCacheTokens: 1024,
      sizeClass: 'small',
    });
  });

  it('gives a dedicated-only model no per-token fine-tuning (provider hosting is not priced), yet calls it fine-tunable', () => {
    const model = pricesOf('fireworks/accounts/fireworks/models/llama-v3p1-8b-instruct');
    expect(catalogModel(model.id).fineTuning).toEqual({ training: 0.5, serving: ['dedicated'] });
    expect(model.fineTuning).toBeUndefined();
    expect(model.tuning).toEqual({ training: 0.5, serving: ['dedicated'] });
    expect(fineTuneAvailability(model, '2026-12-01').status).toBe('available');
    expect(fineTuneAvailability(pricesOf('openai/gpt-5.6-luna'), '2026-12-01').status).toBe('not-fine-tunable');
  });

  it('overrides a catalog entry field by field, keeping the provider dates but not a cached price for another input price', () => {
    const customModels: Record<string, CustomModel> = {
      'openai/gpt-4o': { input: 2, output: 8, fineTuning: { training: 20, input: 3, output: 12 } },
    };
    expect(resolveModel('openai/gpt-4o', customModels, defaultCatalog)).toEqual({
      id: 'openai/gpt-4o',
      provider: 'openai',
      input: 2,
      output: 8,
      fineTuning: { training: 20, input: 3, output: 12, availableUntil: OPENAI_TRAINING_CLOSES },
      tuning: { training: 20, serving: ['per-token'], availableUntil: OPENAI_TRAINING_CLOSES },
      retiresOn: OPENAI_SNAPSHOTS_RETIRE,
      successor: 'openai/gpt-6-luna',
      minCacheTokens: 1024,
      sizeClass: 'large',
    });
  });

  it('keeps the catalog cached price when only the output price is overridden, and takes a given one', () => {
    expect(
      resolveModel('openai/gpt-4o', { 'openai/gpt-4o': { output: 9 } } as never, defaultCatalog)?.cachedInput,
    ).toBe(1.25);
    expect(
      resolveModel('openai/gpt-4o', { 'openai/gpt-4o': { input: 2, cachedInput: 0.5, output: 8 } }, defaultCatalog)
        ?.cachedInput,
    ).toBe(0.5);
  });

  it('adds a model the catalog lacks', () => {
    const customModels: Record<string, CustomModel> = {
      'acme/large': { input: 2.5, cachedInput: 1.25, output: 10, sizeClass: 'large' },
    };
    expect(resolveModel('acme/large', customModels, defaultCatalog)).toEqual({
      id: 'acme/large',
      input: 2.5,
      cachedInput: 1.25,
      output: 10,
      sizeClass: 'large',
    });
  });

  it('returns undefined for an unknown id, including inherited object keys', () => {
    expect(resolveModel('acme/missing', {}, defaultCatalog)).toBeUndefined();
    expect(resolveModel('toString', {}, defaultCatalog)).toBeUndefined();
  });
});

describe('knownModelIds and pricingSources', () => {
  it('lists catalog ids then custom ids, without duplicates', () => {
    const ids = knownModelIds(defaultCatalog, {
      'openai/gpt-4o': { input: 1, output: 1 },
      'acme/large': { input: 1, output: 1 },
    });
    expect(ids.slice(0, 2)).toEqual(['openai/gpt-4o', 'openai/gpt-4o-mini']);
    expect(ids.at(-1)).toBe('acme/large');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id === 'openai/gpt-4o')).toHaveLength(1);
  });

  it('gives the distinct pages behind the models used, skipping custom models', () => {
    expect(
      pricingSources(defaultCatalog, [
        'openai/gpt-4o',
        'openai/gpt-4o-mini',
        'together/meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
        'acme/large',
      ]),
    ).toEqual([
      'https://developers.openai.com/api/docs/pricing',
      'https://developers.openai.com/api/docs/deprecations',
      'https://www.together.ai/pricing',
      'https://docs.together.ai/docs/fine-tuning/supported-models',
    ]);
  });
});
