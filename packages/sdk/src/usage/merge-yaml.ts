import { didYouMean, type StrategyKey, safeParseUsageFile, UsageFileError } from '@tunewise/core';
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { DAYS_PER_MONTH, type MeasuredUsage, type MeasuredWorkload } from './measured-usage.js';
import { UsageMergeError } from './usage-merge-error.js';

/** Options of {@link mergeUsageIntoYaml}. */
export interface MergeUsageOptions {
  /** The file's name, for error messages; default `llm-usage.yml`. */
  file?: string;
  /** Day the measurement is stamped with in comments (YYYY-MM-DD); default: the day of the last request. */
  asOf?: string;
  /**
   * Static prompt tokens (instructions + examples) per workload id, for workloads whose file gives
   * `instructionFiles`/`exampleFiles` rather than numbers (the caller counts them with a tokenizer).
   */
  staticTokens?: Readonly<Record<string, number>>;
}

/** Comment lines this module writes start with this word; on a re-run they are replaced, others kept. */
const MARKER = 'measured';

/** A workload id as the usage file's schema accepts it (a slug). */
export function toWorkloadSlug(id: string): string {
  const slug = id
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '');
  return slug === '' ? 'workload' : slug;
}

const PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  'gcp.gemini': 'google',
  'gcp.vertex_ai': 'google',
  'gcp.gen_ai': 'google',
  gemini: 'google',
  'aws.bedrock': 'bedrock',
  mistral_ai: 'mistral',
  'azure.ai.openai': 'openai',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
};

/** `provider/model` when the model id has no provider yet, so it can match a catalog id. */
export function catalogModelId(workload: Pick<MeasuredWorkload, 'model' | 'provider'>): string | undefined {
  if (workload.model === undefined) return undefined;
  if (workload.model.includes('/') || workload.provider === undefined) return workload.model;
  const provider = PROVIDER_ALIASES[workload.provider] ?? workload.provider;
  return `${provider}/${workload.model}`;
}

const keyOf = (pair: Pair): unknown => (isScalar(pair.key) ? pair.key.value : pair.key);

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => keyOf(pair) === key);
}

/** The map under `key`, created (at the end) when missing or not a map. */
function childMap(document: Document, map: YAMLMap, key: string): YAMLMap {
  const pair = findPair(map, key);
  if (pair !== undefined && isMap(pair.value)) return pair.value;
  const created = document.createNode({}) as YAMLMap;
  if (pair === undefined) map.items.push(document.createPair(key, created));
  else pair.value = created;
  return created;
}

function numberAt(map: YAMLMap, key: string): number | undefined {
  const pair = findPair(map, key);
  return pair !== undefined && isScalar(pair.value) && typeof pair.value.value === 'number'
    ? pair.value.value
    : undefined;
}

/**
 * Sets `key: value` keeping the value node (and its inline comment) when it is a scalar, and puts
 * `comment` on the lines above the key, replacing only lines this module wrote before.
 */
function setMeasured(document: Document, map: YAMLMap, key: string, value: number, comment: string | undefined): void {
  // YAML would write Infinity as `.inf`, which the schema then rejects far from its cause.
  if (!Number.isFinite(value)) {
    throw new UsageMergeError({ message: `measured ${key} is ${value}; nothing written` });
  }
  // A comment inside `{ ... }` would be written between the braces: give this map (only this one) block style.
  // Its trailing comment (`key: { ... } # note`) would then trail its last line: move it above its first key.
  if (map.flow === true) {
    map.flow = false;
    if (map.comment) {
      map.commentBefore = [map.commentBefore, map.comment].filter(Boolean).join('\n');
      map.comment = undefined;
    }
  }
  let pair = findPair(map, key);
  if (pair === undefined) {
    pair = document.createPair(key, value);
    map.items.push(pair);
  } else if (isScalar(pair.value)) {
    pair.value.value = value;
  } else {
    pair.value = document.createNode(value);
  }
  const withoutOurs = (text: string | null | undefined) =>
    (text ?? '').split('\n').filter((line) => line !== '' && !line.trimStart().startsWith(MARKER));
  // On re-parse, a comment above a map's first key belongs to the map: clean it there too.
  if (map.items[0] === pair && map.commentBefore) {
    const kept = withoutOurs(map.commentBefore);
    map.commentBefore = kept.length === 0 ? undefined : kept.join('\n');
  }
  if (!isScalar(pair.key)) pair.key = new Scalar(keyOf(pair));
  const keyNode = pair.key as Scalar;
  const kept = withoutOurs(keyNode.commentBefore);
  const ours = comment === undefined ? [] : comment.split('\n').map((line) => ` ${line}`);
  keyNode.commentBefore = [...kept, ...ours].join('\n') || undefined;
}

