import { TunewiseError } from './tunewise-error.js';

const marker = 'tunewise.error.uncounted-prompt-files';
const symbol = Symbol.for(marker);

/**
 * A workload that names prompt files whose tokens were never counted: core does no I/O, so the sdk (`loadConfig`,
 * `resolvePromptFiles`) must turn them into `instructionTokens` / `exampleTokens` before evaluation.
 */
export class UncountedPromptFilesError extends TunewiseError {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: read through Symbol.for(marker) by isInstance
  private readonly [symbol] = true;
  readonly workloadId: string;
  /** The list that was not counted. */
  readonly field: 'instructionFiles' | 'exampleFiles';

  constructor(options: { workloadId: string; field: 'instructionFiles' | 'exampleFiles' }) {
    const counted = options.field === 'instructionFiles' ? 'instructionTokens' : 'exampleTokens';
    super({
      name: 'UncountedPromptFilesError',
      message: `workload "${options.workloadId}": prompt.${options.field} must be counted into ${counted} before evaluation (use @tunewise/sdk, which reads and tokenizes them)`,
    });
    this.workloadId = options.workloadId;
    this.field = options.field;
  }

  static override isInstance(error: unknown): error is UncountedPromptFilesError {
    return TunewiseError.hasMarker(error, marker);
  }
}
