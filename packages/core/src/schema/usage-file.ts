import * as z from 'zod';
import { DEFAULTS } from './defaults.js';

const count = (description: string) => z.number().int().nonnegative().meta({ description });
/** Most requests per month a usage file may give: keeps every figure finite over a 120-month horizon. */
export const MAX_REQUESTS_PER_MONTH = 1e12;
/** Most tokens a usage file may give for one request or example: far beyond any model's context. */
export const MAX_TOKENS = 1e8;

/** Most USD one wrong answer may cost: with the largest volume, failure costs stay finite. */
export const MAX_FAILURE_COST_USD = 1e9;
/** Most USD per 1M tokens a price may be: a dollar a token, hundreds of times any listed price. */
export const MAX_USD_PER_MILLION_TOKENS = 1e6;
/** Most USD per hour an engineer or a GPU may cost. */
export const MAX_USD_PER_HOUR = 1e5;
/** Most engineering hours one effort entry may give (about eleven years). */
export const MAX_EFFORT_HOURS = 1e5;
/** Most training examples a workload may give. */
export const MAX_TRAINING_EXAMPLES = 1e9;
/** Slowest throughput accepted, tokens per second: slower still would be a typo, and divides toward infinity. */
const MIN_TOKENS_PER_SECOND = 0.001;

const tokens = (description: string) => z.number().nonnegative().max(MAX_TOKENS).meta({ description });
const usdPerMillion = (description: string) =>
  z.number().nonnegative().max(MAX_USD_PER_MILLION_TOKENS).meta({ description });
const usdPerHour = (description: string) => z.number().nonnegative().max(MAX_USD_PER_HOUR).meta({ description });
const hours = () => z.number().nonnegative().max(MAX_EFFORT_HOURS).optional();
const tokensPerSecond = (description: string) => z.number().min(MIN_TOKENS_PER_SECOND).meta({ description });

/** A model id: a catalog id (`provider/api-model-name`) or a key of the file's `models`. */
export const modelIdSchema = z
  .string()
  .min(1)
  .meta({ description: 'A catalog id (provider/api-model-name) or a key of `models`.' });

/** A model's latency profile (time to first token, prefill and output tokens per second). */
export const speedSchema = z
  .strictObject({
    ttftMs: z.number().nonnegative().max(1e7).meta({ description: 'Time to first token, milliseconds.' }),
    prefillTokensPerSecond: tokensPerSecond('Prompt tokens processed per second.'),
    outputTokensPerSecond: tokensPerSecond('Output tokens generated per second.'),
  })
  .meta({ description: 'Latency profile used by the latency model.' });

/** An entry of `models`: prices in USD per 1M tokens for a custom model, or an override of a catalog model's prices. */
export const customModelSchema = z
  .strictObject({
    input: usdPerMillion('USD per 1M input tokens.'),
    cachedInput: usdPerMillion('USD per 1M cached input tokens; absent = no caching discount.').optional(),
    output: usdPerMillion('USD per 1M output tokens.'),
    fineTuning: z
      .strictObject({
        training: usdPerMillion('USD per 1M training tokens (tokens × epochs).'),
        input: usdPerMillion(
          'USD per 1M input tokens on the fine-tuned model served per token; absent with output = served only on GPUs (dedicated or self-hosted).',
        ).optional(),
        cachedInput: usdPerMillion('USD per 1M cached input tokens on the fine-tuned model.').optional(),
        output: usdPerMillion('USD per 1M output tokens on the fine-tuned model served per token.').optional(),
        hostingHourly: usdPerHour(
          'USD per hour the provider charges to keep a tuned deployment up (Azure), on top of tokens.',
        ).optional(),
        availableUntil: z.iso
          .date()
          .meta({ description: 'Last day a new training job can start (YYYY-MM-DD).' })
          .optional(),
        successor: modelIdSchema
          .meta({ description: 'Fine-tunable model to move to when this one retires.' })
          .optional(),
      })
      .meta({ description: 'Fine-tuning prices; absent = not fine-tunable.' })
      .optional(),
    retiresOn: z.iso.date().meta({ description: 'Day the model (and its fine-tunes) stop serving.' }).optional(),
    speed: speedSchema.optional(),
    sizeClass: z
      .enum(['small', 'medium', 'large'])
      .meta({ description: 'Size class for default latency when `speed` is absent.' })
      .optional(),
  })
  .meta({ description: 'A custom model or a price override, USD per 1M tokens.' });

