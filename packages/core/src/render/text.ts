import type { ReportDiff, WorkloadDiff } from '../diff/diff.js';
import { isReportDiff } from '../diff/diff.js';
import type { PolicyVerdict } from '../diff/policy.js';
import { sanitizeTerminal } from '../format/escape.js';
import {
  formatCount,
  formatMs,
  formatShare,
  formatSignedPercent,
  formatSignedUsd,
  formatStalePrices,
  formatUsd,
  strategyLabel,
} from '../format/index.js';
import { recommendedStrategyKey, STRATEGY_KEYS } from '../model/strategies.js';
import type { Report, StrategyCost, WorkloadReport } from '../model/types.js';
import { attributionTextLines } from './attribution.js';
import { blockedStrategies, sensitivityLines, shownFactors } from './explanation.js';
import { passRateChangeLines, qualityLines } from './quality.js';

/** Options of {@link renderText}: colour, a policy verdict to print, and how many factors to show. */
export interface TextOptions {
  /** ANSI colour; the caller decides (a TTY and no NO_COLOR). Nothing else turns it on. */
  color: boolean;
  /** Policy verdict to print after the totals. */
  policy?: PolicyVerdict;
  /** At most this many factors per workload, strongest first; default: all of them, as the markdown shows. */
  topFactors?: number;
}

const ANSI = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 } as const;
type Style = keyof typeof ANSI;

/**
 * A report or a base → head diff as plain aligned text for a terminal.
 *
 * @example
 * ```ts
 * import { renderText } from '@tunewise/core';
 *
 * process.stdout.write(renderText(report, { color: process.stdout.isTTY && !process.env.NO_COLOR }));
 * ```
 */
