import { Command, CommanderError } from 'commander';
import { registerCatalogCommand } from './commands/catalog.js';
import { registerCheckCommand } from './commands/check.js';
import { registerInitCommand } from './commands/init.js';
import { registerSchemaCommand } from './commands/schema.js';
import { registerUsageCommand } from './commands/usage.js';
import { CliExit, reportCliError } from './shared/errors.js';

export const EXIT_OK = 0;
export const EXIT_POLICY = 1;
export const EXIT_BAD_INPUT = 2;

export function createProgram(): Command {
  const program = new Command('tunewise')
    .description(
      'Prompt engineering, fine-tuning, or both? Cost, latency and an explainable recommendation per LLM workload.',
    )
    .version(__PACKAGE_VERSION__, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerCheckCommand(program);
  registerUsageCommand(program);
  registerInitCommand(program);
  registerSchemaCommand(program);
  registerCatalogCommand(program);
  return program;
}

/** Runs the CLI and resolves to its exit code: 0 ok, 1 policy violated, 2 bad input. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    if (error instanceof CliExit) return error.exitCode;
    return reportCliError(error);
  }
}