const rangeSchema = z
  .strictObject({
    low: z.number().nonnegative().max(MAX_REQUESTS_PER_MONTH).meta({ description: 'Pessimistic requests per month.' }),
    expected: z
      .number()
      .nonnegative()
      .max(MAX_REQUESTS_PER_MONTH)
      .meta({ description: 'Expected requests per month.' }),
    high: z.number().nonnegative().max(MAX_REQUESTS_PER_MONTH).meta({ description: 'Optimistic requests per month.' }),
  })
  .meta({ description: 'A range of requests per month; costs use `expected`, the Monte Carlo uses all three.' });

/** A workload's `volume`: requests per month in month 1 (a number or a range) and monthly growth. */
export const volumeSchema = z.strictObject({
  requestsPerMonth: z
    .union([z.number().nonnegative().max(MAX_REQUESTS_PER_MONTH), rangeSchema])
    .meta({ description: 'Requests per month in month 1: a number or { low, expected, high }.' }),
  monthlyGrowth: z
    .number()
    .min(-1)
    .max(1)
    .default(DEFAULTS.monthlyGrowth)
    .meta({ description: 'Fractional growth per month (0.05 = +5% a month).' }),
});

const fileList = (description: string) => z.array(z.string().min(1)).min(1).meta({ description });

/** A workload's `prompt`: static (instruction, example) and variable tokens per request, and the cache hit rate. */
export const promptSchema = z.strictObject({
  instructionTokens: tokens('Static system prompt tokens (cacheable).').optional(),
  instructionFiles: fileList(
    'Files or globs (relative to this file, inside the repository) whose token count replaces instructionTokens.',
  ).optional(),
  exampleTokens: tokens('Few-shot example tokens: what fine-tuning removes.').optional(),
  exampleFiles: fileList(
    'Files or globs (relative to this file, inside the repository) whose token count replaces exampleTokens.',
  ).optional(),
  inputTokens: tokens('Variable input tokens per request.'),
  outputTokens: tokens('Output tokens per request.'),
  cacheHitRate: z
    .number()
    .min(0)
    .max(1)
    .default(DEFAULTS.cacheHitRate)
    .meta({ description: 'Share of static tokens billed at the cached price (0..1).' }),
});

/** A workload's `profile`: stage, domain, data policy, output format and other traits the decision rules score. */
export const profileSchema = z.strictObject({
  stage: z.enum(['prototype', 'mvp', 'production']).default(DEFAULTS.stage),
  domain: z.enum(['general', 'healthcare', 'legal', 'finance', 'other-specialized']).default(DEFAULTS.domain),
  regulated: z.boolean().default(DEFAULTS.regulated),
  dataPolicy: z
    .enum(['open', 'no-third-party-training'])
    .default(DEFAULTS.dataPolicy)
    .meta({ description: 'no-third-party-training: data may not be sent to a provider for training.' }),
  tasks: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(DEFAULTS.tasks)
    .meta({ description: 'Distinct tasks this model serves.' }),
  outputFormat: z.enum(['free', 'structured']).default(DEFAULTS.outputFormat),
  consistency: z.enum(['normal', 'high']).default(DEFAULTS.consistency),
  changeCadence: z.enum(['weekly', 'monthly', 'quarterly', 'rarely']).default(DEFAULTS.changeCadence),
  latencyTargetMs: z
    .number()
    .positive()
    .max(1e9)
    .meta({ description: 'Latency target per request, milliseconds.' })
    .optional(),
});

/** A workload's `trainingData`: how many training examples there are, their quality and size. */
export const trainingDataSchema = z.strictObject({
  examples: count('Training examples available.').max(MAX_TRAINING_EXAMPLES).default(DEFAULTS.trainingExamples),
  quality: z.enum(['low', 'medium', 'high']).default(DEFAULTS.trainingQuality),
  avgTokensPerExample: tokens(
    'Tokens per training example; default inputTokens + outputTokens + keepInstructionTokens.',
  ).optional(),
});

/** A GPU by price alone, for hardware the catalog does not list. */
export const customGpuSchema = z
  .strictObject({ hourly: usdPerHour('USD per GPU-hour.') })
  .meta({ description: 'A GPU the catalog does not list, by its price per GPU-hour.' });

/**
 * `fineTune.deployment` (or `fineTune.selfHosted`, the same block under its v1 name): the GPUs a fine-tune is served on,
 * at a provider's dedicated endpoint or on your own, and the traffic shape that sets how many replicas run.
 */
