import {
  type Catalog,
  diffReports,
  evaluate as evaluateUsageFile,
  type Report,
  type ReportDiff,
  type UsageFile,
} from '@tunewise/core';
import { type LoadedUsageFile, loadConfig } from './load.js';

export interface EvaluateOptions {
  /** YYYY-MM-DD the report speaks for; default: today (UTC). Pin it in tests and CI for reproducible reports. */
  asOf?: string;
  /** Pricing catalog; default: the one shipped with @tunewise/core. */
  catalog?: Catalog;
  /** Monte Carlo draws for range volumes; default 2,000. */
  draws?: number;
}

/** Today as YYYY-MM-DD in UTC. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function isLoaded(value: unknown): value is LoadedUsageFile {
  return typeof value === 'object' && value !== null && 'usageFile' in value && 'promptFiles' in value;
}

/**
 * Evaluates a usage file: costs per strategy, break-even, the recommendation and its reasons.
 * Accepts a path (read and validated, prompt files counted), a loaded file, or an already validated `UsageFile`.
 *
 * @example
 * const report = await evaluate('llm-usage.yml', { asOf: '2026-11-28' });
 * console.log(report.workloads[0]?.recommendation);
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
 * @example
 * const diff = await compare('base/llm-usage.yml', 'llm-usage.yml', { asOf: '2026-11-28' });
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
