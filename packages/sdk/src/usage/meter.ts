import { DAYS_PER_MONTH, type MeasuredUsage, type MeasuredWorkload, type TokenStat } from './measured-usage.js';
import { type MergeUsageOptions, mergeUsageIntoYaml } from './merge-yaml.js';
import { QuantileSketch } from './quantile-sketch.js';
import { normalizeUsage, OTEL_ATTRIBUTES, spanAttributes, type TokenUsage } from './usage-shapes.js';

export { DAYS_PER_MONTH, type MeasuredUsage, type MeasuredWorkload, type TokenStat } from './measured-usage.js';

/** Below this window a month cannot be extrapolated honestly; counts are given as-is. */
export const MINIMUM_WINDOW_MS = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** Options of {@link UsageMeter.record}. */
export interface RecordOptions {
  /** When the call happened (a Date or epoch milliseconds); default: now; `null`: unknown (not part of the window). */
  at?: Date | number | null;
  /** The model the call used, when the usage object does not say. */
  model?: string;
  /** The provider (`openai`, `anthropic`, …), when known. */
  provider?: string;
}

/**
 * Measures real LLM usage per workload in constant memory: a request count, the observed window
 * and, for input, cached-input and output tokens, an exact mean and a p95 from a streaming quantile
 * sketch (within 1% of the exact value), never a list of requests.
 */
export interface UsageMeter {
  /**
   * Records one call's usage under a workload id. `usage` is any shape {@link normalizeUsage}
   * accepts: OpenAI Chat Completions or Responses usage, Anthropic Messages usage (cache reads and
   * writes included), OTel GenAI span attributes, AI SDK usage, or a response object carrying one.
   * Returns false (and records nothing) when it finds no token counts.
   */
  record(workloadId: string, usage: unknown, options?: RecordOptions): boolean;
  /** Records token counts that are already normalised (no shape detection). */
  recordTokens(workloadId: string, usage: TokenUsage, options?: RecordOptions): void;
  /** The measurements so far. */
  measure(): MeasuredUsage;
  /**
   * Writes the measurements into an existing `llm-usage.yml` text, keeping its comments and order;
   * see {@link mergeUsageIntoYaml} for the mapping.
   */
  toUsageFile(existingYaml: string, options?: MergeUsageOptions): string;
  /** Forgets everything recorded. */
  reset(): void;
}

/** Options of {@link createUsageMeter}. */
export interface UsageMeterOptions {
  /** Clock for calls recorded without `at`; default `Date.now`. */
  now?: () => number;
  /** Relative accuracy of the p95 sketch; default 0.01 (1%). */
  relativeAccuracy?: number;
}

interface WorkloadState {
  requests: number;
  firstMs: number;
  lastMs: number;
  model: string | undefined;
  provider: string | undefined;
  input: QuantileSketch;
  cached: QuantileSketch;
  output: QuantileSketch;
}

const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

function modelFromUsage(usage: unknown): { model?: string; provider?: string } {
  if (typeof usage !== 'object' || usage === null) return {};
  const record = usage as Record<string, unknown>;
  if (typeof record.model === 'string') return { model: record.model };
  const attributes = 'attributes' in record ? spanAttributes(record.attributes) : record;
  const model = attributes[OTEL_ATTRIBUTES.requestModel] ?? attributes[OTEL_ATTRIBUTES.responseModel];
  const provider = OTEL_ATTRIBUTES.provider.map((name) => attributes[name]).find((value) => typeof value === 'string');
  return {
    ...(typeof model === 'string' ? { model } : {}),
    ...(typeof provider === 'string' ? { provider } : {}),
  };
}

/**
 * What one workload's requests add up to before rounding: a meter's state, or a row a SQL engine
 * computed (`usage import --aggregates`). Both become a {@link MeasuredWorkload} through
 * {@link measureWorkloadSummary}, so they round and extrapolate alike.
 */
export interface WorkloadSummary {
  requests: number;
  /** Epoch milliseconds of the first and last request; undefined when none carried a time. */
  firstMs: number | undefined;
  lastMs: number | undefined;
  model: string | undefined;
  provider: string | undefined;
  /** Unrounded mean and p95 per request. */
  tokens: { input: TokenStat; cachedInput: TokenStat; output: TokenStat };
}

const rounded = (value: TokenStat): TokenStat => ({ mean: round(value.mean, 1), p95: Math.round(value.p95) });