export const deploymentSchema = z
  .strictObject({
    gpu: z
      .union([
        z.string().min(1).meta({ description: 'A catalog GPU id, e.g. together/h100 or runpod/l40s.' }),
        customGpuSchema,
      ])
      .meta({ description: 'A catalog GPU id, or { hourly: USD } for a GPU the catalog does not list.' })
      .optional(),
    gpuHourly: usdPerHour('USD per GPU-hour (v1 spelling of gpu: { hourly }).').optional(),
    gpusPerReplica: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .meta({
        description: "GPUs per replica; default: the catalog GPU's benchmark for the model's size class, else 1.",
      })
      .optional(),
    tokensPerSecond: tokensPerSecond(
      "Tokens (prompt + output) one replica serves per second; default: the catalog GPU's cited throughput for the model's size class.",
    ).optional(),
    minReplicas: z.number().int().min(0).max(1_000_000).default(DEFAULTS.minReplicas),
    peakFactor: z
      .number()
      .min(1)
      .max(1000)
      .default(DEFAULTS.peakFactor)
      .meta({ description: 'Peak traffic over the average.' }),
  })
  .meta({ description: 'GPUs serving the fine-tune: which GPU, how many per replica, throughput and traffic shape.' });

/** v1 name of {@link deploymentSchema}. */
export const selfHostedSchema = deploymentSchema;

/** A workload's `fineTune`: what to fine-tune, epochs, retrain cadence, the prompt kept after tuning, and hosting. */
export const fineTuneSchema = z.strictObject({
  model: modelIdSchema
    .meta({ description: "What to fine-tune (a smaller model = distillation); default: the workload's model." })
    .optional(),
  epochs: z.number().int().min(1).max(1000).default(DEFAULTS.epochs),
  retrainEveryMonths: z
    .number()
    .int()
    .min(1)
    .max(120)
    .meta({ description: 'Default by changeCadence: weekly 1, monthly 1, quarterly 3, rarely 6.' })
    .optional(),
  keepInstructionTokens: tokens('Prompt left after fine-tuning; default min(instructionTokens, 100).').optional(),
  hosting: z.enum(['provider', 'dedicated', 'self-hosted']).default(DEFAULTS.hosting).meta({
    description:
      "provider: the provider serves the tuned model per token; dedicated: on the provider's GPU endpoint; self-hosted: on your own GPUs. The GPU modes take a deployment block.",
  }),
  deployment: deploymentSchema.optional(),
  selfHosted: deploymentSchema.meta({ description: 'The deployment block under its v1 name.' }).optional(),
});

/** A workload's `hybrid`: the prompt layer kept on top of the fine-tuned model in the hybrid strategy. */
export const hybridSchema = z.strictObject({
  instructionTokens: tokens('Prompt layer kept over the fine-tuned model; default: all instructionTokens.').optional(),
});

/** One strategy's eval result: how many of the held-out cases it passed. */
export const evalResultSchema = z
  .strictObject({
    passed: count('Cases this strategy passed.'),
    total: z.number().int().min(1).meta({ description: 'Cases graded; at least 1.' }),
  })
  .meta({ description: 'Cases passed out of cases graded, on the same held-out set for every strategy.' });

/** A workload's `quality`: the team's own eval results per strategy and what one wrong answer costs. */
export const qualitySchema = z
  .strictObject({
    metric: z
      .string()
      .min(1)
      .meta({ description: 'What was measured, e.g. "exact match on 500 held-out tickets".' })
      .optional(),
    failureCostUsd: z
      .number()
      .nonnegative()
      .max(MAX_FAILURE_COST_USD)
      .default(DEFAULTS.failureCostUsd)
      .meta({ description: 'USD one wrong answer costs (review time, refund, escalation).' }),
    prompt: evalResultSchema.optional(),
    fineTune: evalResultSchema.optional(),
    hybrid: evalResultSchema.optional(),
  })
  .meta({ description: 'Measured quality: eval results per strategy; a strategy left out is unmeasured.' });

