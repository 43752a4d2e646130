import type { ReportDiff, WorkloadDiff } from '../diff/diff.js';
import type { PolicyVerdict } from '../diff/policy.js';
import { escapeMarkdown } from '../format/escape.js';
import {
  formatCompactCount,
  formatCount,
  formatGrowth,
  formatMs,
  formatPlainInteger,
  formatQuantity,
  formatShare,
  formatSignedPercent,
  formatSignedUsd,
  formatStalePrices,
  formatUsd,
  strategyLabel,
} from '../format/index.js';
import { recommendedStrategyKey, STRATEGY_KEYS, strategyKey } from '../model/strategies.js';
import type { Report, StrategyCost, StrategyKey, WorkloadReport } from '../model/types.js';
import { attributionMarkdown } from './attribution.js';
import { blockedStrategies, type ShownFactor, sensitivityLines, shownFactors } from './explanation.js';
import { passRateChangeMarkdown, qualityMarkdown } from './quality.js';

/** What {@link renderMarkdown} turns into a comment: the report, and optionally its diff, policy verdict and a comment marker. */
export interface MarkdownInput {
  report: Report;
  /** The base → head diff; its head should be `report`. Without it the comment describes the report alone. */
  diff?: ReportDiff;
  policy?: PolicyVerdict;
  /**
   * Hidden markers, one `<!-- … -->` line each at the top, for finding the sticky comment again: the text inside
   * ("tunewise:llm-usage.yml") or a whole `<!-- … -->` comment. They count towards `maxLength`.
   */
  marker?: string | readonly string[];
  /** A warning shown above the summary (e.g. that the base could not be read), within `maxLength`. */
  warning?: string;
}

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Longest body allowed, in characters (GitHub rejects comments over 65,536). Default 65,000. */
  maxLength?: number;
}

/** Default `maxLength` of {@link renderMarkdown}: 65,000 characters, under GitHub's 65,536-character comment limit. */
export const DEFAULT_MARKDOWN_MAX_LENGTH = 65000;

/**
 * A GitHub pull-request comment (or job summary) for a report, optionally with its diff and policy verdict.
 *
 * When the body would exceed `maxLength`, it is trimmed in this order, from the last workload up, until it
 * fits: the factors, "what would change" and next steps of a workload; then its chart; then its whole details
 * block; then rows of the summary table. A note at the top says what was left out.
 *
 * @example
 * ```ts
 * import { diffReports, evaluatePolicy, renderMarkdown } from '@tunewise/core';
 *
 * const diff = diffReports(baseReport, headReport);
 * const body = renderMarkdown({
 *   report: headReport,
 *   diff,
 *   policy: evaluatePolicy(diff, headFile.policy),
 *   marker: 'tunewise:llm-usage.yml',
 * });
 * ```
 */
