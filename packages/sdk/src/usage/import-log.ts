import { MAX_TOKENS } from '@tunewise/core';
import { forEachJsonLine, openTextSource, type TextSource } from './line-reader.js';
import { createUsageMeter, type MeasuredUsage } from './meter.js';
import { UsageLogError } from './usage-log-error.js';
import { normalizeUsage, OTEL_ATTRIBUTES, spanAttributes, type TokenUsage } from './usage-shapes.js';

/** A line of a usage log that could not be read, and why (never its content: logs can hold secrets). */
export interface SkippedLine {
  /** 1-based line number in the log. */
  line: number;
  reason: string;
}

/** Progress of an import, reported after each chunk read. */
export interface UsageImportProgress {
  bytesRead: number;
  lines: number;
}

/** Options of {@link importUsageLog}. */
export interface UsageImportOptions {
  /**
   * Dotted path of the field that names a record's workload, e.g. `metadata.workload`. On an OTel span
   * it is also looked up as an attribute name (`attributes.app.workload` or `app.workload`).
   * Default: group by model.
   */
  workloadBy?: string;
  /** Called after each chunk; cheap enough to call often, so throttle any printing yourself. */
  onProgress?: (progress: UsageImportProgress) => void;
  /** How many skipped lines to keep as examples; default 5. */
  maxSkippedExamples?: number;
  /** Longest line read, in bytes; a longer one is skipped unread. Default {@link MAX_LINE_BYTES}. */
  maxLineBytes?: number;
  /** Most distinct workloads measured; records naming further ones are counted, not measured. Default {@link MAX_WORKLOADS}. */
  maxWorkloads?: number;
  /** The clock that bounds plausible timestamps (up to a day ahead of it); default `Date.now`. */
  now?: () => number;
}

/**
 * Earliest timestamp believed: 2015-01-01, before any LLM API a log could come from. With the latest
 * (a day after now), one bogus time (`+275760-09-13`, a 0 or a 1970 date) cannot stretch the window and
 * divide the volume to nothing: such a record is counted, without its time.
 */
export const EARLIEST_PLAUSIBLE_TIMESTAMP = '2015-01-01T00:00:00.000Z';
const EARLIEST_PLAUSIBLE_MS = Date.parse(EARLIEST_PLAUSIBLE_TIMESTAMP);
const DAY_MS = 86_400_000;

/**
 * Longest log line read (16 MiB): far above any response object or OTLP batch line an exporter writes, and
 * low enough that a file with no newline is skipped in constant memory instead of being gathered whole.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Most distinct workloads (or models) one import measures; each costs three quantile sketches. */
export const MAX_WORKLOADS = 1000;
/** Longest workload id or model name kept; a longer one is a sign of a broken or hostile log. */
export const MAX_WORKLOAD_ID_LENGTH = 200;

/** What an import measured, plus what it could not read. */
export interface UsageImportResult extends MeasuredUsage {
  /** Lines read, blank ones included. */
  lines: number;
  bytesRead: number;
  /** Records that carried token usage (an OTLP batch line can hold several). */
  records: number;
  skipped: { count: number; examples: SkippedLine[] };
  /**
   * Records not measured because they named a workload beyond the first `maxWorkloads` distinct ones. Absent when a
   * SQL engine aggregated the log (it groups every workload).
   */
  overflow?: { records: number; maxWorkloads: number };
  /**
   * Records whose timestamp was outside the plausible window (see {@link EARLIEST_PLAUSIBLE_TIMESTAMP}): counted,
   * without a time. Absent when a SQL engine aggregated the log.
   */
  ignoredTimestamps?: { count: number; earliest: string; latest: string };
  /**
   * Set when a SQL engine aggregated the log (`usage import --aggregates`, `--engine duckdb`): how many
   * result rows were read. Lines are then not counted (`lines` is 0) and nothing is reported skipped.
   */
  aggregateRows?: number;
}

