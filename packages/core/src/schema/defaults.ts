/**
 * Every default of the usage file, in one place. The zod schema, the JSON Schema, the README table
 * and the cost model all read these values; nothing else writes a default.
 */
export const DEFAULTS = {
  horizonMonths: 12,
  /** What a workload runs today when `current` is omitted: prompting, the starting point of every team. */
  current: 'prompt',
  engineerHourlyRate: 100,
  mlExpertise: 'some',
  monthlyGrowth: 0,
  instructionTokens: 0,
  exampleTokens: 0,
  cacheHitRate: 0,
  stage: 'production',
  domain: 'general',
  regulated: false,
  dataPolicy: 'open',
  tasks: 1,
  outputFormat: 'free',
  consistency: 'normal',
  changeCadence: 'monthly',
  trainingExamples: 0,
  trainingQuality: 'medium',
  epochs: 3,
  hosting: 'provider',
  gpusPerReplica: 1,
  minReplicas: 1,
  peakFactor: 3,
  /** None: the team is new to fine-tuning with every provider. */
  activeFineTuningProviders: [] as readonly string[],
  /** keepInstructionTokens default: min(instructionTokens, this). */
  keepInstructionTokensCap: 100,
  /** quality.failureCostUsd when omitted: pass rates are shown, failures cost nothing until a price is given. */
  failureCostUsd: 0,
} as const;

/** How much machine-learning experience the team has; it sets the default effort hours. */
export type MlExpertise = 'none' | 'some' | 'dedicated';

/** Engineering hours for prompt engineering and fine-tuning: one-off setup, monthly upkeep, and each retrain. */
export interface EffortHours {
  promptSetup: number;
  promptMonthly: number;
  fineTuneSetup: number;
  fineTuneMonthly: number;
  retrain: number;
}

/** Engineering hours by ML expertise (docs/cost-model.md#inputs-after-defaults); `assumptions.effortHours` overrides each. */
export const DEFAULT_EFFORT_HOURS: Readonly<Record<MlExpertise, EffortHours>> = {
  none: { promptSetup: 16, promptMonthly: 6, fineTuneSetup: 160, fineTuneMonthly: 24, retrain: 40 },
  some: { promptSetup: 16, promptMonthly: 6, fineTuneSetup: 80, fineTuneMonthly: 12, retrain: 16 },
  dedicated: { promptSetup: 16, promptMonthly: 6, fineTuneSetup: 40, fineTuneMonthly: 8, retrain: 8 },
};

/** How often the task's requirements change; it sets the default months between retrains. */
export type ChangeCadence = 'weekly' | 'monthly' | 'quarterly' | 'rarely';

/** Months between retrains when `fineTune.retrainEveryMonths` is omitted. */
export const DEFAULT_RETRAIN_EVERY_MONTHS: Readonly<Record<ChangeCadence, number>> = {
  weekly: 1,
  monthly: 1,
  quarterly: 3,
  rarely: 6,
};

/** Hours in a month of GPU rental (365 · 24 / 12). */
export const HOURS_PER_MONTH = 730;

/** Usage files larger than this are refused before parsing. */
export const MAX_USAGE_FILE_BYTES = 1024 * 1024;
