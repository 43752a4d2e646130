import { TunewiseError } from './tunewise-error.js';

const marker = 'tunewise.error.invalid-as-of';
const symbol = Symbol.for(marker);

/** An `asOf` that is not a real calendar day written YYYY-MM-DD: no price, window or retirement can be dated by it. */
export class InvalidAsOfError extends TunewiseError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through Symbol.for(marker) by isInstance
  private readonly [symbol] = true;
  /** The value given. */
  readonly asOf: string;

  constructor(asOf: string) {
    super({ name: 'InvalidAsOfError', message: `asOf must be a date as YYYY-MM-DD, got "${asOf}"` });
    this.asOf = asOf;
  }

  static override isInstance(error: unknown): error is InvalidAsOfError {
    return TunewiseError.hasMarker(error, marker);
  }
}