/** A source of JSONL text: a file path, or a stream / async iterable of text or bytes. */
export type UsageLogSource = TextSource;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/**
 * Epoch milliseconds from a log timestamp: unix seconds (`created`), milli-, micro- or nanoseconds
 * (`startTimeUnixNano`, as a number or a digit string), or an ISO 8601 string (`start_time`).
 */
export function toEpochMilliseconds(value: unknown): number | undefined {
  let numeric: number | undefined;
  if (typeof value === 'number') numeric = value;
  else if (typeof value === 'string') {
    if (/^\d+(\.\d+)?$/.test(value)) numeric = Number(value);
    else {
      const parsed = Date.parse(value);
      return Number.isNaN(parsed) ? undefined : parsed;
    }
  }
  if (numeric === undefined || !Number.isFinite(numeric) || numeric <= 0) return undefined;
  if (numeric > 1e17) return numeric / 1e6; // nanoseconds
  if (numeric > 1e14) return numeric / 1e3; // microseconds
  if (numeric > 1e11) return numeric; // milliseconds
  return numeric * 1000; // seconds
}

function resolvePath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

interface LogRecord {
  usage: TokenUsage;
  model: string | undefined;
  provider: string | undefined;
  timeMs: number | undefined;
  workload: unknown;
}

const OPENAI_OBJECTS = new Set(['chat.completion', 'chat.completion.chunk', 'response']);

/** Whether a JSON object looks like a span (OTLP/JSON or an SDK exporter's dump). */
const isSpan = (value: Json) =>
  'attributes' in value &&
  ('startTimeUnixNano' in value ||
    'start_time' in value ||
    'spanId' in value ||
    'span_id' in value ||
    'context' in value);

class LogReader {
  private readonly workloadPath: readonly string[] | undefined;
  private readonly workloadAttribute: string | undefined;

  constructor(workloadBy: string | undefined) {
    if (workloadBy !== undefined && workloadBy !== '') {
      this.workloadPath = workloadBy.split('.');
      this.workloadAttribute = workloadBy.startsWith('attributes.')
        ? workloadBy.slice('attributes.'.length)
        : workloadBy;
    }
  }

  /** Calls `visit` for each record with usage in one parsed line; returns how many it found. */
  read(value: unknown, visit: (record: LogRecord) => void): number {
    if (!isObject(value)) return 0;
    if (Array.isArray(value.resourceSpans)) return this.readBatch(value.resourceSpans, visit);
    const record = isSpan(value) ? this.readSpan(value) : this.readResponse(value);
    if (record === undefined) return 0;
    visit(record);
    return 1;
  }

  private readBatch(resourceSpans: unknown[], visit: (record: LogRecord) => void): number {
    let found = 0;
    for (const resource of resourceSpans) {
      const scopes = isObject(resource) && Array.isArray(resource.scopeSpans) ? resource.scopeSpans : [];
      for (const scope of scopes) {
        const spans = isObject(scope) && Array.isArray(scope.spans) ? scope.spans : [];
        for (const span of spans) {
          const record = isObject(span) ? this.readSpan(span) : undefined;
          if (record === undefined) continue;
          visit(record);
          found += 1;
        }
      }
    }
    return found;
  }

  private readSpan(span: Json): LogRecord | undefined {
    const attributes = spanAttributes(span.attributes);
    const usage = normalizeUsage(attributes);
    if (usage === undefined) return undefined;
    const model = attributes[OTEL_ATTRIBUTES.requestModel] ?? attributes[OTEL_ATTRIBUTES.responseModel];
    const provider = attributes[OTEL_ATTRIBUTES.provider[0]] ?? attributes[OTEL_ATTRIBUTES.provider[1]];
    let workload: unknown;
    if (this.workloadPath !== undefined) {
      workload = resolvePath(span, this.workloadPath) ?? attributes[this.workloadAttribute!];
    }
    return {
      usage,
      model: typeof model === 'string' ? model : undefined,
      provider: typeof provider === 'string' ? provider : undefined,
      timeMs: toEpochMilliseconds(span.startTimeUnixNano ?? span.start_time),
      workload,
    };
  }

