import { readFile, stat, writeFile } from 'node:fs/promises';
import { UsageFileError } from '@tunewise/core';
import { type Command, Option } from 'commander';
import { EXIT_CODES } from '../../exit-codes.js';
import { loadConfig } from '../../load.js';
import {
  importUsageLog,
  type MeasuredWorkload,
  mergeUsageIntoYaml,
  type TokenStat,
  toUsageImportJson,
  type UsageImportResult,
} from '../../usage/index.js';
import { CliExit } from '../shared/errors.js';
import { asOfOption, describeOption } from '../shared/options.js';

interface ImportOptions {
  workloadBy?: string;
  format: 'text' | 'json';
  write?: string;
  asOf?: string;
}

const HELP_AFTER = `
Each line of FILE is one JSON value: an OpenAI response object (Chat Completions "chat.completion" or a
Responses API "response"), an Anthropic message, or an OpenTelemetry span with gen_ai.usage.* attributes.
Lines are grouped by model unless --workload-by names a field. requestsPerMonth = requests / window days
x 30.4375; a window under an hour is too short, and the count is given as-is with a warning.

Examples:
  $ tunewise usage import requests.jsonl
  $ tunewise usage import spans.jsonl --workload-by attributes.app.workload --format json
  $ tunewise usage import requests.jsonl --workload-by metadata.workload --write llm-usage.yml

Exit codes:
  ${EXIT_CODES.ok}  measured (lines that could not be read are reported, not fatal)
  ${EXIT_CODES.badInput}  bad input: FILE missing, no token usage in it, or --write names a missing or broken usage file
`;

/** `tunewise usage import`: measures volume and tokens from a JSONL log, prints them or merges them into a usage file. */
export function registerUsageCommand(program: Command): void {
  const usage = program.command('usage').description('Measure real usage from logs');
  usage
    .command('import')
    .description('Measure requests per month and token numbers per workload from a JSONL log of responses or spans')
    .argument('<file>', 'JSONL log, streamed: any size')
    .option('--workload-by <path>', 'dotted field naming the workload (e.g. metadata.workload); default: the model')
    .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'json']).default('text'))
    .option('-w, --write <path>', 'merge the numbers into this usage file, keeping its comments')
    .addOption(
      describeOption(asOfOption(), 'day stamped on the comments --write adds (default: the day of the last request)'),
    )
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string, options: ImportOptions) => {
      process.exitCode = await importCommand(file, options);
    });
}

const number = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });
const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