export function renderMarkdown(input: MarkdownInput, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MARKDOWN_MAX_LENGTH;
  const { report, diff, policy } = input;

  const markers = input.marker === undefined ? [] : typeof input.marker === 'string' ? [input.marker] : input.marker;
  const warning = input.warning === undefined ? '' : `> [!WARNING]\n> ${escapeMarkdown(input.warning)}\n\n`;
  const top = [
    ...markers.filter((marker) => marker !== '').map((marker) => `${commentMarker(marker)}\n`),
    warning,
    '## tunewise: prompt or fine-tune?\n\n',
    `${headline(report, diff)}\n\n`,
  ].join('');
  // A first report has nothing to compare with, so it gets the plain table.
  const comparing = diff !== undefined && !diff.isFirstReport ? diff : undefined;
  const summaryHeader = summaryTableHeader(comparing !== undefined);
  const summaryRows = summaryRowsOf(report, comparing);
  const policyBlock =
    unchangedLine(comparing) +
    attributionMarkdown(comparing) +
    passRateChangeMarkdown(comparing) +
    (policy ? policySection(policy) : '');
  const detailsHeader = '### Details\n\n';
  const footer = footerOf(report);
  // Workloads this change touches come first, so trimming (which starts from the end) spares them longest.
  const variants = orderedWorkloads(report, comparing).map((workload) => detailsVariants(workload, report));

  const levels = variants.map(() => 0);
  const rowsLength = summaryRows.reduce((sum, row) => sum + row.length, 0);
  let length =
    top.length +
    summaryHeader.length +
    rowsLength +
    1 + // blank line after the table
    policyBlock.length +
    detailsHeader.length +
    footer.length +
    variants.reduce((sum, variant) => sum + variant[0]!.length, 0);

  // How many workloads are at each trim level or deeper, to size the note exactly.
  const atLeast = [variants.length, 0, 0, 0];
  let keptRows = summaryRows.length;
  const overflow = () => {
    const rowsLeftOut = summaryRows.length - keptRows;
    const trimming = atLeast[1]! > 0 || rowsLeftOut > 0;
    const note = trimming ? trimNote(atLeast, rowsLeftOut).length : 0;
    const more = rowsLeftOut > 0 ? moreRow(rowsLeftOut).length : 0;
    return length + note + more > maxLength;
  };
  for (let level = 1; level <= 3 && overflow(); level += 1) {
    for (let index = variants.length - 1; index >= 0 && overflow(); index -= 1) {
      const variant = variants[index]!;
      length -= variant[level - 1]!.length - variant[level]!.length;
      levels[index] = level;
      atLeast[level]! += 1;
    }
  }
  while (overflow() && keptRows > 0) {
    keptRows -= 1;
    length -= summaryRows[keptRows]!.length;
  }

  const trimmed = levels.some((level) => level > 0) || keptRows < summaryRows.length;
  const parts = [top];
  if (trimmed) {
    const counts = [0, 1, 2, 3].map((level) => levels.filter((value) => value >= level).length);
    parts.push(trimNote(counts, summaryRows.length - keptRows));
  }
  parts.push(summaryHeader, ...summaryRows.slice(0, keptRows));
  if (keptRows < summaryRows.length) parts.push(moreRow(summaryRows.length - keptRows));
  parts.push('\n', policyBlock);
  if (levels.some((level) => level < 3)) parts.push(detailsHeader);
  variants.forEach((variant, index) => {
    parts.push(variant[levels[index]!]!);
  });
  parts.push(footer);
  const body = parts.join('');
  if (body.length <= maxLength) return body;
  // Only reachable with a very small maxLength: cut hard rather than break the limit.
  const suffix = '\n\n_(cut to fit the length limit)_\n';
  return body.slice(0, Math.max(0, maxLength - suffix.length)) + suffix;
}

/**
 * A hidden `<!-- text -->` marker, as {@link renderMarkdown} writes it: text that is already a whole comment is
 * unwrapped first. "--" and ">" could close the comment early and expose the rest, so a zero-width space goes
 * between dashes and ">" becomes "&gt;": nothing is dropped, so two different texts never share a marker.
 */
export function commentMarker(text: string): string {
  const trimmed = text.trim();
  const inner = trimmed.startsWith('<!--') && trimmed.endsWith('-->') ? trimmed.slice(4, -3).trim() : trimmed;
  return `<!-- ${inner.replace(/-(?=-)/g, '-\u200b').replaceAll('>', '&gt;')} -->`;
}

function headline(report: Report, diff: ReportDiff | undefined): string {
  const count = report.workloads.length;
  const workloads = `${formatCount(count)} workload${count === 1 ? '' : 's'}`;
  const bill = report.totals.bill.averageMonthly;
  const followed = report.totals.recommended.averageMonthly;
  const ifFollowed =
    Math.round((bill - followed) * 100) > 0 ? `; following every recommendation: ${formatUsd(followed)} a month` : '';
  const saving = savingSentences(report) + countedNote(report);
  if (diff === undefined || diff.isFirstReport) {
    const first = diff === undefined ? '' : 'First report for this usage file (no base to compare with). ';
    return `${first}What runs today (${workloads}) costs **${formatUsd(bill)} a month**${ifFollowed}.${saving}`;
  }
  const total = diff.totals.bill;
  const cents = Math.round(total.delta * 100);
  const change =
    cents === 0
      ? `**This change leaves the monthly bill at ${formatUsd(total.head)}**`
      : `**This change ${cents > 0 ? 'raises' : 'lowers'} the monthly bill by ${formatUsd(Math.abs(total.delta))} (${formatSignedPercent(total.percent)})**: ${formatUsd(total.base)} → ${formatUsd(total.head)}`;
  return `${change}${ifFollowed}.${saving}`;
}

