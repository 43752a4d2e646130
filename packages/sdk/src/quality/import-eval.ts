import { JSONParser } from '@streamparser/json';
import { chunkBytes, forEachJsonLine, isBlankLine, openTextSource, type TextSource } from '../usage/line-reader.js';
import { EvalResultsError } from './eval-results-error.js';

/** Where the results came from, as recognised from the file itself. */
export type EvalFormat = 'promptfoo' | 'openai-evals' | 'jsonl';

/** A record that could not be graded, and why (never its content: eval sets can hold customer data). */
export interface SkippedEvalRecord {
  /** `line 12` in JSONL, `item 3` (0-based, as in the array) in a JSON document. */
  at: string;
  reason: string;
}

/** What an eval import counted. */
export interface EvalImportResult {
  format: EvalFormat;
  /** Graded cases that passed. */
  passed: number;
  /** Graded cases; promptfoo's errors count here as cases that did not pass, as its own pass rate does. */
  total: number;
  /** promptfoo's own `stats` block when the file carries one: `successes`, `failures`, `errors`. */
  reportedStats?: { successes: number; failures: number; errors: number };
  bytesRead: number;
  skipped: { count: number; examples: SkippedEvalRecord[] };
}

/** Options of {@link importEvalResults}. */
export interface EvalImportOptions {
  /** Called after each chunk with the bytes read so far, and in JSONL the lines. */
  onProgress?: (progress: { bytesRead: number; lines?: number }) => void;
  /** How many skipped records to keep as examples; default 5. */
  maxSkippedExamples?: number;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether one graded record passed, or undefined when it carries no verdict. Reads:
 * `{ "pass": bool }` (or `passed`), `{ "score": n, "threshold": t }` (passes at score ≥ threshold),
 * a promptfoo result (`success`), and an OpenAI Evals run output item (`status: "pass"`, or every
 * grader result `passed` when there is no status).
 */
export function gradeRecord(record: unknown): boolean | undefined {
  if (!isObject(record)) return undefined;
  if (record.object === 'eval.run.output_item') {
    if (typeof record.status === 'string') return record.status === 'pass';
    const results = Array.isArray(record.results) ? record.results : [];
    if (results.length === 0) return undefined;
    return results.every((result) => isObject(result) && result.passed === true);
  }
  if (typeof record.pass === 'boolean') return record.pass;
  if (typeof record.passed === 'boolean') return record.passed;
  if (typeof record.success === 'boolean') return record.success;
  if (
    typeof record.score === 'number' &&
    typeof record.threshold === 'number' &&
    Number.isFinite(record.score) &&
    Number.isFinite(record.threshold)
  ) {
    return record.score >= record.threshold;
  }
  return undefined;
}

const NO_VERDICT =
  'no verdict (expected pass, score and threshold, a promptfoo success, or an OpenAI Evals output item)';

// The arrays of graded records in a whole JSON document: promptfoo's `--output results.json` keeps them at
// results.results, an OpenAI Evals output-items page at data. Only one record is held at a time.
const DOCUMENT_PATHS = ['$.results.results.*', '$.data.*', '$.results.stats'];

/**
 * Counts passed and total cases in eval results, streamed in constant memory:
 * - promptfoo's `--output results.json` (one JSON document; its `results.results` array is parsed one
 *   result at a time with a streaming JSON parser, so memory stays flat however large the file);
 * - an OpenAI Evals output-items page (`GET /evals/{id}/runs/{id}/output_items`: `{ "object": "list",
 *   "data": [...] }`), streamed the same way;
 * - JSONL, one record a line: OpenAI Evals output items, promptfoo results, `{ "pass": bool }` or
 *   `{ "score": n, "threshold": t }`. Lines that are not JSON or carry no verdict are counted and
 *   skipped, the first few kept as examples, as `tunewise usage import` does.
 *
 * The format is told from the first line: a lone `{`, or a one-line document, opens a JSON document; anything else
 * is JSONL.
 *
 * @throws {EvalResultsError} when the file is missing, or a JSON document is
 * malformed (with its line and column).
 */
export async function importEvalResults(
  source: TextSource,
  options: EvalImportOptions = {},
): Promise<EvalImportResult> {
  const stream = await openTextSource(source, 'eval results', (options) => new EvalResultsError(options));
  const maxExamples = options.maxSkippedExamples ?? 5;
  const counts = { passed: 0, total: 0 };
  const skipped = { count: 0, examples: [] as SkippedEvalRecord[] };
  const skip = (at: string, reason: string) => {
    skipped.count += 1;
    if (skipped.examples.length < maxExamples) skipped.examples.push({ at, reason });
  };
  const count = (record: unknown, at: string) => {
    const verdict = gradeRecord(record);
    if (verdict === undefined) {
      skip(at, NO_VERDICT);
      return;
    }
    counts.total += 1;
    if (verdict) counts.passed += 1;
  };

  const { first, rest } = await peekFirstLine(stream);
  const name = typeof source === 'string' || source instanceof URL ? String(source) : 'eval results';

  if (first === undefined || !opensDocument(first.line, first.whole)) {
    let format: EvalFormat = 'jsonl';
    const readValue = (value: unknown, line: number) => {
      if (isObject(value) && value.object === 'eval.run.output_item') format = 'openai-evals';
      else if (isObject(value) && typeof value.success === 'boolean' && 'gradingResult' in value) format = 'promptfoo';
      count(value, `line ${line}`);
    };
    const { bytesRead } = await forEachJsonLine(
      rest,
      readValue,
      (line) => skip(`line ${line}`, 'not valid JSON'),
      (progress) => options.onProgress?.(progress),
    );
    return { format, ...counts, bytesRead, skipped };
  }

  // A whole JSON document: promptfoo's results.json or an OpenAI Evals list page.
  let format: EvalFormat | undefined;
  let reportedStats: EvalImportResult['reportedStats'];
  let item = 0;
  // String and number buffers make the parser about four times faster than building values a character at a time.
  const parser = new JSONParser({
    paths: DOCUMENT_PATHS,
    keepStack: false,
    stringBufferSize: 64 * 1024,
    numberBufferSize: 64,
  });
  let failure: Error | undefined;
  parser.onError = (error) => {
    failure ??= error;
  };
  parser.onValue = ({ value, key, stack }) => {
    const top = stack[1]?.key;
    if (key === 'stats') {
      if (isObject(value)) reportedStats = readStats(value);
      return;
    }
    format = top === 'data' ? 'openai-evals' : 'promptfoo';
    count(value, `item ${item}`);
    item += 1;
  };
  const position = new PositionTracker();
  let bytesRead = 0;
  for await (const chunk of rest) {
    const bytes = chunkBytes(chunk);
    bytesRead += bytes.length;
    // Whitespace after the document ends is allowed; the parser stops accepting input once it has ended.
    if (!parser.isEnded) parser.write(bytes);
    if (failure !== undefined) throw malformed(name, failure, position.locate(failure, bytes));
    position.advance(bytes);
    options.onProgress?.({ bytesRead });
  }
  if (!parser.isEnded) parser.end();
  if (failure !== undefined) throw malformed(name, failure, position.end());
  if (format === undefined && item === 0) {
    throw new EvalResultsError({
      message: `${name}: a JSON document with no eval results (expected promptfoo's results.results or an OpenAI Evals list's data)`,
    });
  }
  return {
    format: format ?? 'promptfoo',
    ...counts,
    ...(reportedStats === undefined ? {} : { reportedStats }),
    bytesRead,
    skipped,
  };
}

function readStats(value: Json): EvalImportResult['reportedStats'] {
  const { successes, failures, errors } = value;
  if (typeof successes !== 'number' || typeof failures !== 'number') return undefined;
  return { successes, failures, errors: typeof errors === 'number' ? errors : 0 };
}

/**
 * Whether the first line opens a whole JSON document rather than JSONL: a lone `{` (a pretty-printed document), a
 * one-line document too long to peek at, or a one-line promptfoo results or OpenAI Evals list. Anything else is read
 * as JSONL, so a first line cut off mid-write is counted and skipped like any other.
 */
function opensDocument(line: string, whole: boolean): boolean {
  const text = line.trim();
  if (text === '{') return true;
  if (!text.startsWith('{')) return false;
  if (!whole) return true;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  return (
    isObject(value) && (Array.isArray(value.data) || (isObject(value.results) && Array.isArray(value.results.results)))
  );
}

// The first line is looked at to tell JSONL from a document; past this many bytes without a newline the file
// is a one-line JSON document, which then streams through the parser like any other.
const PEEK_LIMIT = 1024 * 1024;

/** The first non-blank line (whole, or its first PEEK_LIMIT bytes), and the whole stream again from its first byte. */
async function peekFirstLine(
  stream: AsyncIterable<string | Uint8Array>,
): Promise<{ first: { line: string; whole: boolean } | undefined; rest: AsyncIterable<Uint8Array> }> {
  const iterator = stream[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let size = 0;
  let ended = false;
  let first: { line: string; whole: boolean } | undefined;
  while (first === undefined && !ended) {
    const next = await iterator.next();
    if (next.done) ended = true;
    else {
      const bytes = chunkBytes(next.value);
      seen.push(bytes);
      size += bytes.length;
    }
    const lines = Buffer.concat(seen).toString('utf8').split('\n');
    const index = lines.findIndex((line) => !isBlankLine(line.replace(/\r$/, '')));
    if (index === -1) continue;
    // A line is whole once a newline follows it or the stream ends; past the peek limit, its start has to do.
    const whole = index < lines.length - 1 || ended;
    if (whole || size >= PEEK_LIMIT) first = { line: lines[index] ?? '', whole };
  }
  async function* replay(): AsyncIterable<Uint8Array> {
    yield* seen;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield chunkBytes(next.value);
    }
  }
  return { first, rest: replay() };
}

/** Line and column of a byte offset in the stream, from newlines counted chunk by chunk. */
class PositionTracker {
  private linesBefore = 0;
  private offsetBefore = 0;
  private lastLineStart = 0;