const formatCount = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });
/** `count` formatted, with the unit in the singular only when the formatted number reads exactly 1. */
const countText = (count: number, unit: string) => {
  const text = formatCount(count);
  return `${text} ${unit}${text === '1' ? '' : 's'}`;
};
const requestsText = (count: number) => countText(count, 'request');
/** The observed window: in hours under a day (the meter extrapolates from an hour up), in days from a day. */
const windowText = (days: number) => (days < 1 ? countText(days * 24, 'hour') : countText(days, 'day'));

function volumeComment(workload: MeasuredWorkload, asOf: string): string {
  if (workload.firstSeen === null) {
    return `${MARKER} ${asOf}: ${requestsText(workload.requests)} without timestamps, so no month to extrapolate: given as-is`;
  }
  if (!workload.extrapolated) {
    return `${MARKER} ${asOf}: ${requestsText(workload.requests)} in a window under an hour, too short to extrapolate: given as-is`;
  }
  const minutes = (iso: string | null) => (iso === null ? '?' : `${iso.slice(0, 16)}Z`);
  // One line, so a re-run can find and replace it by its first word.
  return `${MARKER} ${asOf}: ${requestsText(workload.requests)} in ${windowText(workload.windowDays)} (${minutes(workload.firstSeen)} to ${minutes(workload.lastSeen)}), extrapolated to a ${DAYS_PER_MONTH}-day month`;
}

function staticTokensOf(prompt: YAMLMap, id: string, options: MergeUsageOptions): number | undefined {
  const given = options.staticTokens?.[id];
  if (given !== undefined) return given;
  const instruction = numberAt(prompt, 'instructionTokens');
  const examples = numberAt(prompt, 'exampleTokens');
  if (instruction === undefined && examples === undefined) {
    // Counted from files we were not given: unknown, not zero.
    if (findPair(prompt, 'instructionFiles') !== undefined || findPair(prompt, 'exampleFiles') !== undefined) {
      return undefined;
    }
  }
  return (instruction ?? 0) + (examples ?? 0);
}

function updateWorkload(
  document: Document,
  workloadMap: YAMLMap,
  workload: MeasuredWorkload,
  options: MergeUsageOptions,
  asOf: string,
): void {
  const volume = childMap(document, workloadMap, 'volume');
  setMeasured(document, volume, 'requestsPerMonth', workload.requestsPerMonth, volumeComment(workload, asOf));

  const prompt = childMap(document, workloadMap, 'prompt');
  const { input, cachedInput, output } = workload.tokens;
  const staticTokens = staticTokensOf(prompt, workload.id, options);
  const variable = Math.max(0, Math.round(input.mean - (staticTokens ?? 0)));
  setMeasured(
    document,
    prompt,
    'inputTokens',
    variable,
    staticTokens === undefined
      ? `${MARKER}: mean input ${formatCount(input.mean)} tokens (p95 ${formatCount(input.p95)}); static tokens come from files and were not subtracted`
      : `${MARKER}: mean input ${formatCount(input.mean)} tokens (p95 ${formatCount(input.p95)}) minus ${formatCount(staticTokens)} static (instructionTokens + exampleTokens), at least 0`,
  );
  setMeasured(
    document,
    prompt,
    'outputTokens',
    Math.round(output.mean),
    `${MARKER}: mean output ${formatCount(output.mean)} tokens (p95 ${formatCount(output.p95)})`,
  );
  if (staticTokens !== undefined && staticTokens > 0) {
    const hitRate = Math.round(Math.min(1, cachedInput.mean / staticTokens) * 1000) / 1000;
    setMeasured(
      document,
      prompt,
      'cacheHitRate',
      hitRate,
      `${MARKER}: mean cached input ${formatCount(cachedInput.mean)} tokens (p95 ${formatCount(cachedInput.p95)}) / ${formatCount(staticTokens)} static, at most 1`,
    );
  }
}

