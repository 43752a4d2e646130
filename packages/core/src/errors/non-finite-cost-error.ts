import { TunewiseError } from './tunewise-error.js';

const marker = 'tunewise.error.non-finite-cost';
const symbol = Symbol.for(marker);

/** A workload whose inputs, each within bounds, still multiply past what a double holds: no report rather than NaN. */
export class NonFiniteCostError extends TunewiseError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through Symbol.for(marker) by isInstance
  private readonly [symbol] = true;
  readonly workloadId: string;
  /** The strategy key whose total is not finite: prompt, fineTune or hybrid. */
  readonly strategy: string;

  constructor(options: { workloadId: string; strategy: string }) {
    super({
      name: 'NonFiniteCostError',
      message: `workload "${options.workloadId}": the ${options.strategy} total is not a finite number; check its volume, growth and token counts`,
    });
    this.workloadId = options.workloadId;
    this.strategy = options.strategy;
  }

  static override isInstance(error: unknown): error is NonFiniteCostError {
    return TunewiseError.hasMarker(error, marker);
  }
}