/** Workloads with no feasible strategy, which the totals count at their prompt cost ("" when there are none). */
function countedNote(report: Report): string {
  const counted = report.totals.countedAtPromptCost ?? [];
  if (counted.length === 0) return '';
  const one = counted.length === 1;
  return ` ${counted.map(escapeMarkdown).join(', ')} ${one ? 'has' : 'have'} no feasible strategy and ${one ? 'is' : 'are'} counted at ${one ? 'its' : 'their'} prompt cost.`;
}

/** "Switching X to fine-tune would save $Y a month." for each workload with a saving, largest first. */
function savingSentences(report: Report): string {
  const sentences = report.workloads
    .filter((workload) => workload.opportunity !== undefined)
    .sort((left, right) => right.opportunity!.averageMonthly - left.opportunity!.averageMonthly)
    .map(
      (workload) =>
        `Switching ${escapeMarkdown(workload.id)} to ${workload.opportunity!.switchTo} would save **${formatUsd(workload.opportunity!.averageMonthly)} a month**.`,
    );
  return sentences.length === 0 ? '' : `\n\n${sentences.join(' ')}`;
}

function workloadLabel(id: string, name: string): string {
  return name !== '' && name !== id ? `${escapeMarkdown(name)} (${escapeMarkdown(id)})` : escapeMarkdown(id);
}

function summaryTableHeader(withDiff: boolean): string {
  return withDiff
    ? '| Workload | Runs | Bill / month (base → head) | Change | Recommended |\n|---|---|--:|--:|---|\n'
    : '| Workload | Runs | Bill / month | Recommended |\n|---|---|--:|---|\n';
}

const KIND_ORDER: Record<WorkloadDiff['kind'], number> = { changed: 0, added: 1, removed: 2, unchanged: 3 };

function orderedEntries(diff: ReportDiff): WorkloadDiff[] {
  return [...diff.workloads].sort((left, right) => KIND_ORDER[left.kind] - KIND_ORDER[right.kind]);
}

/** Workloads whose details the comment shows: all of a report; of a diff, those the change touches, changed first. */
function orderedWorkloads(report: Report, diff: ReportDiff | undefined): WorkloadReport[] {
  if (diff === undefined) return report.workloads;
  const rank = new Map(
    orderedEntries(diff)
      .filter((entry) => entry.kind !== 'unchanged')
      .map((entry, index) => [entry.id, index]),
  );
  return report.workloads
    .filter((workload) => rank.has(workload.id))
    .sort(
      (left, right) => (rank.get(left.id) ?? Number.MAX_SAFE_INTEGER) - (rank.get(right.id) ?? Number.MAX_SAFE_INTEGER),
    );
}

function summaryRowsOf(report: Report, diff: ReportDiff | undefined): string[] {
  if (report.workloads.length === 0 && (diff === undefined || diff.workloads.length === 0)) {
    return [diff === undefined ? '| _no workloads_ | | | |\n' : '| _no workloads_ | | | | |\n'];
  }
  if (diff === undefined) {
    return report.workloads.map(
      (workload) =>
        `| ${workloadLabel(workload.id, workload.name)} | ${workload.current} | ${formatUsd(workload.bill.averageMonthly)} | ${recommendationCell(workload)} |\n`,
    );
  }
  const headById = new Map(report.workloads.map((workload) => [workload.id, workload]));
  const touched = orderedEntries(diff).filter((entry) => entry.kind !== 'unchanged');
  const rows = touched.map((entry) => diffRow(entry, headById.get(entry.id)));
  if (rows.length === 0) rows.push('| _no workload changed_ | | | | |\n');
  return rows;
}

/** One line under the summary table for the workloads the change leaves alone. */
function unchangedLine(diff: ReportDiff | undefined): string {
  if (diff === undefined || diff.unchanged.length === 0) return '';
  const names = diff.unchanged.map((id) => escapeMarkdown(id)).join(', ');
  return `Unchanged: ${names}.\n\n`;
}

