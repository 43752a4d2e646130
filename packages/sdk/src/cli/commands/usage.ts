import { readFile, stat, writeFile } from 'node:fs/promises';
import { escapeJsonText, escapeTerminal, MAX_USAGE_FILE_BYTES, UsageFileError } from '@tunewise/core';
import { type Command, Option } from 'commander';
import { EXIT_CODES } from '../../exit-codes.js';
import { loadConfig } from '../../load.js';
import {
  importUsageAggregates,
  importUsageLog,
  importUsageWithDuckdb,
  type MeasuredWorkload,
  mergeUsageIntoYaml,
  reviewMerge,
  SHORT_SAMPLE_DAYS,
  type TokenStat,
  toUsageImportJson,
  type UsageImportResult,
} from '../../usage/index.js';
import { CliExit } from '../shared/errors.js';
import { asOfOption, describeOption } from '../shared/options.js';
import { registerUsageSqlCommand } from './usage-sql.js';

interface ImportOptions {
  workloadBy?: string;
  aggregates?: string;
  engine: 'streaming' | 'duckdb';
  format: 'text' | 'json';
  write?: string;
  asOf?: string;
  force?: boolean;
}

const HELP_AFTER = `
Each line of FILE is one JSON value: an OpenAI response object (Chat Completions "chat.completion" or a
Responses API "response"), an Anthropic message, or an OpenTelemetry span with gen_ai.usage.* attributes.
Lines are grouped by model unless --workload-by names a field. requestsPerMonth = requests / window days
x 30.4375; a window under an hour is too short, and the count is given as-is with a warning.
Limits: a line longer than 16 MiB is skipped unread (and reported as skipped); at most 1,000 distinct
workloads (or models) are measured, and records naming further ones are counted in a warning.

--engine duckdb runs the same measurement in an in-process DuckDB on every core, for a JSONL log or a
Parquet file with one "json" column per record; it needs the optional package @duckdb/node-api.
--aggregates FILE reads the rows a \`tunewise usage sql\` query returned (CSV or JSON) instead of a log.

Examples:
  $ tunewise usage import requests.jsonl
  $ tunewise usage import spans.jsonl --workload-by attributes.app.workload --format json
  $ tunewise usage import requests.jsonl --workload-by metadata.workload --write llm-usage.yml
  $ tunewise usage import --engine duckdb requests.parquet
  $ tunewise usage import --aggregates usage-rows.csv --write llm-usage.yml

--write refuses (exit 2) to replace a volume with one at most half as large measured over less than
${SHORT_SAMPLE_DAYS} days, naming the sample; pass --force to write it anyway. It warns when the log's model differs
from the workload's, and rejects a usage file whose prompt files \`check\` rejects.

Exit codes:
  ${EXIT_CODES.ok}  measured (lines that could not be read are reported, not fatal)
  ${EXIT_CODES.badInput}  bad input: FILE missing, no token usage in it, a bad aggregate row, DuckDB not installed,
     --write names a missing or broken usage file, or --write would shrink a volume from a short sample without --force
`;

/** `tunewise usage import`: measures volume and tokens from a JSONL log, prints them or merges them into a usage file. */
export function registerUsageCommand(program: Command): void {
  const usage = program.command('usage').description('Measure real usage from logs');
  usage
    .command('import')
    .description('Measure requests per month and token numbers per workload from a JSONL log of responses or spans')
    .argument('[file]', 'JSONL log, streamed: any size (or Parquet with --engine duckdb)')
    .option('--workload-by <path>', 'dotted field naming the workload (e.g. metadata.workload); default: the model')
    .option('--aggregates <file>', 'read the result rows of `tunewise usage sql` (CSV or JSON) instead of a log')
    .addOption(
      new Option('--engine <engine>', 'what reads the log').choices(['streaming', 'duckdb']).default('streaming'),
    )
    .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'json']).default('text'))
    .option('-w, --write <path>', 'merge the numbers into this usage file, keeping its comments')
    .option('--force', 'with --write: replace volumes even from a sample too short to trust')
    .addOption(
      describeOption(asOfOption(), 'day stamped on the comments --write adds (default: the day of the last request)'),
    )
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string | undefined, options: ImportOptions) => {
      process.exitCode = await importCommand(file, options);
    });
  registerUsageSqlCommand(usage);
}

