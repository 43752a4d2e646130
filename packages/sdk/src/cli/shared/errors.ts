import { escapeTerminal, TunewiseError, UsageFileError } from '@tunewise/core';
import { EXIT_CODES, type ExitCode } from '../../exit-codes.js';

/** Thrown by a command to end the CLI with an exit code after it has printed what it had to say. */
export class CliExit extends Error {
  constructor(readonly exitCode: ExitCode) {
    super(`exit ${exitCode}`);
  }
}

/** A message that may quote user input (a ref, a path, a key), with its escape sequences shown rather than sent. */
const printable = (message: string) => message.split('\n').map(escapeTerminal).join('\n');

/** Prints an error for a human (no stack trace for known errors) and returns the exit code. */
export function reportCliError(error: unknown): number {
  if (UsageFileError.isInstance(error) || TunewiseError.isInstance(error)) {
    process.stderr.write(`tunewise: ${printable(error.message)}\n`);
    return EXIT_CODES.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tunewise: unexpected error: ${printable(message)}\n`);
  if (process.env.TUNEWISE_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT_CODES.badInput;
}