/** "**fine-tune** (70% confidence)"; the saving is said once, in the sentences above the table. */
function recommendationCell(workload: WorkloadReport, baseConfidence?: number): string {
  if (workload.recommendation === 'none') return '**none** (no feasible strategy)';
  const confidence =
    baseConfidence !== undefined && Math.round(baseConfidence * 100) !== Math.round(workload.confidence * 100)
      ? `confidence ${formatShare(baseConfidence)} → **${formatShare(workload.confidence)}**`
      : `${formatShare(workload.confidence)} confidence`;
  return `**${workload.recommendation}** (${confidence})`;
}

function diffRow(entry: WorkloadDiff, workload: WorkloadReport | undefined): string {
  const side = entry.head ?? entry.base!;
  const label = workloadLabel(entry.id, side.name);
  const bill = entry.bill;
  if (entry.kind === 'removed') {
    return `| ~~${label}~~ (removed) | ${entry.base!.current} | ${formatUsd(bill.base)} → removed | ${formatSignedUsd(bill.delta)} | |\n`;
  }
  const recommendation = workload ? recommendationCell(workload, entry.base?.confidence) : `**${side.recommendation}**`;
  const recommendationText = entry.recommendationChanged
    ? `${entry.base!.recommendation} → ${recommendation}`
    : recommendation;
  const runs =
    entry.base !== null && entry.base.current !== side.current
      ? `${entry.base.current} → ${side.current}`
      : side.current;
  if (entry.kind === 'added') {
    return `| ${label} (new) | ${runs} | ${formatUsd(bill.head)} | ${formatSignedUsd(bill.delta)} | ${recommendationText} |\n`;
  }
  const change =
    Math.round(bill.delta * 100) === 0
      ? 'no change'
      : `${formatSignedUsd(bill.delta)} (${formatSignedPercent(bill.percent)})`;
  return `| ${label} | ${runs} | ${formatUsd(bill.base)} → ${formatUsd(bill.head)} | ${change} | ${recommendationText} |\n`;
}

function policySection(verdict: PolicyVerdict): string {
  const icon = verdict.passed ? '✅' : '❌';
  const items = verdict.violations.map((violation) => {
    const mark = violation.isNew ? '❌' : '⚠️';
    const already = violation.isNew ? '' : ' (already on the base, does not fail)';
    return `- ${mark} ${violation.rule}${already}: ${escapeMarkdown(violation.message)}\n`;
  });
  return `### Policy\n\n${icon} **${escapeMarkdown(verdict.message)}**\n\n${items.join('')}${items.length > 0 ? '\n' : ''}`;
}

/** [full, without factors/what-would-change/next steps, also without chart, dropped]. */
function detailsVariants(workload: WorkloadReport, report: Report): string[] {
  const open = `<details>\n<summary><b>${workloadLabel(workload.id, workload.name)}</b>: ${detailsSummary(workload)}</summary>\n\n`;
  const factors = shownFactors(workload);
  const payback = paybackLine(workload, factors);
  const core = `${inputsLine(workload)}\n\n${strategyTable(workload, report.horizonMonths)}\n\n${payback === '' ? '' : `${payback}\n\n`}${qualityMarkdown(workload)}`;
  const extras = extrasOf(workload, factors);
  const chart = chartOf(workload);
  const close = '</details>\n\n';
  return [open + core + extras + chart + close, open + core + chart + close, open + core + close, ''];
}

/** What the summary line of a workload's details says: what runs, and the recommendation when it differs. */
function detailsSummary(workload: WorkloadReport): string {
  if (workload.recommendation === 'none') return `${workload.current}; no feasible strategy`;
  if (workload.recommendation === workload.current) return `keep ${workload.current}`;
  return `${workload.current} → ${workload.recommendation}`;
}

function inputsLine(workload: WorkloadReport): string {
  const inputs = workload.inputs;
  const growth = inputs.monthlyGrowth === 0 ? '' : `, ${formatGrowth(inputs.monthlyGrowth)}`;
  const cached = inputs.cacheHitRate === 0 ? '' : `, ${formatShare(inputs.cacheHitRate)} cached`;
  return (
    `${escapeMarkdown(workload.model)}, ${formatCount(inputs.requestsPerMonth)} requests/month${growth}; ` +
    `tokens: ${formatCount(inputs.instructionTokens)} instruction + ${formatCount(inputs.exampleTokens)} example + ` +
    `${formatCount(inputs.inputTokens)} input → ${formatCount(inputs.outputTokens)} output${cached}. ` +
    `Fine-tune: ${escapeMarkdown(inputs.fineTuneModel)} (${inputs.hosting}, retrained every ${formatQuantity(inputs.retrainEveryMonths, 'month')}).`
  );
}

