import { parseDocument } from 'yaml';
import { catalogModelId, toWorkloadSlug } from './merge-yaml.js';
import type { MeasuredUsage, MeasuredWorkload } from './meter.js';

/** A measured sample shorter than this (in days) says little about a month: a week holds every weekday. */
export const SHORT_SAMPLE_DAYS = 7;
/** A volume this many times the measured one, replaced from a short sample, needs confirming. */
export const LARGE_VOLUME_FACTOR = 2;

/** What writing measured usage into a usage file would do that a human should confirm or know. */
export interface MergeReview {
  /** Volumes that a short sample would shrink a lot: writing them needs `--force`. */
  shrinks: string[];
  /** Workloads whose log names another model than the usage file does. */
  modelMismatches: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const count = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** The sample a measurement came from, in words: "557 requests over 10.5 hours (… to …)". */
export function describeSample(workload: MeasuredWorkload): string {
  const requests = `${count(workload.requests)} request${workload.requests === 1 ? '' : 's'}`;
  if (workload.firstSeen === null || workload.lastSeen === null) return `${requests} without timestamps`;
  const span =
    workload.windowDays < 1 ? `${count(workload.windowDays * 24)} hours` : `${count(workload.windowDays)} days`;
  return `${requests} over ${span} (${workload.firstSeen.slice(0, 16)}Z to ${workload.lastSeen.slice(0, 16)}Z)`;
}

/** The model name without provider prefix, lower-cased, for a lenient comparison. */
const bareModel = (id: string) => (id.includes('/') ? id.slice(id.lastIndexOf('/') + 1) : id).toLowerCase();

/** Whether two model ids name the same model, allowing a dated snapshot (`gpt-4o-2024-08-06` is `gpt-4o`). */
function sameModel(left: string, right: string): boolean {
  const [a, b] = [bareModel(left), bareModel(right)];
  return a === b || a.startsWith(`${b}-`) || b.startsWith(`${a}-`);
}

/**
 * Compares measured usage with the usage file it would be written into, before writing: a large volume
 * replaced from a sample shorter than {@link SHORT_SAMPLE_DAYS} days (or one too short to extrapolate),
 * and a log whose model differs from the workload's. Reads the text leniently: anything it cannot find
 * is not compared.
 */
export function reviewMerge(existingYaml: string, measured: MeasuredUsage): MergeReview {
  const review: MergeReview = { shrinks: [], modelMismatches: [] };
  let root: unknown;
  try {
    // Alias expansion bounded as the parser bounds it: this text is the user's, not yet validated.
    root = parseDocument(existingYaml).toJS({ maxAliasCount: 100 });
  } catch {
    return review;
  }
  const workloads = isRecord(root) && Array.isArray(root.workloads) ? root.workloads : [];
  for (const workload of measured.workloads) {
    const node = workloads.find(
      (item): item is Record<string, unknown> =>
        isRecord(item) && (item.id === workload.id || item.id === toWorkloadSlug(workload.id)),
    );
    if (node === undefined) continue;
    const id = String(node.id);
    const volume = isRecord(node.volume) ? node.volume.requestsPerMonth : undefined;
    const expected = isRecord(volume) ? volume.expected : volume;
    const short = !workload.extrapolated || workload.windowDays < SHORT_SAMPLE_DAYS;
    if (
      typeof expected === 'number' &&
      short &&
      expected > 0 &&
      expected >= LARGE_VOLUME_FACTOR * workload.requestsPerMonth
    ) {
      review.shrinks.push(
        `${id}: would replace requestsPerMonth ${count(expected)} with ${count(workload.requestsPerMonth)}, measured from ${describeSample(workload)}; a sample under ${SHORT_SAMPLE_DAYS} days says little about a month.`,
      );
    }
    const fileModel = node.model;
    const logModel = catalogModelId(workload);
    if (typeof fileModel === 'string' && logModel !== undefined && !sameModel(fileModel, logModel)) {
      review.modelMismatches.push(
        `${id}: the log's model "${logModel}" differs from the usage file's "${fileModel}"; the measured tokens are written under "${fileModel}", whose tokenizer and prices may not match.`,
      );
    }
  }
  return review;
}
