import { TunewiseError } from '@tunewise/core';

const marker = 'tunewise.error.git-ref';
const symbol = Symbol.for(marker);

/** A git ref that does not name a commit in the repository (or git could not read it). */
export class GitRefError extends TunewiseError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through Symbol.for by isInstance.
  private readonly [symbol] = true;
  readonly ref: string;
  readonly repoRoot: string;

  constructor(options: { ref: string; repoRoot: string; detail: string; cause?: unknown }) {
    super({
      name: 'GitRefError',
      message: `git ref "${options.ref}" cannot be read in ${options.repoRoot}: ${options.detail}`,
      cause: options.cause,
    });
    this.ref = options.ref;
    this.repoRoot = options.repoRoot;
  }

  static override isInstance(error: unknown): error is GitRefError {
    return TunewiseError.hasMarker(error, marker);
  }
}