function perRequestCell(cost: StrategyCost): string {
  if (cost.priced === false) return 'n/a';
  if (cost.replicas !== undefined && cost.replicas.length > 0) {
    const low = Math.min(...cost.replicas);
    const high = Math.max(...cost.replicas);
    return `GPU hours (${low === high ? low : `${low}–${high}`} replica${high === 1 ? '' : 's'})`;
  }
  return formatUsd(cost.perRequest);
}

function money(cost: StrategyCost, amount: number): string {
  return cost.priced === false ? 'n/a' : formatUsd(amount);
}

/**
 * A model id short enough for a table cell: the part after the provider (and any organisation), at most 28
 * characters. The inputs line above the table names each model in full.
 */
function shortModelName(id: string): string {
  const name = id.slice(id.lastIndexOf('/') + 1) || id;
  return name.length > 28 ? `${name.slice(0, 27)}…` : name;
}

function strategyTable(workload: WorkloadReport, horizonMonths: number): string {
  const recommended = recommendedStrategyKey(workload.recommendation);
  const current = strategyKey(workload.current);
  // A blocked strategy with no price has nothing to show but "n/a": the blockers line under the table names it.
  const shown = STRATEGY_KEYS.filter(
    (key) => workload.strategies[key].feasible || workload.strategies[key].priced !== false,
  );
  const rows = shown.map((key) => {
    const cost = workload.strategies[key];
    const marks = [key === current ? 'runs' : '', cost.feasible ? '' : 'blocked'].filter((mark) => mark !== '');
    const label = key === recommended ? `**${strategyLabel(key)}** ✓` : strategyLabel(key);
    const name = marks.length === 0 ? label : `${label} (${marks.join(', ')})`;
    return (
      `| ${name} | ${escapeMarkdown(shortModelName(cost.model))} | ${perRequestCell(cost)} | ${money(cost, cost.upfront)} | ` +
      `${money(cost, cost.averageMonthly)} | ${money(cost, cost.total)} | ${cost.priced === false ? 'n/a' : formatMs(cost.latencyMs)} |`
    );
  });
  const table = [
    `| Strategy | Model | Per request | Upfront | Avg / month | Total (${horizonMonths} mo) | Latency |`,
    '|---|---|--:|--:|--:|--:|--:|',
    ...rows,
  ].join('\n');
  return table + blockersLine(workload);
}

/** Blockers under the table, each message once with the strategies it blocks ("" when nothing is blocked). */
function blockersLine(workload: WorkloadReport): string {
  const blocked = blockedStrategies(workload);
  if (blocked.length === 0) return '';
  // evaluate appends the live alternatives to a blocker another model lifts; "what would change" lists them with
  // their prices, so the comment says them once, there.
  const namesAlternatives = workload.whatWouldChange.some(
    (sentence) =>
      sentence.startsWith('Setting fineTune.model') || sentence.startsWith('A live path would lift the blocker'),
  );
  const shown = (message: string) =>
    namesAlternatives ? message.replace(/; live fine-tunable alternatives: .*$/, '') : message;
  const strategies = ({ keys }: { keys: StrategyKey[] }) => keys.map(strategyLabel).join(' and ');
  // Blockers of the same strategies (the usual case: fine-tune and hybrid) name them once.
  const same = blocked.every((entry) => strategies(entry) === strategies(blocked[0]!));
  if (same) {
    return `\n\nBlocked (${strategies(blocked[0]!)}): ${blocked.map(({ message }) => escapeMarkdown(shown(message))).join('; ')}.`;
  }
  const parts = blocked.map((entry) => `${strategies(entry)}: ${escapeMarkdown(shown(entry.message))}`);
  return `\n\nBlocked: ${parts.join('; ')}.`;
}

/**
 * The payback month and the uncertainty band under the strategy table, each only when the comment does not say it
 * elsewhere: the break-even volume is stated once, in "what would change the answer" (with the growth taken into
 * account), and the cost reason already says when fine-tuning pays back when it is among the reasons shown.
 */
