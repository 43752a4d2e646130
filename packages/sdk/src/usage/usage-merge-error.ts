import { TunewiseError } from '@tunewise/core';

const marker = 'tunewise.error.usage-merge';
const symbol = Symbol.for(marker);

/** Measured numbers that cannot be written into a usage file (a non-finite value): nothing is written. */
export class UsageMergeError extends TunewiseError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through Symbol.for by isInstance.
  private readonly [symbol] = true;

  constructor(options: { message: string; cause?: unknown }) {
    super({ name: 'UsageMergeError', message: options.message, cause: options.cause });
  }

  static override isInstance(error: unknown): error is UsageMergeError {
    return TunewiseError.hasMarker(error, marker);
  }
}