  private readResponse(line: Json): LogRecord | undefined {
    // A Responses API stream event (`response.completed`) carries the response under `response`.
    const value = isObject(line.response) && line.usage === undefined ? line.response : line;
    const usage = isObject(value.usage) ? normalizeUsage(value.usage) : undefined;
    if (usage === undefined) return undefined;
    const provider =
      typeof value.object === 'string' && OPENAI_OBJECTS.has(value.object)
        ? 'openai'
        : value.type === 'message'
          ? 'anthropic'
          : undefined;
    return {
      usage,
      model: typeof value.model === 'string' ? value.model : undefined,
      provider,
      timeMs: toEpochMilliseconds(value.created ?? value.created_at),
      workload:
        this.workloadPath === undefined
          ? undefined
          : (resolvePath(line, this.workloadPath) ??
            (value === line ? undefined : resolvePath(value, this.workloadPath))),
    };
  }
}

/** The caveat when records lack the `--workload-by` field and are counted as workload "unknown". */
export function missingWorkloadWarning(records: number, workloadBy: string): string {
  return `${records.toLocaleString('en-US')} records had no \`${workloadBy}\`; they are grouped as workload "unknown".`;
}

/**
 * Streams a JSONL usage log, one JSON value per line, in constant memory, and measures it per
 * workload. A line may be an OpenAI response object (Chat Completions `chat.completion`, a Responses
 * API `response`, or a `response.completed` event), an Anthropic message, an OpenTelemetry span with
 * `gen_ai.usage.*` attributes (OTLP/JSON or a flat exporter dump), or an OTLP `resourceSpans` batch.
 *
 * Records are grouped by model unless `options.workloadBy` names a field. The window runs from the
 * first to the last timestamp seen (`created`, `created_at`, `startTimeUnixNano` or `start_time`).
 * Lines it cannot read are counted and the first few kept as examples (line number and reason);
 * reading goes on.
 *
 * @throws {UsageLogError} When a path does not exist or cannot be read (check with `UsageLogError.isInstance`).
 */
