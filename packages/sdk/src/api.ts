import {
  type AttributionSide,
  type Catalog,
  diffReports,
  evaluate as evaluateUsageFile,
  type Report,
  type ReportDiff,
  type UsageFile,
} from '@tunewise/core';
import { type LoadedUsageFile, loadConfig } from './load.js';

/** Options of {@link evaluate} and {@link compare}. */
export interface EvaluateOptions {
  /** YYYY-MM-DD the report speaks for; default: today (UTC). Pin it in tests and CI for reproducible reports. */
  asOf?: string;
  /** Pricing catalog; default: the one shipped with @tunewise/core. */
  catalog?: Catalog;
  /** Monte Carlo draws for range volumes; default 2,000. */
  draws?: number;
}

/** Today as YYYY-MM-DD in UTC: the `asOf` a report gets when none is given. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function catalogOption(options: EvaluateOptions): { catalog?: Catalog } {
  return options.catalog === undefined ? {} : { catalog: options.catalog };
}

function isLoaded(value: unknown): value is LoadedUsageFile {
  return typeof value === 'object' && value !== null && 'usageFile' in value && 'promptFiles' in value;
}

/**
 * Evaluates a usage file: costs per strategy, break-even, the recommendation and its reasons, as of one date.
 * Accepts a path (read and validated, prompt files counted), a loaded file, or an already validated `UsageFile`.
 *
 * @param configOrPath - A path to `llm-usage.yml` (relative to the working directory), the result of
 *   {@link loadConfig}, or a `UsageFile` (e.g. from `parseUsageFile`, defaults filled in).
 * @param options - `asOf` pins the date (default today, UTC); `catalog` and `draws` as in {@link EvaluateOptions}.
 * @returns The report (`schemaVersion: 1`), one entry per workload in file order.
 * @throws {UsageFileError} When a path cannot be read or the file or its prompt files are invalid (rejects; check
 *   with `UsageFileError.isInstance`). No report is produced from a half-valid file.
 *
 * @example
 * ```ts
 * const report = await evaluate('llm-usage.yml', { asOf: '2026-11-28' });
 * console.log(report.workloads[0]?.recommendation);
 * ```
 */
export async function evaluate(
  configOrPath: string | UsageFile | LoadedUsageFile,
  options: EvaluateOptions = {},
): Promise<Report> {
  const usageFile =
    typeof configOrPath === 'string'
      ? (await loadConfig(configOrPath, options.catalog === undefined ? {} : { catalog: options.catalog })).usageFile
      : isLoaded(configOrPath)
        ? configOrPath.usageFile
        : configOrPath;
  return evaluateUsageFile(usageFile, {
    asOf: options.asOf ?? today(),
    ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
    ...(options.draws === undefined ? {} : { draws: options.draws }),
  });
}

/**
 * The base-to-head change between two reports (or usage files, or paths): added, removed and changed workloads,
 * the change in recommendation and monthly cost. A null base is a first report.
 *
 * @param base - The state before the change: anything {@link evaluate} accepts, a finished `Report`, or `null`
 *   when there is none (a new usage file): then `isFirstReport` is true and there are no percentages.
 * @param head - The state after the change, in the same forms (never null).
 * @param options - Used to evaluate each side that is not already a `Report`; pin `asOf` so both sides share a date.
 * @returns The diff, holding both reports in full; render it with `renderMarkdown({ report: diff.head, diff })`.
 * @throws {UsageFileError} When either side is a path or file that cannot be read or is invalid.
 *
 * @example
 * ```ts
 * const diff = await compare('base/llm-usage.yml', 'llm-usage.yml', { asOf: '2026-11-28' });
 * console.log(diff.added, diff.removed, diff.changed, diff.totals.averageMonthly.delta);
 * ```
 */
export async function compare(
  base: Report | string | UsageFile | LoadedUsageFile | null,
  head: Report | string | UsageFile | LoadedUsageFile,
  options: EvaluateOptions = {},
): Promise<ReportDiff> {
  const asOf = options.asOf ?? today();
  // Each side as a report, and the usage file behind it when there is one (what attribution substitutes).
  const evaluateSide = async (side: Report | string | UsageFile | LoadedUsageFile) => {
    if (typeof side === 'object' && 'schemaVersion' in side) {
      return { report: side, attribution: undefined };
    }
    const loaded = typeof side === 'string' ? await loadConfig(side, catalogOption(options)) : side;
    const attribution: AttributionSide = isLoaded(loaded)
      ? { usageFile: loaded.usageFile, asOf, promptFiles: loaded.promptFiles, ...catalogOption(options) }
      : { usageFile: loaded, asOf, ...catalogOption(options) };
    return { report: await evaluate(loaded, { ...options, asOf }), attribution };
  };
  const baseSide = base === null ? null : await evaluateSide(base);
  const headSide = await evaluateSide(head);
  const attribution =
    baseSide?.attribution === undefined || headSide.attribution === undefined
      ? {}
      : { attribution: { base: baseSide.attribution, head: headSide.attribution } };
  return diffReports(baseSide?.report ?? null, headSide.report, attribution);
}