function paybackLine(workload: WorkloadReport, factors: readonly ShownFactor[]): string {
  const { paybackMonth } = workload.breakEven;
  const fineTuneLive = workload.strategies.fineTune.feasible && workload.strategies.fineTune.priced !== false;
  const saidInReasons = factors
    .slice(0, COMMENT_FACTORS)
    .some((factor) => factor.reason.includes('paid back its set-up'));
  let line =
    paybackMonth === null || !fineTuneLive || saidInReasons
      ? ''
      : `Fine-tuning pays back its set-up in month ${paybackMonth}.`;
  const uncertainty = workload.uncertainty;
  if (uncertainty) {
    const ranges = STRATEGY_KEYS.map((key) => {
      const totals = uncertainty.totals[key];
      return `${strategyLabel(key)} ${formatUsd(totals.p10)}–${formatUsd(totals.p90)}`;
    }).join(', ');
    line += `${line === '' ? '' : ' '}Over ${formatCount(uncertainty.draws)} volume draws, fine-tuning is cheaper in ${formatShare(uncertainty.fineTuneCheaperProbability)}; p10–p90 totals: ${ranges}.`;
  }
  return line;
}

/**
 * A reason that restates a blocker already printed under the strategy table, cut to its first clause with a pointer
 * there, so the comment says the long message once; undefined when the reason says something else.
 */
function restatedBlocker(workload: WorkloadReport, reason: string): string | undefined {
  const said = reason.replace(/\.$/, '').toLowerCase();
  const colon = said.indexOf(':');
  if (colon < 0) return undefined;
  const restates = blockedStrategies(workload).some(({ message }) => message.toLowerCase().startsWith(said));
  return restates ? `${reason.slice(0, colon)} (see Blocked above).` : undefined;
}

/** The comment shows this many reasons and next steps per workload, strongest first; the JSON report has all. */
const COMMENT_FACTORS = 2;
const COMMENT_NEXT_STEPS = 1;

function extrasOf(workload: WorkloadReport, factors: readonly ShownFactor[]): string {
  const parts: string[] = [];
  if (factors.length > 0) {
    const rows = factors
      .slice(0, COMMENT_FACTORS)
      .map(
        (factor) =>
          `- ${escapeMarkdown(factor.favors)} ${factor.weight}: ${escapeMarkdown(restatedBlocker(workload, factor.reason) ?? factor.reason)}`,
      );
    const of = factors.length > COMMENT_FACTORS ? ` (${COMMENT_FACTORS} of ${factors.length})` : '';
    parts.push(`**Why**${of}\n\n${rows.join('\n')}\n\n`);
  }
  const sensitivity = sensitivityLines(workload);
  if (sensitivity.length > 0) {
    parts.push(`**Flips the answer**\n\n${sensitivity.map((line) => `- ${escapeMarkdown(line)}`).join('\n')}\n\n`);
  }
  if (workload.whatWouldChange.length > 0) {
    const items = workload.whatWouldChange.map((item) => `- ${escapeMarkdown(item)}`).join('\n');
    parts.push(`**What would change the answer**\n\n${items}\n\n`);
  }
  if (workload.nextSteps.length > 0) {
    const items = workload.nextSteps
      .slice(0, COMMENT_NEXT_STEPS)
      .map((item) => `- ${escapeMarkdown(item)}`)
      .join('\n');
    parts.push(`**Next steps**\n\n${items}\n\n`);
  }
  return parts.join('');
}

/**
 * Line colours of the chart, one per strategy whatever is drawn: the Okabe–Ito palette (blue, vermillion, bluish
 * green), which stays distinct under every common colour-vision deficiency and against a white or dark page.
 */
export const CHART_COLOURS: Readonly<Record<StrategyKey, { hex: string; name: string }>> = {
  prompt: { hex: '#0072B2', name: 'blue' },
  fineTune: { hex: '#D55E00', name: 'vermillion' },
  hybrid: { hex: '#009E73', name: 'green' },
};

