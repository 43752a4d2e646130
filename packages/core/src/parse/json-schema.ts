import * as z from 'zod';
import { usageFileSchema } from '../schema/usage-file.js';

/** Where the published schema lives; editors resolve `$schema` references to it. */
export const USAGE_FILE_SCHEMA_ID = 'https://unpkg.com/@tunewise/core/schema.json';

/**
 * The JSON Schema (draft 2020-12) of the usage file as users write it (`io: 'input'`: defaulted
 * fields are optional), generated from the zod schema so the two cannot drift. Shipped as
 * `@tunewise/core/schema.json`.
 */
export function usageFileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(usageFileSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return { $schema, $id: USAGE_FILE_SCHEMA_ID, title: 'tunewise usage file (llm-usage.yml)', ...rest };
}

/** The text of `schema.json`: the schema, two-space indented, with a final newline. */
export function usageFileJsonSchemaText(): string {
  return `${JSON.stringify(usageFileJsonSchema(), null, 2)}\n`;
}