function appendWorkload(
  document: Document,
  workloads: YAMLMap[] | Node[],
  workload: MeasuredWorkload,
  asOf: string,
): YAMLMap {
  const model = catalogModelId(workload);
  const { input, output } = workload.tokens;
  const node = document.createNode({
    id: toWorkloadSlug(workload.id),
    model: model ?? 'unknown/model',
    volume: { requestsPerMonth: workload.requestsPerMonth },
    prompt: { inputTokens: Math.round(input.mean), outputTokens: Math.round(output.mean) },
  }) as YAMLMap;
  node.commentBefore = [
    ` Added by tunewise from measured usage (${asOf}): check the model id against the catalog, move the static`,
    ' part of inputTokens (system prompt, examples) to instructionTokens/exampleTokens, and fill in profile and trainingData.',
    ...(model === undefined ? [' The logs named no model: set one.'] : []),
  ].join('\n');
  (workloads as Node[]).push(node);
  const volume = node.get('volume', true) as unknown as YAMLMap;
  setMeasured(document, volume, 'requestsPerMonth', workload.requestsPerMonth, volumeComment(workload, asOf));
  const prompt = node.get('prompt', true) as unknown as YAMLMap;
  setMeasured(
    document,
    prompt,
    'inputTokens',
    Math.round(input.mean),
    `${MARKER}: mean input ${formatCount(input.mean)} tokens (p95 ${formatCount(input.p95)}), static part included`,
  );
  setMeasured(
    document,
    prompt,
    'outputTokens',
    Math.round(output.mean),
    `${MARKER}: mean output ${formatCount(output.mean)} tokens (p95 ${formatCount(output.p95)})`,
  );
  return node;
}

