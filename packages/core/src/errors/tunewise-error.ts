const marker = 'tunewise.error';
const symbol = Symbol.for(marker);

/**
 * Base of every tunewise error. `isInstance` checks a `Symbol.for` marker rather than the prototype,
 * so it holds across duplicate copies of the package where `instanceof` fails.
 */
export class TunewiseError extends Error {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through Symbol.for(marker) by isInstance
  private readonly [symbol] = true;

  constructor(options: { name: string; message: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = options.name;
  }

  static isInstance(error: unknown): error is TunewiseError {
    return TunewiseError.hasMarker(error, marker);
  }

  protected static hasMarker(error: unknown, markerName: string): boolean {
    return (
      typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[Symbol.for(markerName)] === true
    );
  }
}
