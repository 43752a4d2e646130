import {
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
  const toReport = async (side: Report | string | UsageFile | LoadedUsageFile) =>
    typeof side === 'object' && 'schemaVersion' in side ? side : evaluate(side, options);
  return diffReports(base === null ? null : await toReport(base), await toReport(head));
}
