/**
 * Writes packages/core/schema.json from the zod schema.
 *
 *   npm run generate:schema -w @tunewise/core
 *
 * Runs on Node 24 directly (type stripping) and loads the TypeScript sources through Vite's module
 * runner, so it needs no build first. `src/parse/json-schema.test.ts` fails when the committed file
 * differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

type JsonSchemaModule = typeof import('../src/parse/json-schema.js');

const source = fileURLToPath(new URL('../src/parse/json-schema.ts', import.meta.url));
const target = fileURLToPath(new URL('../schema.json', import.meta.url));

const { module } = await runnerImport<JsonSchemaModule>(source, { configFile: false, logLevel: 'error' });
writeFileSync(target, module.usageFileJsonSchemaText());
console.log(`wrote ${target}`);