/** The document of a usage file's text and its root map, or a UsageFileError at the YAML's own position. */
function parseUsageYaml(
  existingYaml: string,
  file: string,
): { document: Document; root: YAMLMap; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const document = parseDocument(existingYaml, { lineCounter });
  if (document.errors.length > 0) {
    // The same file:line:column wording as `check` (one clear first error for a tab), not the YAML library's text.
    const checked = safeParseUsageFile(existingYaml, { fileName: file });
    if (!checked.success) throw checked.error;
    throw new UsageFileError(
      document.errors.map((error) => ({
        file,
        line: error.linePos?.[0]?.line ?? 0,
        column: error.linePos?.[0]?.col ?? 0,
        path: '',
        message: `invalid YAML: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  if (document.contents === null)
    document.contents = document.createNode({ version: 1 }) as unknown as typeof document.contents;
  const root = document.contents;
  if (!isMap(root)) {
    throw new UsageFileError([
      {
        file,
        line: 1,
        column: 1,
        path: '',
        message: 'the usage file must be a mapping',
        expected: 'a mapping with version and workloads',
      },
    ]);
  }
  return { document, root, lineCounter };
}

/**
 * Writes measured usage into the text of an existing usage file and returns the new text, keeping
 * every comment, key order and formatting it can (the `yaml` package's document API).
 *
 * For each measured workload, matched by `id` (or its slug), it sets:
 * - `volume.requestsPerMonth`: the measured requests extrapolated from the observed window to a
 *   30.4375-day month (a range `{ low, expected, high }` is replaced by the number);
 * - `prompt.inputTokens`: the mean measured input minus the workload's static tokens
 *   (`instructionTokens + exampleTokens`, or `options.staticTokens`), never below 0 — measured input
 *   counts the whole prompt, while the usage file counts static and variable parts separately;
 * - `prompt.outputTokens`: the mean measured output;
 * - `prompt.cacheHitRate`: mean cached input / static tokens, at most 1, only when static tokens are known and above 0;
 * each with a comment above it giving the p95 and the window. A workload not in the file is appended
 * with a comment saying what to check. Comments it wrote on an earlier run are replaced, not stacked.
 * A flow map it writes a comment into (`volume: { requestsPerMonth: 1000 }`) becomes block style, so the
 * comment has its own line; other flow collections keep their style.
 *
 * @throws UsageFileError when `existingYaml` is not valid YAML.
 */
export function mergeUsageIntoYaml(
  existingYaml: string,
  measured: MeasuredUsage | readonly MeasuredWorkload[],
  options: MergeUsageOptions = {},
): string {
  const file = options.file ?? 'llm-usage.yml';
  const { document, root } = parseUsageYaml(existingYaml, file);
  let workloadsNode = findPair(root, 'workloads')?.value;
  if (!isSeq(workloadsNode)) {
    workloadsNode = document.createNode([]);
    const pair = findPair(root, 'workloads');
    if (pair === undefined) root.items.push(document.createPair('workloads', workloadsNode));
    else pair.value = workloadsNode;
  }
  const sequence = workloadsNode as YAMLSeq;
  const list = Array.isArray(measured) ? measured : (measured as MeasuredUsage).workloads;
  for (const workload of list) {
    const asOf = options.asOf ?? workload.lastSeen?.slice(0, 10) ?? new Date().toISOString().slice(0, 10);
    const slug = toWorkloadSlug(workload.id);
    const existing =
      sequence.items.find((item) => isMap(item) && item.get('id') === workload.id) ??
      sequence.items.find((item) => isMap(item) && item.get('id') === slug);
    if (isMap(existing)) updateWorkload(document, existing, workload, options, asOf);
    else appendWorkload(document, sequence.items as Node[], workload, asOf);
  }
  return document.toString();
}

/** One strategy's eval result to write into a workload's `quality` block. */
export interface EvalUpdate {
  workload: string;
  strategy: StrategyKey;
  passed: number;
  total: number;
  /** Where the numbers came from, for the comment above them, e.g. `results.json (promptfoo)`. */
  source: string;
  /** Day stamped on the comment (YYYY-MM-DD). */
  asOf: string;
}

/**
 * Writes `quality.<strategy>: { passed, total }` into one workload of a usage file's text and returns the
 * new text, keeping every comment and the rest of the file as `mergeUsageIntoYaml` does; the comment above
 * `passed` says where and when the numbers were measured and is replaced, not stacked, on a re-run.
 *
 * @throws UsageFileError when the text is not valid YAML, or names no workload with that id (at the
 * `workloads` key, with the closest ids).
 */
export function mergeEvalIntoYaml(existingYaml: string, update: EvalUpdate, options: { file?: string } = {}): string {
  const file = options.file ?? 'llm-usage.yml';
  const { document, root, lineCounter } = parseUsageYaml(existingYaml, file);
  const workload = findWorkload(root, update.workload, file, lineCounter);
  const quality = childMap(document, workload, 'quality');
  const result = childMap(document, quality, update.strategy);
  const percent = ((update.passed / update.total) * 100).toFixed(1);
  setMeasured(
    document,
    result,
    'passed',
    update.passed,
    `${MARKER} ${update.asOf}: ${formatCount(update.passed)} of ${formatCount(update.total)} passed (${percent}%) in ${update.source}`,
  );
  setMeasured(document, result, 'total', update.total, undefined);
  return document.toString();
}

/**
 * Checks that a usage file's text has a workload with this id.
 * @throws UsageFileError at the `workloads` key, naming the closest ids, when it has not (or the YAML is invalid).
 */
export function assertWorkloadInYaml(existingYaml: string, id: string, options: { file?: string } = {}): void {
  const file = options.file ?? 'llm-usage.yml';
  const { root, lineCounter } = parseUsageYaml(existingYaml, file);
  findWorkload(root, id, file, lineCounter);
}

/** The workload map with `id`, or a UsageFileError at the `workloads` key naming the closest ids. */
function findWorkload(root: YAMLMap, id: string, file: string, lineCounter: LineCounter): YAMLMap {
  const pair = findPair(root, 'workloads');
  const items = pair !== undefined && isSeq(pair.value) ? pair.value.items : [];
  const found = items.find((item): item is YAMLMap => isMap(item) && item.get('id') === id);
  if (found !== undefined) return found;
  const ids = items.flatMap((item) =>
    isMap(item) && typeof item.get('id') === 'string' ? [String(item.get('id'))] : [],
  );
  const offset = pair !== undefined && isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
  const position = lineCounter.linePos(offset);
  const suggestions = didYouMean(id, ids);
  throw new UsageFileError([
    {
      file,
      line: position.line,
      column: position.col,
      path: 'workloads',
      message: 'no workload with this id',
      expected: ids.length === 0 ? 'a workload with this id' : `one of ${ids.join(', ')}`,
      found: id,
      ...(suggestions.length === 0 ? {} : { suggestion: suggestions.join(' or ') }),
    },
  ]);
}
