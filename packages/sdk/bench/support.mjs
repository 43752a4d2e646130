// Helpers shared by the sdk's benchmarks: timing, the readline + JSON.parse floor, and BENCHMARKS.md sections.
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSection as writeBenchmarksSection } from '../../../scripts/benchmarks-md.mjs';

/**
 * The options every sdk benchmark takes (--size-mb, --rounds, --write, --sdk PATH) plus `extra`, and the built sdk
 * loaded from --sdk; exits 2 when it is not built.
 */
export async function setUp(defaultSizeMb, extra = {}) {
  const { values: args } = parseArgs({
    options: {
      'size-mb': { type: 'string', default: String(defaultSizeMb) },
      rounds: { type: 'string', default: '3' },
      write: { type: 'boolean', default: false },
      sdk: { type: 'string', default: path.join(import.meta.dirname, '../dist/index.js') },
      ...extra,
    },
  });
  const sdkPath = path.resolve(args.sdk);
  if (!existsSync(sdkPath)) {
    console.error(`${sdkPath} is missing: run \`npm run build -w @tunewise/sdk\` first`);
    process.exit(2);
  }
  const sdk = await import(pathToFileURL(sdkPath).href);
  return { args, sizeMb: Number(args['size-mb']), rounds: Number(args.rounds), sdkPath, sdk };
}

/** The JSONL floor: the least any JSONL reader does, a readline loop that parses each line. */
export async function floor(file) {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let parsed = 0;
  for await (const line of lines) {
    if (line !== '') {
      JSON.parse(line);
      parsed += 1;
    }
  }
  return parsed;
}

export async function timed(task) {
  const start = process.hrtime.bigint();
  const result = await task();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

export const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];

export const format = (value, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Replaces the `## heading` section of BENCHMARKS.md at the repo root with `table`, which starts with that heading
 * (scripts/benchmarks-md.mjs does the writing for every benchmark).
 */
export function writeSection(heading, table) {
  writeBenchmarksSection(heading, table.replace(/^## [^\n]*\n/, ''));
  process.stderr.write(`wrote the "## ${heading}" section of BENCHMARKS.md\n`);
}
