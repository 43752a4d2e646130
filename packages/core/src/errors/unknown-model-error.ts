import { TunewiseError } from './tunewise-error.js';

const marker = 'tunewise.error.unknown-model';
const symbol = Symbol.for(marker);

/**
 * A workload whose model is neither in the catalog nor in the usage file's `models`. `parseUsageFile` with
 * `knownModelIds` reports this at its line first; this is for a `UsageFile` built by hand.
 */
export class UnknownModelError extends TunewiseError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through Symbol.for(marker) by isInstance
  private readonly [symbol] = true;
  readonly workloadId: string;
  readonly model: string;

  constructor(options: { workloadId: string; model: string }) {
    super({ name: 'UnknownModelError', message: `workload "${options.workloadId}": unknown model ${options.model}` });
    this.workloadId = options.workloadId;
    this.model = options.model;
  }

  static override isInstance(error: unknown): error is UnknownModelError {
    return TunewiseError.hasMarker(error, marker);
  }
}