export async function importUsageLog(
  source: UsageLogSource,
  options: UsageImportOptions = {},
): Promise<UsageImportResult> {
  const stream = await openTextSource(
    source,
    'usage log',
    (problem) => new UsageLogError({ source: String(source), ...problem }),
  );
  const reader = new LogReader(options.workloadBy);
  const meter = createUsageMeter();
  const maxExamples = options.maxSkippedExamples ?? 5;
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  const maxWorkloads = options.maxWorkloads ?? MAX_WORKLOADS;
  const measuredIds = new Set<string>();
  let overflowRecords = 0;
  const latestPlausibleMs = (options.now ?? Date.now)() + DAY_MS;
  let ignoredTimestamps = 0;
  const examples: SkippedLine[] = [];
  let skipped = 0;
  let lineNumber = 0;
  let bytesRead = 0;
  let records = 0;
  let withoutWorkload = 0;
  const skip = (reason: string) => {
    skipped += 1;
    if (examples.length < maxExamples) examples.push({ line: lineNumber, reason });
  };
  const visit = (record: LogRecord) => {
    let id: string;
    if (options.workloadBy === undefined) id = record.model ?? 'unknown';
    else if (typeof record.workload === 'string' && record.workload !== '') id = record.workload;
    else if (typeof record.workload === 'number' || typeof record.workload === 'boolean') id = String(record.workload);
    else {
      withoutWorkload += 1;
      id = 'unknown';
    }
    if (id.length > MAX_WORKLOAD_ID_LENGTH || (record.model?.length ?? 0) > MAX_WORKLOAD_ID_LENGTH) {
      skip(`workload or model name longer than ${MAX_WORKLOAD_ID_LENGTH} characters`);
      return;
    }
    const { inputTokens, cachedInputTokens, outputTokens } = record.usage;
    // Sums of counts like 1e308 overflow to Infinity, which would be written into the usage file as `.inf`.
    if (Math.max(inputTokens, cachedInputTokens, outputTokens) > MAX_TOKENS) {
      skip(`a token count above ${MAX_TOKENS.toLocaleString('en-US')}, more than any request holds`);
      return;
    }
    let at = record.timeMs ?? null;
    if (at !== null && (at < EARLIEST_PLAUSIBLE_MS || at > latestPlausibleMs)) {
      ignoredTimestamps += 1;
      at = null;
    }
    records += 1;
    if (!measuredIds.has(id)) {
      if (measuredIds.size >= maxWorkloads) {
        overflowRecords += 1;
        return;
      }
      measuredIds.add(id);
    }
    meter.recordTokens(id, record.usage, { at, model: record.model, provider: record.provider });
  };
  const readValue = (value: unknown, line: number) => {
    lineNumber = line;
    if (!isObject(value) || Array.isArray(value)) {
      skip('not a JSON object');
      return;
    }
    if (reader.read(value, visit) === 0) {
      skip('no token usage (no `usage` object, no gen_ai.usage.* span attributes)');
    }
  };
  const read = await forEachJsonLine(
    stream,
    readValue,
    (line) => {
      lineNumber = line;
      skip('not valid JSON');
    },
    (progress) => options.onProgress?.(progress),
    {
      maxLineBytes,
      onOverlong: (line) => {
        lineNumber = line;
        skip(`longer than ${maxLineBytes.toLocaleString('en-US')} bytes (the longest line read)`);
      },
    },
  );
  bytesRead = read.bytesRead;
  lineNumber = read.lines;
  options.onProgress?.({ bytesRead, lines: lineNumber });

  const measured = meter.measure();
  if (withoutWorkload > 0) measured.warnings.unshift(missingWorkloadWarning(withoutWorkload, options.workloadBy!));
  const latest = new Date(Math.min(latestPlausibleMs, 8.64e15)).toISOString();
  if (ignoredTimestamps > 0) {
    measured.warnings.unshift(
      `${ignoredTimestamps.toLocaleString('en-US')} records had a timestamp outside ${EARLIEST_PLAUSIBLE_TIMESTAMP.slice(0, 10)} to ${latest.slice(0, 10)}; they are counted, but not used for the window.`,
    );
  }
  if (overflowRecords > 0) {
    measured.warnings.unshift(
      `${overflowRecords.toLocaleString('en-US')} records named workloads beyond the first ${maxWorkloads.toLocaleString('en-US')} distinct ones; they were counted but not measured.`,
    );
  }
  return {
    ...measured,
    lines: lineNumber,
    bytesRead,
    records,
    skipped: { count: skipped, examples },
    overflow: { records: overflowRecords, maxWorkloads },
    ignoredTimestamps: { count: ignoredTimestamps, earliest: EARLIEST_PLAUSIBLE_TIMESTAMP, latest },
  };
}

/** The exact JSON shape `tunewise usage import --format json` prints. */
export interface UsageImportJson {
  workloads: Array<{
    id: string;
    requests: number;
    firstSeen: string | null;
    lastSeen: string | null;
    requestsPerMonth: number;
    tokens: {
      input: { mean: number; p95: number };
      cachedInput: { mean: number; p95: number };
      output: { mean: number; p95: number };
    };
  }>;
  skipped: { count: number; examples: SkippedLine[] };
}

/** Picks the public JSON shape out of an import result. */
export function toUsageImportJson(result: UsageImportResult): UsageImportJson {
  return {
    workloads: result.workloads.map((workload) => ({
      id: workload.id,
      requests: workload.requests,
      firstSeen: workload.firstSeen,
      lastSeen: workload.lastSeen,
      requestsPerMonth: workload.requestsPerMonth,
      tokens: workload.tokens,
    })),
    skipped: result.skipped,
  };
}
