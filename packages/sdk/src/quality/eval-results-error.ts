import { TunewiseError } from '@tunewise/core';

const marker = 'tunewise.error.eval-results';
const symbol = Symbol.for(marker);

/** Eval results that cannot be read or make no sense: missing, a directory, malformed, or with no graded case. */
export class EvalResultsError extends TunewiseError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through Symbol.for by isInstance.
  private readonly [symbol] = true;

  constructor(options: { message: string; cause?: unknown }) {
    super({ name: 'EvalResultsError', message: options.message, cause: options.cause });
  }

  static override isInstance(error: unknown): error is EvalResultsError {
    return TunewiseError.hasMarker(error, marker);
  }
}
