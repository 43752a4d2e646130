/** USD per 1M tokens unless said otherwise. Dates are YYYY-MM-DD. */
export interface Speed {
  ttftMs: number;
  prefillTokensPerSecond: number;
  outputTokensPerSecond: number;
}

/** A model's rough size, used for a default latency profile when the model has no `speed`. */
export type SizeClass = 'small' | 'medium' | 'large';

/** What fine-tuning a model costs (USD per 1M tokens) and until when new training jobs are accepted. */
export interface FineTuningPrices {
  /** USD per 1M training tokens (tokens × epochs). */
  training: number;
  /** USD per 1M input tokens on the fine-tuned model. */
  input: number;
  cachedInput?: number;
  output: number;
  /** Last day a new training job can start. */
  availableUntil?: string;
  /** The fine-tunable model to move to when this one retires. */
  successor?: string;
}

/** A model as the cost model sees it: catalog entry merged with the usage file's `models`. */
export interface ModelPrices {
  id: string;
  input: number;
  cachedInput?: number;
  output: number;
  fineTuning?: FineTuningPrices;
  /** Day the model and its fine-tunes stop serving. */
  retiresOn?: string;
  speed?: Speed;
  sizeClass?: SizeClass;
}

/** Where a price came from and when it was last checked. */
export interface PriceProvenance {
  /** YYYY-MM-DD */
  checked: string;
  /** Public URL of the provider's pricing or deprecation page. */
  source: string;
}

/** An entry of the shipped pricing catalog: a model's prices and dates, with the public pages they come from. */
export interface CatalogModel extends ModelPrices, PriceProvenance {
  provider: string;
  displayName: string;
  /** Provenance of fine-tuning prices and dates when they come from another page. */
  fineTuningSource?: PriceProvenance;
  /** Provenance of `retiresOn` and `fineTuning.availableUntil` (a deprecation page). */
  lifecycleSource?: PriceProvenance;
  /** Why this entry differs from other public catalogs, or other caveats. */
  notes?: string;
}

/** A rentable GPU type for self-hosting a fine-tune: hourly price, and throughput and GPUs per replica for 8B and 70B models. */
export interface GpuPreset extends PriceProvenance {
  /** e.g. "gpu/h100" */
  id: string;
  displayName: string;
  gpuHourly: number;
  /** Served tokens (prompt + output) per second per replica, by model class. */
  tokensPerSecond: { '8b': number; '70b': number };
  /** GPUs one replica needs, by model class. */
  gpusPerReplica: { '8b': number; '70b': number };
  notes?: string;
}

/** The dated pricing catalog: models with their prices and lifecycle dates, and GPU presets for self-hosting. */
export interface Catalog {
  /** The latest day any entry was checked. */
  checked: string;
  models: CatalogModel[];
  gpuPresets: GpuPreset[];
}
