import { type CatalogListing, catalogListing, defaultCatalog, didYouMean } from '@tunewise/core';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { today } from '../../api.js';
import { asOfOption } from '../shared/options.js';

interface CatalogOptions {
  provider?: string;
  fineTunable?: boolean;
  format: 'text' | 'json';
  asOf?: string;
}

const HELP_AFTER = `
Examples:
  $ tunewise catalog --fine-tunable                        # what a team new to fine-tuning can train on today
  $ tunewise catalog --provider fireworks --format json
  $ tunewise catalog --fine-tunable --as-of 2027-02-01     # after OpenAI's self-serve fine-tuning closes

Every price shows the day it was checked and whether its source is the provider's own page (primary) or a third
party (secondary). npm run catalog:check in the tunewise repository lists what is older than 90 days.
`;

/** `tunewise catalog`: what the shipped pricing catalog knows, filtered by provider and by what is open for fine-tuning. */
export function registerCatalogCommand(program: Command): void {
  program
    .command('catalog')
    .description('List the pricing catalog: models, fine-tuning, GPUs, with each price’s source and checked date')
    .addOption(
      new Option('--provider <provider>', 'only this provider (e.g. together, fireworks, runpod)').argParser(
        knownProvider,
      ),
    )
    .option('--fine-tunable', 'only models a team new to fine-tuning can start training on at --as-of')
    .addOption(
      new Option('-f, --format <format>', 'output: a terminal table or JSON').choices(['text', 'json']).default('text'),
    )
    .addOption(asOfOption())
    .addHelpText('after', HELP_AFTER)
    .action((options: CatalogOptions) => {
      const listing = catalogListing(defaultCatalog, {
        asOf: options.asOf ?? today(),
        ...(options.provider === undefined ? {} : { provider: options.provider }),
        fineTunable: options.fineTunable === true,
      });
      process.stdout.write(
        options.format === 'json' ? `${JSON.stringify(listing, null, 2)}\n` : renderCatalogText(listing),
      );
    });
}

function knownProvider(value: string): string {
  const providers = [
    ...new Set([...defaultCatalog.models, ...defaultCatalog.gpus].map((entry) => entry.provider)),
  ].sort();
  if (providers.includes(value)) return value;
  const [suggestion] = didYouMean(value, providers);
  throw new InvalidArgumentError(
    `unknown provider "${value}"${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`} Known: ${providers.join(', ')}`,
  );
}

const usd = (value: number) =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;

function fineTuningCell(fineTuning: CatalogListing['models'][number]['fineTuning']): string {
  if (fineTuning === undefined) return '-';
  const serving = fineTuning.serving?.join('+') ?? 'serving unconfirmed';
  const training =
    fineTuning.training === undefined ? 'training price unconfirmed' : `train ${usd(fineTuning.training)}`;
  const perToken =
    fineTuning.input === undefined || fineTuning.output === undefined
      ? ''
      : ` ${usd(fineTuning.input)}/${usd(fineTuning.output)}`;
  const until = fineTuning.availableUntil === undefined ? '' : ` until ${fineTuning.availableUntil}`;
  return `${serving}${perToken}, ${training}${until}`;
}

/** Two aligned tables (models, then GPUs); prices in USD per 1M tokens and per GPU-hour. */
export function renderCatalogText(listing: CatalogListing): string {
  const modelRows = listing.models.map((model) => [
    model.id,
    `${usd(model.input)} / ${model.cachedInput === undefined ? '-' : usd(model.cachedInput)} / ${usd(model.output)}`,
    fineTuningCell(model.fineTuning),
    [
      model.retiresOn === undefined ? '' : `retires ${model.retiresOn}`,
      model.successor === undefined ? '' : `→ ${model.successor}`,
    ]
      .filter(Boolean)
      .join(' ') || '-',
    `${model.checked} ${model.sourceKind}`,
  ]);
  const gpuRows = listing.gpus.map((gpu) => [
    gpu.id,
    `${usd(gpu.hourly)}/h`,
    `${gpu.checked} ${gpu.sourceKind}`,
    gpu.source,
  ]);
  const lines = [
    `tunewise catalog, as of ${listing.asOf} (prices in USD per 1M tokens: input / cached input / output)`,
    '',
  ];
  lines.push(
    ...table(['model', 'input / cached / output', 'fine-tuning', 'lifecycle', 'checked'], modelRows),
    '',
    ...table(['GPU', 'hourly', 'checked', 'source'], gpuRows),
  );
  return `${lines.join('\n')}\n`;
}

function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return [`${header[0]}: none`];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
