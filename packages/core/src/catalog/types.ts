/** USD per 1M tokens unless said otherwise. Dates are YYYY-MM-DD. */
export interface Speed {
  ttftMs: number;
  prefillTokensPerSecond: number;
  outputTokensPerSecond: number;
}

/** A model's rough size, used for a default latency profile when the model has no `speed`. */
export type SizeClass = 'small' | 'medium' | 'large';

/** Whether a price comes from the provider's own page (`primary`) or a third party that copied it (`secondary`). */
export type SourceKind = 'primary' | 'secondary';

/** How a provider serves a tuned model: per token like a serverless model, or on a dedicated GPU endpoint billed by time. */
export type FineTuneServing = 'per-token' | 'dedicated';

/** What fine-tuning a model costs (USD per 1M tokens) when the tuned model is served per token, and until when new training jobs are accepted. */
export interface FineTuningPrices {
  /** USD per 1M training tokens (tokens × epochs). */
  training: number;
  /** USD per 1M input tokens on the fine-tuned model. */
  input: number;
  cachedInput?: number;
  output: number;
  /** USD per hour the provider charges for keeping a fine-tuned deployment up (Azure), on top of tokens. */
  hostingHourly?: number;
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
  /** Present only where the catalog has a confirmed per-token price for the tuned model. */
  fineTuning?: FineTuningPrices;
  /** Day the model and its fine-tunes stop serving. */
  retiresOn?: string;
  /** The model the provider names as this one's replacement (for the prompt strategy after `retiresOn`). */
  successor?: string;
  /** Shortest static prefix, in tokens, the provider caches; a shorter prefix is billed uncached. */
  minCacheTokens?: number;
  speed?: Speed;
  sizeClass?: SizeClass;
}

/** Where a price came from, how authoritative that page is, and when it was last checked. */
export interface PriceProvenance {
  /** YYYY-MM-DD: the day the price was last seen on `source` (for a secondary source, the day it says it saw it). */
  checked: string;
  /** Public URL of the page the price was read from. */
  source: string;
  sourceKind: SourceKind;
}

/**
 * What the catalog knows about fine-tuning a model with its provider. Every price is optional: a price that could not
 * be confirmed is left out (the entry's `notes` say why), so a model can be fine-tunable without a price to cost it by.
 */
export interface CatalogFineTuning {
  /** USD per 1M training tokens (tokens × epochs). */
  training?: number;
  /** How the provider serves the tuned model; absent when that could not be confirmed. */
  serving?: FineTuneServing[];
  /** Per-token prices of the tuned model; only with `per-token` serving. */
  input?: number;
  cachedInput?: number;
  output?: number;
  /** USD per hour for keeping a tuned deployment up, charged on top of its per-token prices (Azure). */
  hostingHourly?: number;
  /** Last day a new training job can start. */
  availableUntil?: string;
  /** The fine-tunable model to move to when this one retires. */
  successor?: string;
}

/** An entry of the shipped pricing catalog: a model's prices and dates, with the public pages they come from. */
export interface CatalogModel extends PriceProvenance {
  id: string;
  provider: string;
  displayName: string;
  input: number;
  cachedInput?: number;
  output: number;
  fineTuning?: CatalogFineTuning;
  /** Day the model and its fine-tunes stop serving. */
  retiresOn?: string;
  /** The model the provider names as this one's replacement. */
  successor?: string;
  /** Shortest static prefix, in tokens, the provider caches. */
  minCacheTokens?: number;
  speed?: Speed;
  sizeClass?: SizeClass;
  /** Provenance of fine-tuning prices and facts when they come from another page. */
  fineTuningSource?: PriceProvenance;
  /** Provenance of `retiresOn`, `successor` and `fineTuning.availableUntil` (a deprecation page). */
  lifecycleSource?: PriceProvenance;
  /** Why this entry differs from other public catalogs, what could not be confirmed, or other caveats. */
  notes?: string;
}

/** Served tokens per second of one replica of a model of some size class on a GPU type, and the benchmark behind it. */
export interface GpuThroughput {
  /** Served tokens (prompt + output) per second per replica. */
  tokensPerSecond: number;
  /** GPUs one replica needs. */
  gpusPerReplica: number;
  /** Public page of the measurement. */
  benchmark: string;
  /** What was measured and how the figure was derived from it. */
  basis: string;
}

/** A rentable GPU (a provider's dedicated endpoint or a cloud GPU for self-hosting), priced per GPU-hour. */
export interface CatalogGpu extends PriceProvenance {
  /** `provider/gpu`, e.g. "runpod/h100-sxm". */
  id: string;
  provider: string;
  displayName: string;
  /** USD per GPU per hour. */
  hourly: number;
  /** Throughput defaults per model size class, each from a cited benchmark; a class without one is left out. */
  throughput?: Partial<Record<SizeClass, GpuThroughput>>;
  notes?: string;
}

/** Dates on which a provider stopped letting teams start new fine-tuning jobs, by the kind of team. */
export interface ProviderFineTuningAccess extends PriceProvenance {
  provider: string;
  /** From this day, a team that has never fine-tuned with the provider cannot start training. */
  closedToNewTeams?: string;
  /** From this day, a team without fine-tuned inference in the last `inactiveDays` days cannot either. */
  closedToInactiveTeams?: string;
  inactiveDays?: number;
  notes?: string;
}

/** The dated pricing catalog: models with their prices and lifecycle dates, GPUs, and provider access to fine-tuning. */
export interface Catalog {
  /** The latest day any entry was checked. */
  checked: string;
  models: CatalogModel[];
  gpus: CatalogGpu[];
  fineTuningAccess: ProviderFineTuningAccess[];
}
