import { usageFileJsonSchemaText } from '@tunewise/core';
import type { Command } from 'commander';
import { asOfOption } from '../shared/options.js';

const HELP_AFTER = `
Examples:
  $ tunewise schema > llm-usage.schema.json
  # or point your editor at it from the usage file's first line:
  # yaml-language-server: $schema=https://unpkg.com/@tunewise/core/schema.json
`;

/** `tunewise schema`: prints the usage file's JSON Schema (generated from core's zod schema). */
export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description("Print the usage file's JSON Schema, for editors and validators")
    .addOption(asOfOption().hideHelp()) // accepted like on every command; the schema does not depend on the day
    .addHelpText('after', HELP_AFTER)
    .action(() => {
      const text = usageFileJsonSchemaText();
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    });
}