function chartOf(workload: WorkloadReport): string {
  const curve = workload.chart;
  const drawn = STRATEGY_KEYS.filter((key) => curve.series[key] !== null);
  // One line compares nothing: the strategy table already gives its cost.
  if (drawn.length < 2 || curve.volumes.length < 2) return '';
  const step = curve.volumes[1]! - curve.volumes[0]!;
  const labels = curve.volumes.map((volume) => `"${formatCompactCount(volume)}"`);
  const top = Math.max(...drawn.flatMap((key) => curve.series[key]!));
  // Thousands of USD above $10,000, so tick labels stay short enough not to run into the axis title at 400 px.
  const thousands = top >= 10_000;
  const unit = thousands ? 1000 : 1;
  const yMax = niceCeiling(top) / unit;
  // Plain digits, never "1e+21": mermaid cannot parse exponents.
  const plotted = (value: number) =>
    !thousands
      ? formatPlainInteger(value)
      : Math.abs(value) < 1e15
        ? String(Math.round(value / 100) / 10)
        : formatPlainInteger(value / 1000);
  // 480 × 300 rather than mermaid's 700 × 500: on a 400 px phone the chart shrinks less, so its labels stay legible.
  const init = {
    xyChart: { width: 480, height: 300 },
    themeVariables: { xyChart: { plotColorPalette: drawn.map((key) => CHART_COLOURS[key].hex).join(', ') } },
  };
  const lines = drawn.map((key) => `    line [${curve.series[key]!.map(plotted).join(', ')}]`);
  const chart = [
    '```mermaid',
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    `    x-axis "requests/month" [${labels.join(', ')}]`,
    `    y-axis "${thousands ? 'USD thousands' : 'USD'}" 0 --> ${formatPlainInteger(yMax)}`,
    ...lines,
    '```',
  ].join('\n');
  const legend = drawn.map((key) => `${strategyLabel(key)} ${CHART_COLOURS[key].name}`).join(', ');
  const omitted =
    curve.omitted.length > 0
      ? ` Not drawn: ${curve.omitted.map((entry) => `${strategyLabel(entry.strategy)} (${entry.reason})`).join('; ')}.`
      : '';
  return (
    `**Cost against flat volume**: ${legend}; steps of ${formatCompactCount(step)}.` + `${omitted}\n\n${chart}\n\n`
  );
}

/** The axis top: the next round number (1, 1.2, 1.5, 2, … 8 × a power of ten) at or above the highest point. */
function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((multiple) => multiple * magnitude >= value) ?? 10;
  return step * magnitude;
}

function moreRow(left: number): string {
  return `| … and ${formatCount(left)} more ${left === 1 ? 'workload' : 'workloads'} (see the JSON report) | | | |\n`;
}

/** `atLeast[level]`: how many workloads were trimmed to `level` or deeper. */
function trimNote(atLeast: number[], rowsLeftOut: number): string {
  const count = (level: number) => atLeast[level] ?? 0;
  const parts: string[] = [];
  if (count(1) > 0)
    parts.push(`the factors, what would change and next steps of ${formatQuantity(count(1), 'workload')}`);
  if (count(2) > 0) parts.push(`the charts of ${formatQuantity(count(2), 'workload')}`);
  if (count(3) > 0) parts.push(`the whole details of ${formatQuantity(count(3), 'workload')}`);
  if (rowsLeftOut > 0) parts.push(`${formatQuantity(rowsLeftOut, 'row')} of the summary table`);
  return `> [!NOTE]\n> Trimmed to fit GitHub's comment size limit: left out ${parts.join('; ')}. The JSON report (\`--format json\`) has everything.\n\n`;
}

function footerOf(report: Report): string {
  const hours = report.assumptions.effortHours;
  const stale = formatStalePrices(report.pricing.stale);
  return (
    (stale === undefined ? '' : `> ${escapeMarkdown(stale)}\n\n`) +
    '---\n' +
    `<sub>Assumptions: ${report.horizonMonths}-month horizon; engineering at ${formatUsd(report.assumptions.engineerHourlyRate)}/hour; ` +
    `ML expertise: ${escapeMarkdown(report.assumptions.mlExpertise)}; effort hours (setup/monthly): prompt ${hours.promptSetup}/${hours.promptMonthly}, ` +
    `fine-tune ${hours.fineTuneSetup}/${hours.fineTuneMonthly}, retrain ${hours.retrain}. ` +
    `Prices checked ${escapeMarkdown(report.pricing.checked)}; as of ${escapeMarkdown(report.asOf)}; ` +
    `${escapeMarkdown(report.tool.name)} ${escapeMarkdown(report.tool.version)}.</sub>\n`
  );
}
