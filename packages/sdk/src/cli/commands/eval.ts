import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  compareQuality,
  type EvalResult,
  type PassRate,
  passRate,
  type StrategyKey,
  type StrategyName,
  strategyKey,
} from '@tunewise/core';
import { type Command, Option } from 'commander';
import { findConfig, type LoadedUsageFile, loadConfig } from '../../load.js';
import { type EvalFormat, type EvalImportResult, importEvalResults } from '../../quality/index.js';
import { assertWorkloadInYaml, mergeEvalIntoYaml } from '../../usage/index.js';
import { CliExit } from '../shared/errors.js';
import { asOfOption, describeOption } from '../shared/options.js';
import { progressReporter, readUsageFileToWrite } from './usage.js';

interface EvalImportOptions {
  workload: string;
  strategy: StrategyName;
  config?: string;
  write?: string;
  format: 'text' | 'json';
  asOf?: string;
}

const HELP_AFTER = `
FILE is one of:
  promptfoo's  promptfoo eval --output results.json  (streamed: any size)
  an OpenAI Evals output-items page  GET /evals/{eval_id}/runs/{run_id}/output_items, or JSONL of its items
  JSONL of {"pass": true|false} or {"score": n, "threshold": t} (passes at score >= threshold)
A promptfoo error counts as a case that did not pass, as in promptfoo's own pass rate. JSONL lines that are not
JSON or carry no verdict are counted and skipped.

Examples:
  $ tunewise eval import results.json --workload support-triage --strategy prompt
  $ tunewise eval import graded.jsonl --workload support-triage --strategy fine-tune --write llm-usage.yml

Exit codes:
  0  counted (lines that could not be read are reported, not fatal)
  2  bad input: FILE missing or malformed (file:line:column), no graded case in it, an unknown workload, or a
     usage file that is missing or invalid
`;

const FORMAT_NAMES: Readonly<Record<EvalFormat, string>> = {
  promptfoo: 'promptfoo results',
  'openai-evals': 'OpenAI Evals output items',
  jsonl: 'JSONL of graded cases',
};

/** `tunewise eval import`: counts passed/total from eval results, prints them or writes them into a usage file. */
export function registerEvalCommand(program: Command): void {
  const evalCommand = program.command('eval').description('Measured quality from eval results');
  evalCommand
    .command('import')
    .description("Count passed and total cases in promptfoo, OpenAI Evals or JSONL results for one workload's strategy")
    .argument('<file>', 'eval results, streamed: any size')
    .requiredOption('--workload <id>', 'workload id in the usage file')
    .addOption(
      new Option('--strategy <strategy>', 'the strategy these results measured')
        .choices(['prompt', 'fine-tune', 'hybrid'])
        .makeOptionMandatory(),
    )
    .option('-c, --config <path>', 'usage file the workload is in (default: --write, or llm-usage.yml found upward)')
    .option('-w, --write <path>', 'write quality.<strategy>: { passed, total } into this usage file, keeping comments')
    .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'json']).default('text'))
    .addOption(describeOption(asOfOption(), 'day stamped on the comment --write adds (default: today, UTC)'))
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string, options: EvalImportOptions) => {
      process.exitCode = await evalImportCommand(file, options);
    });
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const count = (value: number) => value.toLocaleString('en-US');
const rateText = (rate: PassRate) =>
  `${count(rate.passed)} of ${count(rate.total)} passed (${percent(rate.rate)}, 90% interval ${percent(rate.low)}–${percent(rate.high)})`;

/** The exact JSON shape `tunewise eval import --format json` prints. */
export interface EvalImportJson {
  workload: string;
  strategy: StrategyName;
  format: EvalFormat;
  passed: number;
  total: number;
  passRate: { rate: number; low: number; high: number };
  reportedStats?: { successes: number; failures: number; errors: number };
  skipped: EvalImportResult['skipped'];
  comparisons: Array<{
    strategy: StrategyName;
    passed: number;
    total: number;
    probabilityHigher: number;
    distinguishable: boolean;
    moreCasesPerStrategy: number | null;
  }>;
}

interface Comparison {
  strategy: StrategyName;
  measured: EvalResult;
  rate: PassRate;
  probabilityHigher: number;
  distinguishable: boolean;
  moreCases: number | undefined;
}

const STRATEGY_NAMES: Readonly<Record<StrategyKey, StrategyName>> = {
  prompt: 'prompt',
  fineTune: 'fine-tune',
  hybrid: 'hybrid',
};

/** The other strategies the usage file measured, each compared with the imported result. */
function comparisons(loaded: LoadedUsageFile | undefined, options: EvalImportOptions, imported: EvalResult) {
  const quality = loaded?.usageFile.workloads.find((workload) => workload.id === options.workload)?.quality;
  if (quality === undefined) return [];
  const own = strategyKey(options.strategy);
  const out: Comparison[] = [];
  for (const key of ['prompt', 'fineTune', 'hybrid'] as const) {
    const measured = quality[key];
    if (key === own || measured === undefined) continue;
    const comparison = compareQuality(imported, measured);
    out.push({
      strategy: STRATEGY_NAMES[key],
      measured,
      rate: passRate(measured),
      probabilityHigher: comparison.probabilityAHigher,
      distinguishable: comparison.distinguishable,
      moreCases:
        comparison.moreCases === undefined ? undefined : Math.max(comparison.moreCases.a, comparison.moreCases.b),
    });
  }
  return out;
}

