import { Command, CommanderError } from 'commander';
import { EXIT_CODES } from '../exit-codes.js';
import { registerCatalogCommand } from './commands/catalog.js';
import { registerCheckCommand } from './commands/check.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerInitCommand } from './commands/init.js';
import { registerSchemaCommand } from './commands/schema.js';
import { registerUsageCommand } from './commands/usage.js';
import { CliExit, reportCliError } from './shared/errors.js';

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
  registerEvalCommand(program);
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
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.badInput;
    }
    if (error instanceof CliExit) return error.exitCode;
    return reportCliError(error);
  }
}