export function renderText(input: Report | ReportDiff, options: TextOptions): string {
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const diff = isReportDiff(input) ? input : undefined;
  const report = diff ? diff.head : (input as Report);
  const changesById = new Map((diff?.workloads ?? []).map((entry) => [entry.id, entry]));
  const lines: string[] = [];

  lines.push(
    paint('bold', 'tunewise: prompt or fine-tune?'),
    paint(
      'dim',
      `as of ${report.asOf}; prices checked ${report.pricing.checked}; ${report.horizonMonths}-month horizon`,
    ),
  );
  const stale = formatStalePrices(report.pricing.stale);
  if (stale !== undefined) lines.push(paint('yellow', clean(stale)));
  lines.push('');
  if (diff) lines.push(diffHeadline(diff, paint), '');
  const why = diff === undefined || diff.isFirstReport ? [] : attributionTextLines(diff);
  if (why.length > 0) lines.push(...why.map(clean), '');
  const passRateChanges = diff === undefined ? [] : passRateChangeLines(diff);
  if (passRateChanges.length > 0)
    lines.push('Measured pass rates:', ...passRateChanges.map((line) => `  ${clean(line)}`), '');

  for (const workload of report.workloads) {
    lines.push(...workloadBlock(workload, report, changesById.get(workload.id), options, paint), '');
  }
  for (const entry of diff?.workloads ?? []) {
    if (entry.kind !== 'removed' || !entry.base) continue;
    lines.push(
      `${paint('red', 'removed')} ${paint('cyan', clean(entry.id))}: ran ${entry.base.current}, bill ${formatUsd(entry.base.bill)}/month`,
      '',
    );
  }

  lines.push(paint('bold', 'Totals'));
  const totals: string[][] = [
    ['', 'avg/month', `total (${report.horizonMonths} mo)`],
    ['bill (runs today)', formatUsd(report.totals.bill.averageMonthly), formatUsd(report.totals.bill.total)],
  ];
  for (const key of STRATEGY_KEYS) {
    totals.push([
      strategyLabel(key),
      formatUsd(report.totals[key].averageMonthly),
      formatUsd(report.totals[key].total),
    ]);
  }
  totals.push([
    'every recommendation',
    formatUsd(report.totals.recommended.averageMonthly),
    formatUsd(report.totals.recommended.total),
  ]);
  lines.push(...table(totals, [false, true, true]).map((line) => `  ${line}`));
  const counted = report.totals.countedAtPromptCost ?? [];
  if (counted.length > 0) {
    lines.push(`  recommended counts ${counted.map(clean).join(', ')} (no feasible strategy) at prompt cost`);
  }

  if (options.policy) {
    const verdict = options.policy;
    lines.push('', paint(verdict.passed ? 'green' : 'red', paint('bold', clean(verdict.message))));
    for (const violation of verdict.violations) {
      const mark = violation.isNew ? paint('red', 'new') : paint('yellow', 'already on base');
      lines.push(`  - [${mark}] ${violation.rule}: ${clean(violation.message)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

type Paint = (style: Style, text: string) => string;

function clean(text: string): string {
  return sanitizeTerminal(text);
}

function diffHeadline(diff: ReportDiff, paint: Paint): string {
  const total = diff.totals.bill;
  if (diff.isFirstReport) {
    return `First report (no base to compare with): the bill (what runs today) is ${formatUsd(total.head)}/month.`;
  }
  const cents = Math.round(total.delta * 100);
  const change =
    cents === 0
      ? 'unchanged'
      : paint(cents > 0 ? 'red' : 'green', `${formatSignedUsd(total.delta)} (${formatSignedPercent(total.percent)})`);
  return (
    `Monthly bill (what runs today): ${formatUsd(total.base)} → ${formatUsd(total.head)}, ${change}. ` +
    `Workloads: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed.`
  );
}

function workloadBlock(
  workload: WorkloadReport,
  report: Report,
  change: WorkloadDiff | undefined,
  options: TextOptions,
  paint: Paint,
): string[] {
  const lines: string[] = [];
  const title = workload.name !== workload.id ? `${clean(workload.name)} (${clean(workload.id)})` : clean(workload.id);
  lines.push(`${paint('bold', paint('cyan', title))}  ${paint('dim', `model ${clean(workload.model)}`)}`);

  let recommendation =
    workload.recommendation === 'none'
      ? `  Recommendation: ${paint('bold', 'none')} (no feasible strategy: see the blockers)`
      : `  Recommendation: ${paint('bold', workload.recommendation)} (confidence ${formatShare(workload.confidence)})`;
  if (change?.kind === 'added') recommendation += paint('yellow', '  [new]');
  if (change?.recommendationChanged && change.base)
    recommendation += paint('yellow', `  [was ${change.base.recommendation}]`);
  if (change?.base && Math.round(change.base.confidence * 100) !== Math.round(workload.confidence * 100))
    recommendation += paint('yellow', `  [confidence was ${formatShare(change.base.confidence)}]`);
  lines.push(recommendation);
  let bill = `  Runs today: ${workload.current}, bill ${formatUsd(workload.bill.averageMonthly)}/month`;
  if (change && change.kind === 'changed') {
    bill += ` (${formatSignedUsd(change.bill.delta)}, ${formatSignedPercent(change.bill.percent)})`;
  }
  if (workload.opportunity) {
    bill += `; switching to ${workload.opportunity.switchTo} would save ${formatUsd(workload.opportunity.averageMonthly)}/month`;
  }
  lines.push(bill);

  const recommended = recommendedStrategyKey(workload.recommendation);
  const rows: string[][] = [
    [
      'strategy',
      'model',
      'per request',
      'upfront',
      'avg/month',
      `total (${report.horizonMonths} mo)`,
      'latency',
      'feasible',
    ],
  ];
  for (const key of STRATEGY_KEYS) {
    const cost = workload.strategies[key];
    rows.push([
      `${key === recommended ? '*' : ' '} ${strategyLabel(key)}`,
      clean(cost.model),
      perRequestText(cost),
      moneyText(cost, cost.upfront),
      moneyText(cost, cost.averageMonthly),
      moneyText(cost, cost.total),
      latencyText(cost),
      cost.feasible ? 'yes' : 'no',
    ]);
  }
  const rendered = table(rows, [false, false, true, true, true, true, true, false]);
  rendered.forEach((line, index) => {
    const key = STRATEGY_KEYS[index - 1];
    let styled = line;
    if (index === 0) styled = paint('dim', line);
    else if (key === recommended) styled = paint('green', line);
    else if (key && !workload.strategies[key].feasible) styled = paint('red', line);
    lines.push(`  ${styled}`);
  });
  for (const blocker of blockerLines(workload)) lines.push(`  ${paint('red', 'blocked')} ${blocker}`);

  const { requestsPerMonth, paybackMonth } = workload.breakEven;
  lines.push(
    `  Break-even: ${requestsPerMonth === null ? 'none at any volume' : `${formatCount(requestsPerMonth)} requests/month`}; ` +
      `payback: ${paybackMonth === null ? 'not within the horizon' : `month ${paybackMonth}`}`,
  );
  if (workload.uncertainty) {
    lines.push(
      `  Fine-tuning cheaper in ${formatShare(workload.uncertainty.fineTuneCheaperProbability)} of ${formatCount(workload.uncertainty.draws)} volume draws`,
    );
  }

  const [qualityTitle, ...qualityDetails] = qualityLines(workload);
  if (qualityTitle !== undefined) {
    lines.push(`  ${clean(qualityTitle)}`, ...qualityDetails.map((line) => `    ${clean(line)}`));
  }

  const factors = shownFactors(workload);
  const shown = options.topFactors === undefined ? factors : factors.slice(0, options.topFactors);
  if (shown.length > 0) {
    lines.push('  Why:');
    for (const factor of shown) lines.push(`    ${factor.weight} ${factor.favors}: ${clean(factor.reason)}`);
  }
  const sensitivity = sensitivityLines(workload);
  if (sensitivity.length > 0) {
    lines.push('  Sensitivity:');
    for (const line of sensitivity) lines.push(`    - ${clean(line)}`);
  }
  if (workload.whatWouldChange.length > 0) {
    lines.push('  What would change the answer:');
    for (const item of workload.whatWouldChange) lines.push(`    - ${clean(item)}`);
  }
  if (workload.nextSteps.length > 0) {
    lines.push('  Next steps:');
    for (const item of workload.nextSteps) lines.push(`    - ${clean(item)}`);
  }
  return lines;
}

function perRequestText(cost: StrategyCost): string {
  if (cost.priced === false) return 'n/a';
  if (cost.replicas !== undefined && cost.replicas.length > 0) return `GPU (${Math.max(...cost.replicas)} repl.)`;
  return formatUsd(cost.perRequest);
}

/** Each blocker once, with every strategy it blocks: "fine-tune and hybrid: …". */
function blockerLines(workload: WorkloadReport): string[] {
  return blockedStrategies(workload).map(
    ({ message, keys }) => `${listOf(keys.map(strategyLabel))}: ${clean(message)}`,
  );
}

function listOf(items: string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** An unpriced strategy has no latency estimate worth showing. */
function latencyText(cost: StrategyCost): string {
  return cost.priced === false ? 'n/a' : formatMs(cost.latencyMs);
}

function moneyText(cost: StrategyCost, amount: number): string {
  return cost.priced === false ? 'n/a' : formatUsd(amount);
}

/** Columns padded to their widest cell; right-aligned where `rightAligned` says so. */
function table(rows: string[][], rightAligned: boolean[]): string[] {
  // A loop, not Math.max(...rows): spreading one argument per workload overflows the stack on a large file.
  const widths = rows[0]!.map((_, column) =>
    rows.reduce((widest, row) => Math.max(widest, [...(row[column] ?? '')].length), 0),
  );
  return rows.map((row) =>
    row
      .map((cell, column) => {
        const padding = ' '.repeat(widths[column]! - [...cell].length);
        return rightAligned[column] ? padding + cell : cell + padding;
      })
      .join('  ')
      .trimEnd(),
  );
}