/** One entry of `workloads`: an LLM call site with its model, volume, prompt, profile and fine-tuning settings. */
export const workloadSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'a slug: letters, digits, ".", "_" or "-"')
    .meta({ description: 'Unique slug.' }),
  name: z.string().min(1).meta({ description: 'Display name.' }).optional(),
  model: modelIdSchema,
  current: z.enum(['prompt', 'fine-tune', 'hybrid']).default(DEFAULTS.current).meta({
    description: 'What the workload runs today: its cost is the bill; switching to the recommendation is the saving.',
  }),
  volume: volumeSchema,
  prompt: promptSchema,
  profile: profileSchema.prefault({}),
  trainingData: trainingDataSchema.prefault({}),
  fineTune: fineTuneSchema.prefault({}),
  hybrid: hybridSchema.prefault({}),
  quality: qualitySchema.optional(),
});

/** `assumptions.effortHours`: overrides of the default engineering hours (setup, monthly upkeep, retrain). */
export const effortHoursSchema = z.strictObject({
  promptSetup: hours(),
  promptMonthly: hours(),
  fineTuneSetup: hours(),
  fineTuneMonthly: hours(),
  retrain: hours(),
});

/** The file's `assumptions`: horizon, engineer hourly rate, ML expertise and effort-hour overrides. */
export const assumptionsSchema = z.strictObject({
  horizonMonths: z
    .number()
    .int()
    .min(1)
    .max(120)
    .default(DEFAULTS.horizonMonths)
    .meta({ description: 'The window every total and average is taken over.' }),
  engineerHourlyRate: usdPerHour('USD per engineering hour.').default(DEFAULTS.engineerHourlyRate),
  mlExpertise: z.enum(['none', 'some', 'dedicated']).default(DEFAULTS.mlExpertise),
  effortHours: effortHoursSchema.meta({ description: 'Overrides of the default effort hours.' }).optional(),
  activeFineTuningProviders: z.array(z.string().min(1)).default([]).meta({
    description:
      'Providers where the team already runs fine-tunes (e.g. [openai]); a provider closed to new fine-tuning customers stays open to these until its models close.',
  }),
});

/** The file's `policy`: when `tunewise diff` (and the action) should fail, by cost increase or recommendation change. */
export const policySchema = z.strictObject({
  failOn: z
    .strictObject({
      monthlyCostIncreasePercent: z.number().nonnegative().optional(),
      monthlyCostIncreaseUsd: z.number().nonnegative().optional(),
      recommendationChange: z.boolean().optional(),
      passRateDropPoints: z
        .number()
        .nonnegative()
        .max(100)
        .meta({
          description:
            "Fail when the recommended strategy's measured pass rate falls by more than this many percentage points and the drop is distinguishable (95%).",
        })
        .optional(),
    })
    .prefault({}),
});

/**
 * The zod schema of a whole usage file (`llm-usage.yml`); parsing fills in every default.
 * Prefer {@link parseUsageFile}, which also reports errors with line numbers.
 */
export const usageFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1).meta({ description: 'Format version; must be 1.' }),
    assumptions: assumptionsSchema.prefault({}),
    models: z.record(modelIdSchema, customModelSchema).default({}),
    workloads: z.array(workloadSchema).min(1),
    policy: policySchema.optional(),
  })
  .meta({
    title: 'tunewise usage file (llm-usage.yml)',
    description: 'LLM workloads, their volumes, prompts and profiles, for the prompt-vs-fine-tune decision.',
  });

/** What a user writes. */
export type UsageFileInput = z.input<typeof usageFileSchema>;
/** A validated usage file with every default filled in. */
export type UsageFile = z.output<typeof usageFileSchema>;
/** One validated workload of a usage file, defaults filled in. */
export type Workload = UsageFile['workloads'][number];
/** The validated `assumptions` of a usage file, defaults filled in. */
export type Assumptions = UsageFile['assumptions'];
/** A validated entry of the usage file's `models` (custom prices, USD per 1M tokens). */
export type CustomModel = z.output<typeof customModelSchema>;
/** The validated `policy` of a usage file (when it is present). */
export type Policy = NonNullable<UsageFile['policy']>;
/** A validated `fineTune.deployment` (or `selfHosted`) block. */
export type Deployment = z.output<typeof deploymentSchema>;
/** A validated `quality` block of a workload, defaults filled in. */
export type Quality = z.output<typeof qualitySchema>;
/** One strategy's validated eval result: `{ passed, total }`. */
export type EvalResult = z.output<typeof evalResultSchema>;
/** Requests per month as a `{ low, expected, high }` range: costs use `expected`, the Monte Carlo all three. */
export type VolumeRange = z.output<typeof rangeSchema>;
