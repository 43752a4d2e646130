import { TunewiseError } from '@tunewise/core';

const marker = 'tunewise.error.file-read';
const symbol = Symbol.for(marker);

/** Why a {@link FileSource} refused a file it found. */
export type FileReadRefusal =
  /** Larger than the caller's `maxBytes`. */
  | 'too-large'
  /** A FIFO, socket or device: reading one can block forever or never end. */
  | 'not-a-regular-file'
  /** Inside `.git/` (directly or through a symbolic link): git's own files, which can hold credentials. */
  | 'inside-git-directory';

/** A file a source found but will not read, and why; the message names the file. */
export class FileReadError extends TunewiseError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through Symbol.for by isInstance.
  private readonly [symbol] = true;
  readonly path: string;
  readonly refusal: FileReadRefusal;
  /** The file's size in bytes when known (`too-large`): at least this many. */
  readonly bytes: number | undefined;

  constructor(options: { path: string; refusal: FileReadRefusal; detail: string; bytes?: number }) {
    super({ name: 'FileReadError', message: `"${options.path}" ${options.detail}` });
    this.path = options.path;
    this.refusal = options.refusal;
    this.bytes = options.bytes;
  }

  static override isInstance(error: unknown): error is FileReadError {
    return TunewiseError.hasMarker(error, marker);
  }
}