/** Turns a workload's summary into what a report or a usage file needs; caveats go to `warnings`. */
export function measureWorkloadSummary(id: string, summary: WorkloadSummary, warnings: string[]): MeasuredWorkload {
  const hasWindow =
    summary.firstMs !== undefined &&
    summary.lastMs !== undefined &&
    Number.isFinite(summary.firstMs) &&
    Number.isFinite(summary.lastMs);
  const windowMs = hasWindow ? summary.lastMs! - summary.firstMs! : 0;
  const extrapolated = windowMs >= MINIMUM_WINDOW_MS;
  if (!extrapolated) {
    warnings.push(
      hasWindow
        ? `${id}: the observed window (${Math.round(windowMs / 60_000)} min) is under an hour, too short to extrapolate a month; requestsPerMonth is the count seen (${summary.requests}), as-is.`
        : `${id}: no request carried a timestamp, so no month can be extrapolated; requestsPerMonth is the count seen (${summary.requests}), as-is.`,
    );
  }
  return {
    id,
    ...(summary.model === undefined ? {} : { model: summary.model }),
    ...(summary.provider === undefined ? {} : { provider: summary.provider }),
    requests: summary.requests,
    firstSeen: hasWindow ? new Date(summary.firstMs!).toISOString() : null,
    lastSeen: hasWindow ? new Date(summary.lastMs!).toISOString() : null,
    windowDays: round(windowMs / MS_PER_DAY, 4),
    requestsPerMonth: extrapolated
      ? Math.round((summary.requests / (windowMs / MS_PER_DAY)) * DAYS_PER_MONTH)
      : summary.requests,
    extrapolated,
    tokens: {
      input: rounded(summary.tokens.input),
      cachedInput: rounded(summary.tokens.cachedInput),
      output: rounded(summary.tokens.output),
    },
  };
}

const sketchStat = (sketch: QuantileSketch): TokenStat => ({ mean: sketch.mean, p95: sketch.quantile(0.95) });

function measureWorkload(id: string, state: WorkloadState, warnings: string[]): MeasuredWorkload {
  const hasWindow = Number.isFinite(state.firstMs);
  return measureWorkloadSummary(
    id,
    {
      requests: state.requests,
      firstMs: hasWindow ? state.firstMs : undefined,
      lastMs: hasWindow ? state.lastMs : undefined,
      model: state.model,
      provider: state.provider,
      tokens: {
        input: sketchStat(state.input),
        cachedInput: sketchStat(state.cached),
        output: sketchStat(state.output),
      },
    },
    warnings,
  );
}

/**
 * Creates a {@link UsageMeter}.
 *
 * @example
 * ```ts
 * const meter = createUsageMeter();
 * const completion = await openai.chat.completions.create({ model: 'gpt-4.1-mini', messages });
 * meter.record('support-triage', completion.usage);
 * // later: writeFileSync('llm-usage.yml', meter.toUsageFile(readFileSync('llm-usage.yml', 'utf8')));
 * ```
 */
export function createUsageMeter(options: UsageMeterOptions = {}): UsageMeter {
  const now = options.now ?? Date.now;
  const relativeAccuracy = options.relativeAccuracy ?? 0.01;
  const workloads = new Map<string, WorkloadState>();

  const recordTokens: UsageMeter['recordTokens'] = (workloadId, usage, recordOptions = {}) => {
    const { model, provider } = recordOptions;
    const at =
      recordOptions.at === undefined ? now() : recordOptions.at === null ? undefined : Number(recordOptions.at);
    let state = workloads.get(workloadId);
    if (state === undefined) {
      state = {
        requests: 0,
        firstMs: Number.POSITIVE_INFINITY,
        lastMs: Number.NEGATIVE_INFINITY,
        model,
        provider,
        input: new QuantileSketch(relativeAccuracy),
        cached: new QuantileSketch(relativeAccuracy),
        output: new QuantileSketch(relativeAccuracy),
      };
      workloads.set(workloadId, state);
    }
    state.requests += 1;
    if (at !== undefined && Number.isFinite(at)) {
      if (at < state.firstMs) state.firstMs = at;
      if (at > state.lastMs) state.lastMs = at;
    }
    if (state.model === undefined && model !== undefined) state.model = model;
    if (state.provider === undefined && provider !== undefined) state.provider = provider;
    state.input.add(usage.inputTokens);
    state.cached.add(usage.cachedInputTokens);
    state.output.add(usage.outputTokens);
  };

  const meter: UsageMeter = {
    record(workloadId, usage, recordOptions = {}) {
      const tokens = normalizeUsage(usage);
      if (tokens === undefined) return false;
      const found = modelFromUsage(usage);
      recordTokens(workloadId, tokens, {
        at: recordOptions.at,
        model: recordOptions.model ?? found.model,
        provider: recordOptions.provider ?? found.provider,
      });
      return true;
    },
    recordTokens,
    measure() {
      const warnings: string[] = [];
      const measured = [...workloads].map(([id, state]) => measureWorkload(id, state, warnings));
      return { workloads: measured, warnings };
    },
    toUsageFile(existingYaml, mergeOptions) {
      return mergeUsageIntoYaml(existingYaml, meter.measure(), mergeOptions);
    },
    reset() {
      workloads.clear();
    },
  };
  return meter;
}
