import path from 'node:path';
import {
  diffReports,
  escapeTerminal,
  evaluateGatingPolicy,
  MAX_USAGE_FILE_BYTES,
  type PolicyVerdict,
  type Report,
  type ReportDiff,
  renderJson,
  renderMarkdown,
  renderText,
  type UsageFile,
  UsageFileError,
} from '@tunewise/core';
import { type Command, Option } from 'commander';
import { evaluate, today } from '../../api.js';
import { EXIT_CODES } from '../../exit-codes.js';
import { findConfig, type LoadedUsageFile, loadConfig, loadUsageFileText, toRepoPath } from '../../load.js';
import { type PromptFileCount, tokenizerFor } from '../../prompt-files/index.js';
import { findRepoRoot, gitRefSource } from '../../sources/index.js';
import { CliExit } from '../shared/errors.js';
import { asOfOption, useColor } from '../shared/options.js';

interface CheckOptions {
  config?: string;
  format: 'text' | 'markdown' | 'json';
  base?: string;
  baseRef?: string;
  asOf?: string;
}

const HELP_AFTER = `
Examples:
  $ tunewise check                                   # llm-usage.yml found upward from here
  $ tunewise check --config examples/llm-usage.yml --format json
  $ tunewise check --base-ref origin/main --format markdown   # what the pull-request comment will say
  $ tunewise check --as-of 2027-01-07                # as the catalog stands on that day

Exit codes:
  ${EXIT_CODES.ok}  the report was produced (and the policy, if any, holds)
  ${EXIT_CODES.policyViolated}  the change from --base/--base-ref violates policy.failOn, as the BASE file sets it (a change to the
     policy applies after merge; a usage file new in the change is judged by its own policy)
  ${EXIT_CODES.badInput}  bad input: a missing or invalid usage file, prompt file or flag (the message names file:line:column)
`;

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('Cost per strategy, break-even and the recommendation for every workload of a usage file')
    .option(
      '-c, --config <path>',
      'usage file (default: llm-usage.yml, .yaml or .json, found upward from the working directory)',
    )
    .addOption(
      new Option('-f, --format <format>', 'output: a terminal table, a pull-request comment, or the JSON report')
        .choices(['text', 'markdown', 'json'])
        .default('text'),
    )
    .addOption(
      new Option('--base <path>', 'compare against another usage file (the base of a change)').conflicts('baseRef'),
    )
    .option('--base-ref <ref>', 'compare against the usage file and its prompt files at a git ref (e.g. origin/main)')
    .addOption(asOfOption())
    .addHelpText('after', HELP_AFTER)
    .action(async (options: CheckOptions) => {
      process.exitCode = await check(options);
    });
}

async function check(options: CheckOptions): Promise<number> {
  const asOf = options.asOf ?? today();
  const configPath = options.config ?? (await findConfig());
  if (configPath === undefined) {
    throw new UsageFileError([
      {
        file: 'llm-usage.yml',
        line: 0,
        column: 0,
        path: '',
        message: `no usage file found in ${process.cwd()} or any directory above it; pass --config PATH or run \`tunewise init\``,
      },
    ]);
  }
  const head = await loadConfig(configPath);
  const headReport = await evaluate(head, { asOf });
  let diff: ReportDiff | undefined;
  let policy: PolicyVerdict | undefined;
  if (options.base !== undefined || options.baseRef !== undefined) {
    const base =
      options.base !== undefined ? await loadConfig(options.base) : await loadAtRef(configPath, options.baseRef!);
    const baseReport: Report | null = base === undefined ? null : await evaluate(base, { asOf });
    diff = diffReports(
      baseReport,
      headReport,
      base === undefined
        ? {}
        : {
            attribution: {
              base: { usageFile: base.usageFile, asOf, promptFiles: base.promptFiles },
              head: { usageFile: head.usageFile, asOf, promptFiles: head.promptFiles },
            },
          },
    );
    // The base's policy gates the change (a change cannot loosen its own gate); a new usage file has only the head's.
    policy = evaluateGatingPolicy(diff);
  }
  const marker = options.format === 'markdown' ? await commentMarkerFor(configPath) : undefined;
  process.stdout.write(render(options.format, headReport, diff, policy, marker));
  if (options.format === 'text' && head.promptFiles.length > 0) {
    process.stdout.write(promptFilesText(head.promptFiles, head.usageFile));
  }
  if (policy !== undefined && !policy.passed) {
    process.stderr.write('tunewise: the change violates policy.failOn of the base usage file (exit 1)\n');
    throw new CliExit(EXIT_CODES.policyViolated);
  }
  return EXIT_CODES.ok;
}

/**
 * The hidden marker the GitHub Action puts on its comment for this usage file: its path from the repository root
 * (outside git, its file name), so the markdown is the comment the action posts.
 */
async function commentMarkerFor(configPath: string): Promise<string> {
  const root = await findRepoRoot(path.dirname(path.resolve(configPath)));
  return `tunewise:${toRepoPath(root, configPath)}`;
}

/**
 * Each counted prompt file with its tokens and how they were counted: exactly with the model's own tokenizer
 * (OpenAI's), or an estimate (Claude, Gemini, Llama and others), marked with `~` and its basis.
 */
export function promptFilesText(files: readonly PromptFileCount[], usageFile: UsageFile): string {
  const models = new Map(usageFile.workloads.map((workload) => [workload.id, workload.model]));
  const lines = files.map((file) => {
    const tokens = file.tokens.toLocaleString('en-US');
    const how =
      file.method === 'exact'
        ? `exact, ${file.encoding}`
        : `estimate: ${tokenizerFor(models.get(file.workload) ?? '').basis}`;
    return `  ${escapeTerminal(file.workload)} ${file.field} ${escapeTerminal(file.path)}: ${file.method === 'exact' ? '' : '~'}${tokens} tokens (${how})`;
  });
  const estimated = files.some((file) => file.method === 'estimate');
  return `\nPrompt files counted${estimated ? " (~ = an estimate: that model's tokenizer is not available here)" : ''}:\n${lines.join('\n')}\n`;
}

/** The usage file at a git ref, with its prompt files read from that ref; undefined when it did not exist there. */
async function loadAtRef(configPath: string, ref: string): Promise<LoadedUsageFile | undefined> {
  const repoRoot = await findRepoRoot(path.dirname(path.resolve(configPath)));
  const source = gitRefSource(repoRoot, ref);
  const repoPath = toRepoPath(repoRoot, configPath);
  const text = await source.readText(repoPath, { maxBytes: MAX_USAGE_FILE_BYTES });
  if (text === undefined) return undefined;
  return loadUsageFileText(text, { fileName: `${ref}:${repoPath}`, configPath: repoPath, source });
}

function render(
  format: CheckOptions['format'],
  report: Report,
  diff: ReportDiff | undefined,
  policy: PolicyVerdict | undefined,
  marker: string | undefined,
): string {
  switch (format) {
    case 'json':
      // With a base, the diff (which carries the head report in full) and the policy verdict.
      return renderJson(
        diff === undefined ? report : ({ ...diff, ...(policy === undefined ? {} : { policy }) } as ReportDiff),
      );
    case 'markdown':
      return renderMarkdown({
        report,
        ...(marker === undefined ? {} : { marker }),
        ...(diff === undefined ? {} : { diff }),
        ...(policy === undefined ? {} : { policy }),
      });
    default:
      return renderText(diff ?? report, {
        color: useColor(process.stdout),
        ...(policy === undefined ? {} : { policy }),
      });
  }
}
