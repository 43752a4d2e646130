import * as z from 'zod';

const date = z.iso.date();
const usdPerMillion = z.number().nonnegative();
const httpsUrl = z.url({ protocol: /^https$/ });
const sizeClass = z.enum(['small', 'medium', 'large']);

const provenanceShape = { checked: date, source: httpsUrl, sourceKind: z.enum(['primary', 'secondary']) };
const provenanceSchema = z.strictObject(provenanceShape);

const speedSchema = z.strictObject({
  ttftMs: z.number().nonnegative(),
  prefillTokensPerSecond: z.number().positive(),
  outputTokensPerSecond: z.number().positive(),
});

const fineTuningSchema = z
  .strictObject({
    training: usdPerMillion.optional(),
    serving: z
      .array(z.enum(['per-token', 'dedicated']))
      .min(1)
      .optional(),
    input: usdPerMillion.optional(),
    cachedInput: usdPerMillion.optional(),
    output: usdPerMillion.optional(),
    hostingHourly: z.number().positive().optional(),
    availableUntil: date.optional(),
    successor: z.string().min(1).optional(),
  })
  .superRefine((fineTuning, context) => {
    const perTokenPrices = [fineTuning.input, fineTuning.cachedInput, fineTuning.output, fineTuning.hostingHourly];
    if (perTokenPrices.some((price) => price !== undefined) && !fineTuning.serving?.includes('per-token')) {
      context.addIssue({
        code: 'custom',
        path: ['serving'],
        message: 'per-token fine-tuned prices need `per-token` in serving; a dedicated-only model has none',
      });
    }
    if ((fineTuning.input === undefined) !== (fineTuning.output === undefined)) {
      context.addIssue({ code: 'custom', path: ['output'], message: 'give both input and output fine-tuned prices' });
    }
  });

const catalogModelSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+\/\S+$/, 'provider/api-model-name'),
  provider: z.string().min(1),
  displayName: z.string().min(1),
  input: usdPerMillion,
  cachedInput: usdPerMillion.optional(),
  output: usdPerMillion,
  fineTuning: fineTuningSchema.optional(),
  retiresOn: date.optional(),
  successor: z.string().min(1).optional(),
  minCacheTokens: z.number().int().positive().optional(),
  speed: speedSchema.optional(),
  sizeClass: sizeClass.optional(),
  ...provenanceShape,
  fineTuningSource: provenanceSchema.optional(),
  lifecycleSource: provenanceSchema.optional(),
  notes: z.string().min(1).optional(),
});

const throughputSchema = z.strictObject({
  tokensPerSecond: z.number().positive(),
  gpusPerReplica: z.number().int().min(1),
  benchmark: httpsUrl,
  basis: z.string().min(1),
});

const gpuSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'provider/gpu'),
  provider: z.string().min(1),
  displayName: z.string().min(1),
  hourly: z.number().positive(),
  throughput: z.partialRecord(sizeClass, throughputSchema).optional(),
  ...provenanceShape,
  notes: z.string().min(1).optional(),
});

const accessSchema = z.strictObject({
  provider: z.string().min(1),
  closedToNewTeams: date.optional(),
  closedToInactiveTeams: date.optional(),
  inactiveDays: z.number().int().positive().optional(),
  ...provenanceShape,
  notes: z.string().min(1).optional(),
});

type ParsedModel = z.output<typeof catalogModelSchema>;

/** The shape of `catalog.json` plus the rules that keep its dates and references consistent. */
export const catalogSchema = z
  .strictObject({
    checked: date,
    models: z.array(catalogModelSchema).min(1),
    gpus: z.array(gpuSchema),
    fineTuningAccess: z.array(accessSchema),
  })
  .superRefine((catalog, context) => {
    const byId = new Map<string, ParsedModel>();
    catalog.models.forEach((model, index) => {
      if (byId.has(model.id)) {
        context.addIssue({ code: 'custom', path: ['models', index, 'id'], message: `duplicate model id ${model.id}` });
      }
      byId.set(model.id, model);
      if (!model.id.startsWith(`${model.provider}/`)) {
        context.addIssue({
          code: 'custom',
          path: ['models', index, 'provider'],
          message: `id ${model.id} does not start with its provider "${model.provider}/"`,
        });
      }
    });

    catalog.models.forEach((model, index) => {
      const availableUntil = model.fineTuning?.availableUntil;
      if (availableUntil !== undefined && model.retiresOn !== undefined && availableUntil > model.retiresOn) {
        context.addIssue({
          code: 'custom',
          path: ['models', index, 'fineTuning', 'availableUntil'],
          message: `training closes ${availableUntil}, after the model retires on ${model.retiresOn}`,
        });
      }
      const fineTuningSuccessor = model.fineTuning?.successor;
      if (fineTuningSuccessor !== undefined) {
        const successor = byId.get(fineTuningSuccessor);
        if (successor === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['models', index, 'fineTuning', 'successor'],
            message: `successor ${fineTuningSuccessor} is not in the catalog`,
          });
        } else if (successor.fineTuning === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['models', index, 'fineTuning', 'successor'],
            message: `successor ${fineTuningSuccessor} is not fine-tunable`,
          });
        }
      }
      if (model.successor !== undefined && !byId.has(model.successor)) {
        context.addIssue({
          code: 'custom',
          path: ['models', index, 'successor'],
          message: `successor ${model.successor} is not in the catalog`,
        });
      }
      if (model.successor === model.id) {
        context.addIssue({
          code: 'custom',
          path: ['models', index, 'successor'],
          message: 'a model cannot succeed itself',
        });
      }
    });

    const gpuIds = new Set<string>();
    catalog.gpus.forEach((gpu, index) => {
      if (gpuIds.has(gpu.id)) {
        context.addIssue({ code: 'custom', path: ['gpus', index, 'id'], message: `duplicate GPU id ${gpu.id}` });
      }
      gpuIds.add(gpu.id);
      if (!gpu.id.startsWith(`${gpu.provider}/`)) {
        context.addIssue({
          code: 'custom',
          path: ['gpus', index, 'provider'],
          message: `id ${gpu.id} does not start with its provider "${gpu.provider}/"`,
        });
      }
    });

    const accessProviders = new Set<string>();
    catalog.fineTuningAccess.forEach((access, index) => {
      if (accessProviders.has(access.provider)) {
        context.addIssue({
          code: 'custom',
          path: ['fineTuningAccess', index, 'provider'],
          message: `duplicate access entry for ${access.provider}`,
        });
      }
      accessProviders.add(access.provider);
    });

    const entryDates = [
      ...catalog.models.flatMap((model) => [
        model.checked,
        model.fineTuningSource?.checked,
        model.lifecycleSource?.checked,
      ]),
      ...catalog.gpus.map((gpu) => gpu.checked),
      ...catalog.fineTuningAccess.map((access) => access.checked),
    ].filter((value): value is string => value !== undefined);
    const latest = entryDates.sort().at(-1) ?? '';
    if (latest !== catalog.checked) {
      context.addIssue({
        code: 'custom',
        path: ['checked'],
        message: `catalog checked ${catalog.checked} must equal the latest entry date ${latest}`,
      });
    }
  });

/** What `catalogSchema` accepts; a test keeps it assignable to the hand-written `Catalog` interface. */
export type CatalogSchemaOutput = z.output<typeof catalogSchema>;