/** Plain text: the count, the interval, what was skipped, and how the result stands against the file's others. */
export function renderEvalImportText(
  file: string,
  options: Pick<EvalImportOptions, 'workload' | 'strategy'>,
  result: EvalImportResult,
  others: readonly Comparison[],
  configPath: string | undefined,
): string {
  const rate = passRate({ passed: result.passed, total: result.total });
  const out = [
    `${options.workload}, ${options.strategy}: ${rateText(rate)}`,
    `  from ${file} (${FORMAT_NAMES[result.format]})`,
  ];
  if (result.reportedStats !== undefined) {
    const { successes, failures, errors } = result.reportedStats;
    out.push(
      `  promptfoo's own summary: ${count(successes)} passed, ${count(failures)} failed, ${count(errors)} error${errors === 1 ? '' : 's'} (errors count as not passed)`,
    );
  }
  if (result.skipped.count > 0) {
    out.push(
      '',
      `Skipped ${count(result.skipped.count)} record${result.skipped.count === 1 ? '' : 's'} that could not be graded:`,
    );
    for (const example of result.skipped.examples) out.push(`  ${example.at}: ${example.reason}`);
    const more = result.skipped.count - result.skipped.examples.length;
    if (more > 0) out.push(`  … and ${count(more)} more`);
  }
  if (others.length > 0) {
    out.push('', `Against the other strategies measured in ${configPath}:`);
    for (const other of others) {
      const verdict = other.distinguishable
        ? 'distinguishable'
        : other.moreCases === undefined
          ? 'not distinguishable: the pass rates are equal'
          : `not yet distinguishable: label about ${count(other.moreCases)} more cases per strategy`;
      out.push(
        `  ${other.strategy}: ${rateText(other.rate)}; P(${options.strategy} passes more often) = ${percent(other.probabilityHigher)}, ${verdict}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

export function toEvalImportJson(
  options: Pick<EvalImportOptions, 'workload' | 'strategy'>,
  result: EvalImportResult,
  others: readonly Comparison[],
): EvalImportJson {
  const rate = passRate({ passed: result.passed, total: result.total });
  return {
    workload: options.workload,
    strategy: options.strategy,
    format: result.format,
    passed: result.passed,
    total: result.total,
    passRate: { rate: rate.rate, low: rate.low, high: rate.high },
    ...(result.reportedStats === undefined ? {} : { reportedStats: result.reportedStats }),
    skipped: result.skipped,
    comparisons: others.map((other) => ({
      strategy: other.strategy,
      passed: other.measured.passed,
      total: other.measured.total,
      probabilityHigher: other.probabilityHigher,
      distinguishable: other.distinguishable,
      moreCasesPerStrategy: other.moreCases ?? null,
    })),
  };
}

async function evalImportCommand(file: string, options: EvalImportOptions): Promise<number> {
  const configPath = options.config ?? options.write ?? (await findConfig());
  // The usage file is checked before the results are read: a wrong workload id should not cost a long import.
  let loaded: LoadedUsageFile | undefined;
  let configText: string | undefined;
  if (configPath !== undefined) {
    configText = await readUsageFileToWrite(configPath);
    loaded = await loadConfig(configPath);
    assertWorkloadInYaml(configText, options.workload, { file: configPath });
  }

  const totalBytes = await stat(file).then(
    (info) => info.size,
    () => undefined,
  );
  const progress = progressReporter(file, totalBytes);
  let result: EvalImportResult;
  try {
    result = await importEvalResults(file, {
      ...(progress.update === undefined ? {} : { onProgress: progress.update }),
    });
  } finally {
    progress.done();
  }
  if (result.total === 0) {
    process.stdout.write(
      options.format === 'json' ? `${JSON.stringify(toEvalImportJson(options, result, []), null, 2)}\n` : '',
    );
    process.stderr.write(`tunewise: no graded case found in ${file}; nothing counted.\n`);
    for (const example of result.skipped.examples) process.stderr.write(`  ${example.at}: ${example.reason}\n`);
    throw new CliExit(2);
  }

  const measured = { passed: result.passed, total: result.total };
  const others = comparisons(loaded, options, measured);
  process.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify(toEvalImportJson(options, result, others), null, 2)}\n`
      : renderEvalImportText(file, options, result, others, configPath),
  );
  if (
    result.reportedStats !== undefined &&
    result.reportedStats.successes + result.reportedStats.failures + result.reportedStats.errors !== result.total
  ) {
    process.stderr.write(
      `warning: promptfoo's stats count ${result.reportedStats.successes + result.reportedStats.failures + result.reportedStats.errors} cases, the results ${result.total}; the results were counted.\n`,
    );
  }
  if (options.write !== undefined) {
    const text =
      options.write === configPath && configText !== undefined ? configText : await readUsageFileToWrite(options.write);
    const merged = mergeEvalIntoYaml(
      text,
      {
        workload: options.workload,
        strategy: strategyKey(options.strategy),
        ...measured,
        source: `${path.basename(file)} (${FORMAT_NAMES[result.format]})`,
        asOf: options.asOf ?? new Date().toISOString().slice(0, 10),
      },
      { file: options.write },
    );
    await writeFile(options.write, merged);
    process.stderr.write(
      `Wrote quality.${strategyKey(options.strategy)}: { passed: ${result.passed}, total: ${result.total} } for ${options.workload} into ${options.write}.\n`,
    );
  }
  return 0;
}
