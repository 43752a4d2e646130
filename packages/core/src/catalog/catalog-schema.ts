import { z } from 'zod';

const date = z.iso.date();
const usdPerMillion = z.number().nonnegative();
const httpsUrl = z.url({ protocol: /^https$/ });

const provenanceSchema = z.strictObject({ checked: date, source: httpsUrl });

const speedSchema = z.strictObject({
  ttftMs: z.number().nonnegative(),
  prefillTokensPerSecond: z.number().positive(),
  outputTokensPerSecond: z.number().positive(),
});

const fineTuningSchema = z.strictObject({
  training: usdPerMillion,
  input: usdPerMillion,
  cachedInput: usdPerMillion.optional(),
  output: usdPerMillion,
  availableUntil: date.optional(),
  successor: z.string().min(1).optional(),
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
  speed: speedSchema.optional(),
  sizeClass: z.enum(['small', 'medium', 'large']).optional(),
  checked: date,
  source: httpsUrl,
  fineTuningSource: provenanceSchema.optional(),
  lifecycleSource: provenanceSchema.optional(),
  notes: z.string().min(1).optional(),
});

const byClass = (value: z.ZodNumber) => z.strictObject({ '8b': value, '70b': value });

const gpuPresetSchema = z.strictObject({
  id: z.string().regex(/^gpu\/[a-z0-9-]+$/, 'gpu/<name>'),
  displayName: z.string().min(1),
  gpuHourly: z.number().positive(),
  tokensPerSecond: byClass(z.number().positive()),
  gpusPerReplica: byClass(z.number().int().min(1)),
  checked: date,
  source: httpsUrl,
  notes: z.string().min(1).optional(),
});

/** The shape of `catalog.json` plus the rules that keep its dates and references consistent. */
export const catalogSchema = z
  .strictObject({
    checked: date,
    models: z.array(catalogModelSchema).min(1),
    gpuPresets: z.array(gpuPresetSchema),
  })
  .superRefine((catalog, context) => {
    const byId = new Map<string, (typeof catalog.models)[number]>();
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
      const successorId = model.fineTuning?.successor;
      if (successorId !== undefined) {
        const successor = byId.get(successorId);
        if (successor === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['models', index, 'fineTuning', 'successor'],
            message: `successor ${successorId} is not in the catalog`,
          });
        } else if (successor.fineTuning === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['models', index, 'fineTuning', 'successor'],
            message: `successor ${successorId} is not fine-tunable`,
          });
        }
      }
    });

    const presetIds = new Set<string>();
    catalog.gpuPresets.forEach((preset, index) => {
      if (presetIds.has(preset.id)) {
        context.addIssue({
          code: 'custom',
          path: ['gpuPresets', index, 'id'],
          message: `duplicate preset id ${preset.id}`,
        });
      }
      presetIds.add(preset.id);
    });

    const entryDates = [
      ...catalog.models.flatMap((model) => [
        model.checked,
        model.fineTuningSource?.checked,
        model.lifecycleSource?.checked,
      ]),
      ...catalog.gpuPresets.map((preset) => preset.checked),
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