/** Progress on stderr, only for a human at a terminal, at most four times a second; lines when the reader counts them. */
export function progressReporter(file: string, totalBytes: number | undefined) {
  if (process.stderr.isTTY !== true) return { update: undefined, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    update: ({ bytesRead, lines }: { bytesRead: number; lines?: number }) => {
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      shown = true;
      const share = totalBytes ? ` ${Math.floor((bytesRead / totalBytes) * 100)}%` : '';
      const size = totalBytes ? `${megabytes(bytesRead)} of ${megabytes(totalBytes)}` : megabytes(bytesRead);
      const counted = lines === undefined ? '' : `, ${number(lines)} lines`;
      process.stderr.write(`\r\x1b[Kreading ${file}:${share} (${size}${counted})`);
    },
    done: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

const cell = (stat: TokenStat) => `${number(stat.mean)} (${number(stat.p95)})`;

function windowText(workload: MeasuredWorkload): string {
  if (workload.firstSeen === null || workload.lastSeen === null) return 'no timestamps';
  return `${workload.firstSeen.slice(0, 16)}Z to ${workload.lastSeen.slice(0, 16)}Z (${number(workload.windowDays)} d)`;
}

/** A plain-text table of the measurements. */
export function renderUsageImportText(file: string, result: UsageImportResult): string {
  const header = [
    'workload',
    'requests',
    'window',
    'requests/month',
    'input mean (p95)',
    'cached mean (p95)',
    'output mean (p95)',
  ];
  const rows = result.workloads.map((workload) => [
    workload.id,
    number(workload.requests),
    windowText(workload),
    `${number(workload.requestsPerMonth)}${workload.extrapolated ? '' : '*'}`,
    cell(workload.tokens.input),
    cell(workload.tokens.cachedInput),
    cell(workload.tokens.output),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((value, column) =>
        column === 0 || column === 2 ? value.padEnd(widths[column]!) : value.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  const out = [
    `Measured usage from ${file}: ${number(result.lines)} lines, ${number(result.records)} requests with token usage.`,
    '',
    line(header),
    ...rows.map(line),
  ];
  if (result.workloads.some((workload) => !workload.extrapolated)) {
    out.push('', '* window under an hour (or no timestamps): the requests seen, not extrapolated to a month');
  }
  if (result.skipped.count > 0) {
    out.push(
      '',
      `Skipped ${number(result.skipped.count)} line${result.skipped.count === 1 ? '' : 's'} that could not be read:`,
    );
    for (const example of result.skipped.examples) out.push(`  line ${example.line}: ${example.reason}`);
    const more = result.skipped.count - result.skipped.examples.length;
    if (more > 0) out.push(`  … and ${number(more)} more`);
  }
  return `${out.join('\n')}\n`;
}

/** Static prompt tokens per workload id, counted from prompt files when the usage file is valid. */
async function staticTokensFrom(path: string): Promise<Record<string, number> | undefined> {
  try {
    const { usageFile } = await loadConfig(path);
    return Object.fromEntries(
      usageFile.workloads.map((workload) => [
        workload.id,
        (workload.prompt.instructionTokens ?? 0) + (workload.prompt.exampleTokens ?? 0),
      ]),
    );
  } catch {
    // An incomplete file is still worth merging into; its numeric fields are read directly.
    return undefined;
  }
}

/**
 * The text of a usage file that --write will merge into.
 * @throws UsageFileError when it is missing (pointing at `tunewise init`) or cannot be read.
 */
export async function readUsageFileToWrite(target: string): Promise<string> {
  return readFile(target, 'utf8').catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    throw new UsageFileError(
      [
        {
          file: target,
          line: 0,
          column: 0,
          path: '',
          message:
            code === 'ENOENT'
              ? 'no such usage file to write into (run `tunewise init` first)'
              : `cannot read (${code})`,
        },
      ],
      { cause: error },
    );
  });
}

async function writeInto(target: string, result: UsageImportResult, asOf: string | undefined): Promise<void> {
  const existing = await readUsageFileToWrite(target);
  const staticTokens = await staticTokensFrom(target);
  const merged = mergeUsageIntoYaml(existing, result, {
    file: target,
    ...(asOf === undefined ? {} : { asOf }),
    ...(staticTokens === undefined ? {} : { staticTokens }),
  });
  await writeFile(target, merged);
  process.stderr.write(`Wrote measured numbers for ${result.workloads.length} workload(s) into ${target}.\n`);
}

async function importCommand(file: string, options: ImportOptions): Promise<number> {
  const totalBytes = await stat(file).then(
    (info) => info.size,
    () => undefined,
  );
  const progress = progressReporter(file, totalBytes);
  let result: UsageImportResult;
  try {
    result = await importUsageLog(file, {
      ...(options.workloadBy === undefined ? {} : { workloadBy: options.workloadBy }),
      ...(progress.update === undefined ? {} : { onProgress: progress.update }),
    });
  } finally {
    progress.done();
  }
  process.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify(toUsageImportJson(result), null, 2)}\n`
      : renderUsageImportText(file, result),
  );
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (result.records === 0) {
    process.stderr.write(`tunewise: no token usage found in ${file}; nothing measured.\n`);
    throw new CliExit(EXIT_CODES.badInput);
  }
  if (options.write !== undefined) await writeInto(options.write, result, options.asOf);
  return EXIT_CODES.ok;
}
