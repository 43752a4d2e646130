import { writeFile } from 'node:fs/promises';
import { USAGE_FILE_SCHEMA_ID, UsageFileError } from '@tunewise/core';
import type { Command } from 'commander';
import { today } from '../../api.js';
import { asOfOption } from '../shared/options.js';

interface InitOptions {
  config: string;
  force?: boolean;
  asOf?: string;
}

/**
 * The commented starter usage file `tunewise init` writes: one workload with every section shown,
 * each number a placeholder to replace with your own (or with `tunewise usage import --write`).
 * Inline comments take one space before `#`, as the `yaml` package writes them, so a later
 * `usage import --write` leaves them exactly as they are.
 */
export function starterUsageFile(options: { asOf: string }): string {
  return `# yaml-language-server: $schema=${USAGE_FILE_SCHEMA_ID}
# tunewise usage file, started by \`tunewise init\` on ${options.asOf}.
# One entry per LLM workload: what it costs to keep prompting, to fine-tune, or both.
# Replace every number with yours, then run \`tunewise check\`. Measure the volume and token
# numbers from real logs with \`tunewise usage import requests.jsonl --write llm-usage.yml\`.
# Format reference: \`tunewise schema\` prints the JSON Schema.
version: 1

assumptions:
  horizonMonths: 12 # every total and average is taken over this many months
  engineerHourlyRate: 100 # USD per engineering hour
  mlExpertise: some # none | some | dedicated: sets the default effort hours

# policy: # fail a pull request's check when a change costs too much
#   failOn:
#     monthlyCostIncreasePercent: 20

workloads:
  - id: support-triage # a unique slug
    name: Support ticket triage
    model: openai/gpt-5.6-luna # a catalog id (provider/model) or a key of \`models\`
    volume:
      requestsPerMonth: 50000 # or { low: 20000, expected: 50000, high: 150000 }
      monthlyGrowth: 0.05 # +5% a month
    prompt:
      instructionTokens: 1200 # static system prompt (cacheable)
      exampleTokens: 2400 # few-shot examples: what fine-tuning removes
      # instead of counting by hand: instructionFiles: [prompts/triage.md]
      inputTokens: 350 # variable input per request
      outputTokens: 200
      cacheHitRate: 0 # share of static tokens billed at the cached price (0..1)
    profile:
      stage: production # prototype | mvp | production
      domain: general # general | healthcare | legal | finance | other-specialized
      tasks: 1 # distinct tasks this model serves
      outputFormat: structured # free | structured
      changeCadence: monthly # weekly | monthly | quarterly | rarely
    fineTune:
      # what to fine-tune (default: the workload's model). OpenAI takes no fine-tuning jobs from teams new to it
      # since 2026-05-07 (\`tunewise catalog --fine-tunable\` lists what is open), so the starter distils into a LoRA
      # on an open 8B model; Fireworks serves a tuned model only on a dedicated GPU deployment
      model: fireworks/accounts/fireworks/models/llama-v3p1-8b-instruct
      epochs: 3
    trainingData:
      examples: 800 # labelled examples you could train on
      quality: high # low | medium | high
`;
}

const HELP_AFTER = `
Examples:
  $ tunewise init                          # writes ./llm-usage.yml
  $ tunewise init --config ops/llm-usage.yml --force
`;

/** `tunewise init`: writes a commented starter usage file, refusing to overwrite one without --force. */
export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('Write a commented starter llm-usage.yml')
    .option('-c, --config <path>', 'where to write it', 'llm-usage.yml')
    .option('--force', 'overwrite an existing file')
    .addOption(
      Object.assign(asOfOption(), { description: "day named in the starter's header comment (default: today, UTC)" }),
    )
    .addHelpText('after', HELP_AFTER)
    .action(async (options: InitOptions) => {
      const text = starterUsageFile({ asOf: options.asOf ?? today() });
      try {
        // "wx" fails when the file exists, so two runs cannot race past a separate existence check.
        await writeFile(options.config, text, { flag: options.force ? 'w' : 'wx' });
      } catch (error) {
        const code = (error as { code?: string }).code;
        const message =
          code === 'EEXIST'
            ? 'already exists; not overwritten (pass --force to replace it)'
            : `cannot write the usage file (${code ?? String(error)})`;
        throw new UsageFileError([{ file: options.config, line: 0, column: 0, path: '', message }], { cause: error });
      }
      process.stdout.write(`Wrote ${options.config}. Replace the placeholder numbers, then run \`tunewise check\`.\n`);
    });
}
