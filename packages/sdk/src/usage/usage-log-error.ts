import { TunewiseError } from '@tunewise/core';

const marker = 'tunewise.error.usage-log';
const symbol = Symbol.for(marker);

/** A usage log that cannot be read at all: missing, a directory, or refused by the file system. */
export class UsageLogError extends TunewiseError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through Symbol.for by isInstance.
  private readonly [symbol] = true;
  /** The path as given. */
  readonly source: string;

  constructor(options: { source: string; message: string; cause?: unknown }) {
    super({ name: 'UsageLogError', message: options.message, cause: options.cause });
    this.source = options.source;
  }

  static override isInstance(error: unknown): error is UsageLogError {
    return TunewiseError.hasMarker(error, marker);
  }
}
