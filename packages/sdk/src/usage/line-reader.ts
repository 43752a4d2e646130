import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** A source of text read in chunks: a file path, or a stream / async iterable of text or bytes. */
export type TextSource = string | URL | AsyncIterable<string | Uint8Array>;

const NEWLINE = 0x0a;

/**
 * Opens a path for streaming (an iterable is returned as it is).
 * @param what how errors name the file, e.g. `usage log`.
 * @param makeError builds the caller's own error class (e.g. UsageLogError) from a message.
 * @throws whatever `makeError` builds, when the path does not exist, is a directory or cannot be read.
 */
export async function openTextSource(
  source: TextSource,
  what: string,
  makeError: (options: { message: string; cause?: unknown }) => Error,
): Promise<AsyncIterable<string | Uint8Array>> {
  if (typeof source !== 'string' && !(source instanceof URL)) return source;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(source);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw makeError({
      message:
        code === 'ENOENT'
          ? `${what} not found: ${String(source)}`
          : `cannot read ${what} ${String(source)}: ${code ?? String(error)}`,
      cause: error,
    });
  }
  if (info.isDirectory()) throw makeError({ message: `${what} is a directory, not a file: ${String(source)}` });
  // Node's default 64 KiB chunks: larger ones gained no speed and raised peak RSS (see BENCHMARKS.md).
  return createReadStream(source);
}

/** A chunk as bytes, without copying when it already is a Buffer. */
export function chunkBytes(chunk: string | Uint8Array): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk);
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Options of {@link forEachLine}: the longest line read, and what to do with a longer one. */
export interface LineOptions {
  /** Longest line read, in bytes; a longer one is dropped unread up to its newline. Default: no limit. */
  maxLineBytes?: number;
  /** Called, in place of `readLine`, for each line longer than `maxLineBytes`. */
  onOverlong?: () => void;
}

/**
 * Calls `readLine` with each line of the stream (its trailing `\n` removed, a `\r` kept), in constant
 * memory but for the longest line, and `onChunk` with the bytes read so far after each chunk.
 * Lines are cut on the byte 0x0A, which never occurs inside a multi-byte UTF-8 character, and each is
 * decoded on its own: no chunk-sized strings, which V8 keeps in its large-object space until a full GC.
 * A line split over chunks is gathered as a list of pieces and joined once, so a long line costs linear
 * time; past `maxLineBytes` its pieces are dropped and the rest of it is skipped up to the next newline.
 */
export async function forEachLine(
  stream: AsyncIterable<string | Uint8Array>,
  readLine: (line: string) => void,
  onChunk?: (bytesRead: number) => void,
  options: LineOptions = {},
): Promise<number> {
  const maxLineBytes = options.maxLineBytes ?? Number.POSITIVE_INFINITY;
  let bytesRead = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  const endLine = (last: Buffer) => {
    if (overlong) options.onOverlong?.();
    else if (pending.length === 0) readLine(last.toString('utf8'));
    else readLine(Buffer.concat([...pending, last]).toString('utf8'));
    pending = [];
    pendingBytes = 0;
    overlong = false;
  };
  for await (const chunk of stream) {
    const buffer = chunkBytes(chunk);
    bytesRead += buffer.length;
    let start = 0;
    let newline = buffer.indexOf(NEWLINE);
    while (newline !== -1) {
      const line = buffer.subarray(start, newline);
      if (!overlong && pendingBytes + line.length > maxLineBytes) overlong = true;
      endLine(line);
      start = newline + 1;
      newline = buffer.indexOf(NEWLINE, start);
    }
    if (start < buffer.length && !overlong) {
      const piece = buffer.subarray(start);
      pendingBytes += piece.length;
      if (pendingBytes > maxLineBytes) {
        overlong = true;
        pending = [];
      } else pending.push(piece);
    }
    onChunk?.(bytesRead);
  }
  if (pendingBytes > 0 || overlong) endLine(Buffer.alloc(0));
  return bytesRead;
}

/** True for a line that holds only whitespace; only a line that starts blank is checked, with no trimmed copy. */
export function isBlankLine(text: string): boolean {
  return text.length === 0 || (text.charCodeAt(0) <= 0x20 && text.trim() === '');
}

/** What {@link forEachJsonLine} read: bytes and lines, blank ones included. */
export interface JsonLinesRead {
  bytesRead: number;
  lines: number;
}

/**
 * Streams JSONL: calls `onValue` with each line's parsed value and its 1-based line number, and
 * `onInvalid` for a line that is not JSON (its content is never passed on: logs can hold secrets).
 * Blank lines and a trailing `\r` are skipped; `onChunk` hears the bytes and lines read so far. A line longer than
 * `maxLineBytes` goes to `onOverlong` with its number, unread.
 */
export async function forEachJsonLine(
  stream: AsyncIterable<string | Uint8Array>,
  onValue: (value: unknown, line: number) => void,
  onInvalid: (line: number) => void,
  onChunk?: (read: JsonLinesRead) => void,
  options: { maxLineBytes?: number; onOverlong?: (line: number) => void } = {},
): Promise<JsonLinesRead> {
  let lines = 0;
  const readLine = (line: string) => {
    lines += 1;
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (isBlankLine(text)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      onInvalid(lines);
      return;
    }
    onValue(value, lines);
  };
  const lineOptions: LineOptions = {
    ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }),
    onOverlong: () => {
      lines += 1;
      options.onOverlong?.(lines);
    },
  };
  const bytesRead = await forEachLine(stream, readLine, (bytes) => onChunk?.({ bytesRead: bytes, lines }), lineOptions);
  return { bytesRead, lines };
}
