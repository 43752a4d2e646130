import { TunewiseError, UsageFileError } from '@tunewise/core';
import { EXIT_CODES, type ExitCode } from '../../exit-codes.js';

/** Thrown by a command to end the CLI with an exit code after it has printed what it had to say. */
export class CliExit extends Error {
  constructor(readonly exitCode: ExitCode) {
    super(`exit ${exitCode}`);
  }
}

/** Prints an error for a human (no stack trace for known errors) and returns the exit code. */
export function reportCliError(error: unknown): number {
  if (UsageFileError.isInstance(error)) {
    process.stderr.write(`tunewise: ${error.message}\n`);
    return EXIT_CODES.badInput;
  }
  if (TunewiseError.isInstance(error)) {
    process.stderr.write(`tunewise: ${error.message}\n`);
    return EXIT_CODES.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tunewise: unexpected error: ${message}\n`);
  if (process.env.TUNEWISE_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_CODES.badInput;
}