  advance(bytes: Buffer): void {
    let index = bytes.indexOf(0x0a);
    while (index !== -1) {
      this.linesBefore += 1;
      this.lastLineStart = this.offsetBefore + index + 1;
      index = bytes.indexOf(0x0a, index + 1);
    }
    this.offsetBefore += bytes.length;
  }

  /** The position named in the parser's message (`absolute position "N"`), when it gives one in this chunk. */
  locate(error: Error, bytes: Buffer): { line: number; column: number } | undefined {
    const match = /absolute position "(\d+)"/.exec(error.message);
    if (match === null) return undefined;
    const offset = Number(match[1]) - this.offsetBefore;
    if (!(offset >= 0 && offset <= bytes.length)) return undefined;
    const before = bytes.subarray(0, offset);
    let lines = this.linesBefore;
    let lineStart = this.lastLineStart - this.offsetBefore;
    let index = before.indexOf(0x0a);
    while (index !== -1) {
      lines += 1;
      lineStart = index + 1;
      index = before.indexOf(0x0a, index + 1);
    }
    // Columns count bytes, as the parser's positions do.
    return { line: lines + 1, column: offset - lineStart + 1 };
  }

  /** The end of the stream: where a document cut short stops. */
  end(): { line: number; column: number } {
    return { line: this.linesBefore + 1, column: this.offsetBefore - this.lastLineStart + 1 };
  }
}

function malformed(name: string, error: Error, at: { line: number; column: number } | undefined): EvalResultsError {
  const where = at === undefined ? name : `${name}:${at.line}:${at.column}`;
  const reason = /ended in the middle|not all the data/i.test(error.message)
    ? 'the JSON document ends before it is complete'
    : 'not valid JSON here';
  return new EvalResultsError({ message: `${where}: ${reason}`, cause: error });
}
