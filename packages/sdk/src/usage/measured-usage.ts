// What a meter or a log import measured: shared by the meter and the YAML merge, which must not import each other.

/** Mean and 95th percentile of a token count per request. */
export interface TokenStat {
  mean: number;
  p95: number;
}

/** What was measured for one workload. */
export interface MeasuredWorkload {
  /** The workload id calls were recorded under (with `usage import`: the model, or the `--workload-by` field). */
  id: string;
  /** The model the workload's calls reported, when they did (the first one seen). */
  model?: string;
  /** The provider (`openai`, `anthropic`, …) when known, to build a catalog id `provider/model`. */
  provider?: string;
  /** Calls recorded. */
  requests: number;
  /** ISO timestamp of the first request seen; `null` when no request carried a time. */
  firstSeen: string | null;
  /** ISO timestamp of the last request seen; `null` when no request carried a time. */
  lastSeen: string | null;
  /** lastSeen − firstSeen in days. */
  windowDays: number;
  /**
   * `requests / windowDays × 30.4375` (the mean Gregorian month in days) when the window is at least
   * an hour; otherwise the request count as-is, and `extrapolated` is false.
   */
  requestsPerMonth: number;
  /** Whether requestsPerMonth was extrapolated from the window (false when the window is under an hour). */
  extrapolated: boolean;
  /** Per request: all input tokens (cached included), cached input tokens, output tokens. */
  tokens: { input: TokenStat; cachedInput: TokenStat; output: TokenStat };
}

/** A meter's or a log import's measurements, one entry per workload, in order of first appearance. */
export interface MeasuredUsage {
  workloads: MeasuredWorkload[];
  /** Caveats a human should read, e.g. a window too short to extrapolate from. */
  warnings: string[];
}

/** Mean days in a month (365.2425 / 12), the unit of `requestsPerMonth`. */
export const DAYS_PER_MONTH = 30.4375;