/** Most warnings printed; the rest are counted. */
const MAX_WARNINGS_SHOWN = 20;

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
  // Ids and models come from the log: their control characters (escape sequences) are shown, not sent.
  const rows = result.workloads.map((workload) => [
    escapeTerminal(workload.id),
    number(workload.requests),
    windowText(workload),
    `${number(workload.requestsPerMonth)}${workload.extrapolated ? '' : '*'}`,
    cell(workload.tokens.input),
    cell(workload.tokens.cachedInput),
    cell(workload.tokens.output),
  ]);
  // A loop, not Math.max(...rows): a spread of a large array overflows the call stack.
  const widths = header.map((title, column) =>
    rows.reduce((widest, row) => Math.max(widest, row[column]!.length), title.length),
  );
  const line = (row: string[]) =>
    row
      .map((value, column) =>
        column === 0 || column === 2 ? value.padEnd(widths[column]!) : value.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  const read =
    result.aggregateRows === undefined
      ? `${number(result.lines)} lines`
      : `${number(result.aggregateRows)} aggregate row${result.aggregateRows === 1 ? '' : 's'}`;
  const out = [
    `Measured usage from ${escapeTerminal(file)}: ${read}, ${number(result.records)} requests with token usage.`,
    '',
    line(header),
    ...rows.map(line),
  ];
  const ignored = result.ignoredTimestamps;
  if (ignored !== undefined && ignored.count > 0) {
    out.push(
      '',
      `Ignored ${number(ignored.count)} timestamp${ignored.count === 1 ? '' : 's'} outside ${ignored.earliest.slice(0, 10)} to ${ignored.latest.slice(0, 10)}: those requests are counted, not used for the window.`,
    );
  }
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

/** Whether an issue is about a prompt file (`instructionFiles` / `exampleFiles`), which `check` would reject too. */
const isPromptFileIssue = (issue: { path: string }) => /\.prompt\.(instruction|example)Files\[/.test(issue.path);

/**
 * Static prompt tokens per workload id, counted from prompt files when the usage file is valid. A prompt file
 * that `check` rejects (missing, outside the repository, too large) is rejected here too.
 */
async function staticTokensFrom(path: string): Promise<Record<string, number> | undefined> {
  try {
    const { usageFile } = await loadConfig(path);
    return Object.fromEntries(
      usageFile.workloads.map((workload) => [
        workload.id,
        (workload.prompt.instructionTokens ?? 0) + (workload.prompt.exampleTokens ?? 0),
      ]),
    );
  } catch (error) {
    if (UsageFileError.isInstance(error) && error.issues.some(isPromptFileIssue)) throw error;
    // An otherwise incomplete file is still worth merging into; its numeric fields are read directly.
    return undefined;
  }
}

/**
 * The text of a usage file that --write will merge into.
 * @throws UsageFileError when it is missing (pointing at `tunewise init`), not a regular file, over the size limit, or
 * cannot be read.
 */
export async function readUsageFileToWrite(target: string): Promise<string> {
  // Looked at before it is opened: reading a FIFO would wait forever, and a huge file is no usage file.
  const info = await stat(target).catch(() => undefined);
  if (info !== undefined && (!info.isFile() || info.size > MAX_USAGE_FILE_BYTES)) {
    const message = info.isFile()
      ? `the usage file is ${info.size} bytes; the limit is ${MAX_USAGE_FILE_BYTES} (1 MiB); nothing written`
      : 'not a regular file; nothing written';
    throw new UsageFileError([{ file: target, line: 0, column: 0, path: '', message }]);
  }
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

async function writeInto(target: string, result: UsageImportResult, options: ImportOptions): Promise<void> {
  const existing = await readUsageFileToWrite(target);
  const staticTokens = await staticTokensFrom(target);
  const review = reviewMerge(existing, result);
  for (const mismatch of review.modelMismatches) process.stderr.write(`warning: ${escapeTerminal(mismatch)}\n`);
  if (review.shrinks.length > 0) {
    for (const shrink of review.shrinks) {
      process.stderr.write(`${options.force ? 'warning' : 'tunewise'}: ${escapeTerminal(shrink)}\n`);
    }
    if (!options.force) {
      process.stderr.write(`tunewise: ${target} not written; measure longer, or pass --force to write it anyway.\n`);
      throw new CliExit(EXIT_CODES.badInput);
    }
  }
  const merged = mergeUsageIntoYaml(existing, result, {
    file: target,
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    ...(staticTokens === undefined ? {} : { staticTokens }),
  });
  await writeFile(target, merged);
  process.stderr.write(`Wrote measured numbers for ${result.workloads.length} workload(s) into ${target}.\n`);
}

/** Reads the usage: aggregate rows, a log through DuckDB, or a log streamed. */
async function measure(
  file: string | undefined,
  options: ImportOptions,
): Promise<{ file: string; result: UsageImportResult }> {
  if ((file === undefined) === (options.aggregates === undefined)) {
    process.stderr.write(
      'tunewise: give either a log FILE or --aggregates FILE (see `tunewise usage import --help`)\n',
    );
    throw new CliExit(EXIT_CODES.badInput);
  }
  if (options.aggregates !== undefined) {
    if (options.workloadBy !== undefined || options.engine !== 'streaming') {
      process.stderr.write(
        'tunewise: --aggregates rows are already grouped; --workload-by and --engine do not apply\n',
      );
      throw new CliExit(EXIT_CODES.badInput);
    }
    return { file: options.aggregates, result: await importUsageAggregates(options.aggregates) };
  }
  if (options.engine === 'duckdb') {
    const result = await importUsageWithDuckdb(file!, {
      ...(options.workloadBy === undefined ? {} : { workloadBy: options.workloadBy }),
      // Only the test of the missing-install message sets it.
      ...(process.env.TUNEWISE_TEST_DUCKDB_PACKAGE ? { duckdbPackage: process.env.TUNEWISE_TEST_DUCKDB_PACKAGE } : {}),
    });
    return { file: file!, result };
  }
  return { file: file!, result: await streamLog(file!, options) };
}

async function importCommand(fileArgument: string | undefined, options: ImportOptions): Promise<number> {
  const { file, result } = await measure(fileArgument, options);
  process.stdout.write(
    options.format === 'json'
      ? `${escapeJsonText(JSON.stringify(toUsageImportJson(result), null, 2))}\n`
      : renderUsageImportText(file, result),
  );
  // One warning per workload at most, and at most MAX_WARNINGS_SHOWN of them: a thousand would bury the rest.
  for (const warning of result.warnings.slice(0, MAX_WARNINGS_SHOWN)) {
    process.stderr.write(`warning: ${escapeTerminal(warning)}\n`);
  }
  if (result.warnings.length > MAX_WARNINGS_SHOWN) {
    process.stderr.write(
      `warning: … and ${number(result.warnings.length - MAX_WARNINGS_SHOWN)} more warnings like these\n`,
    );
  }
  if (result.records === 0) {
    process.stderr.write(`tunewise: no token usage found in ${escapeTerminal(file)}; nothing measured.\n`);
    throw new CliExit(EXIT_CODES.badInput);
  }
  if (options.write !== undefined) await writeInto(options.write, result, options);
  return EXIT_CODES.ok;
}

async function streamLog(file: string, options: ImportOptions): Promise<UsageImportResult> {
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
  return result;
}
