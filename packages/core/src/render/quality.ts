import type { ReportDiff } from '../diff/diff.js';
import { escapeMarkdown } from '../format/escape.js';
import { formatCount, formatQuantity, formatRate, formatShare, formatUsd, strategyLabel } from '../format/index.js';
import { STRATEGY_KEYS } from '../model/strategies.js';
import type { QualityAssessment, StrategyKey, WorkloadReport } from '../model/types.js';

/**
 * What the text and markdown reports say of a workload's measured quality (docs/cost-model.md#cost-of-failures), in
 * one place so both say the same; each renderer escapes the lines for its medium. Kept out of text.ts and
 * markdown.ts, which only call these.
 */

/** "86.2% passed (90% interval 83.4–88.5%, n = 500)". */
function passRatePhrase(assessment: QualityAssessment, key: StrategyKey): string | undefined {
  const rate = assessment.passRates[key];
  if (rate === undefined) return undefined;
  return `${formatRate(rate.rate)} passed (90% interval ${formatRate(rate.low)}–${formatRate(rate.high)}, n = ${formatCount(rate.total)})`;
}

/** The failure line of one strategy: its monthly cost at month 1 and the rate it is priced at. */
function failurePhrase(workload: WorkloadReport, key: StrategyKey): string | undefined {
  const strategy = workload.strategies[key];
  if (strategy.failureRate === undefined || strategy.failureMonthly === undefined) return undefined;
  const priced = workload.quality?.passRates[key];
  const own = priced !== undefined && Math.abs(1 - priced.rate - strategy.failureRate) < 1e-9;
  const promptRate = workload.strategies.prompt.failureRate;
  const borrowed = own ? '' : strategy.failureRate === promptRate ? ' (the prompt’s rate' : ' (the fine-tune’s rate';
  return (
    `failures ${formatUsd(strategy.failureMonthly[0] ?? 0)} in month 1 at ${formatRate(strategy.failureRate)}` +
    (own ? '' : `${borrowed}: not yet told apart from it)`)
  );
}

/** The quality section as plain sentences, one per line; empty without a `quality` block. */
export function qualityLines(workload: WorkloadReport): string[] {
  const assessment = workload.quality;
  if (assessment === undefined) return [];
  const about = [assessment.metric, `${formatUsd(assessment.failureCostUsd)} per failure`].filter(Boolean).join('; ');
  const lines = [`Measured quality (${about}):`];
  for (const key of STRATEGY_KEYS) {
    const rate = passRatePhrase(assessment, key);
    const failures = failurePhrase(workload, key);
    if (rate === undefined) {
      lines.push(
        `${strategyLabel(key)}: not measured; its cost has no failure line, so comparisons with it are partial`,
      );
    } else {
      lines.push(`${strategyLabel(key)}: ${rate}${failures === undefined ? '' : `; ${failures}`}`);
    }
  }
  lines.push(...comparisonLines(assessment));
  if (assessment.pricedFailureRates.prompt === undefined) {
    lines.push(
      'Failures are not priced: prompt and fine-tune must both be measured before their costs can include them.',
    );
  }
  return lines;
}

/**
 * One line per comparison with prompt, in the assessment's order; strategies told apart from prompt in the same
 * direction with the same probability share one line ("fine-tune and hybrid against prompt: distinguishable (each
 * passes more often than prompt with probability 100%)").
 */
function comparisonLines(assessment: QualityAssessment): string[] {
  const entries: Array<{ group?: string; labels: string[]; line: (labels: string[]) => string }> = [];
  for (const comparison of assessment.comparisons) {
    const label = strategyLabel(comparison.strategy);
    const higher = comparison.probabilityAHigher >= 0.5;
    const probability = formatShare(higher ? comparison.probabilityAHigher : 1 - comparison.probabilityAHigher);
    const who = (labels: string[]) => {
      const names = labels.length === 1 ? label : higher ? 'each' : 'either';
      return higher ? `${names} passes more often than prompt` : `prompt passes more often than ${names}`;
    };
    if (comparison.distinguishable) {
      const group = `${higher}:${probability}`;
      const same = entries.find((entry) => entry.group === group);
      if (same !== undefined) {
        same.labels.push(label);
        continue;
      }
      entries.push({
        group,
        labels: [label],
        line: (labels) =>
          `${labels.join(' and ')} against prompt: distinguishable (${who(labels)} with probability ${probability})`,
      });
      continue;
    }
    const more = comparison.moreCases === undefined ? 0 : Math.max(comparison.moreCases.a, comparison.moreCases.b);
    const advice =
      comparison.casesPerStrategy === undefined
        ? 'the same pass rate, so no sample size tells them apart'
        : more > 0
          ? `label about ${formatQuantity(more, 'more case')} per strategy (${formatCount(comparison.casesPerStrategy)} each)`
          : 're-run on more cases';
    entries.push({
      labels: [label],
      line: (labels) =>
        `${label} against prompt: not yet distinguishable (${who(labels)} with probability ${probability}): ${advice}`,
    });
  }
  return entries.map((entry) => entry.line(entry.labels));
}

/** The markdown of the quality section: a table of pass rates and failure costs, then the comparisons. */
export function qualityMarkdown(workload: WorkloadReport): string {
  const assessment = workload.quality;
  if (assessment === undefined) return '';
  const lines = qualityLines(workload);
  const rows = STRATEGY_KEYS.map((key) => {
    const rate = assessment.passRates[key];
    const strategy = workload.strategies[key];
    const failures =
      strategy.failureMonthly === undefined
        ? 'not counted'
        : formatUsd(strategy.averageMonthly - (strategy.averageMonthlyWithoutFailures ?? 0));
    const without = formatUsd(strategy.averageMonthlyWithoutFailures ?? strategy.averageMonthly);
    if (rate === undefined) return `| ${strategyLabel(key)} | not measured | | | ${failures} | ${without} |`;
    return (
      `| ${strategyLabel(key)} | ${formatRate(rate.rate)} | ${formatRate(rate.low)}–${formatRate(rate.high)} | ` +
      `${formatCount(rate.total)} | ${failures} | ${without} |`
    );
  });
  const notes = lines.slice(1 + STRATEGY_KEYS.length).map((line) => `- ${escapeMarkdown(line)}`);
  return (
    `**${escapeMarkdown(lines[0]!)}**\n\n` +
    '| Strategy | Pass rate | 90% interval | n | Failures / month (avg) | Avg / month without failures |\n' +
    '|---|--:|--:|--:|--:|--:|\n' +
    `${rows.join('\n')}\n\n${notes.length > 0 ? `${notes.join('\n')}\n\n` : ''}`
  );
}

/** The markdown of the pass-rate changes of a pull request, or nothing when no eval result changed. */
export function passRateChangeMarkdown(diff: ReportDiff | undefined): string {
  const lines = diff === undefined ? [] : passRateChangeLines(diff);
  if (lines.length === 0) return '';
  return `### Measured pass rates\n\n${lines.map((line) => `- ${escapeMarkdown(line)}`).join('\n')}\n\n`;
}

/**
 * Pass rates that moved between base and head, one line each: "support-triage fine-tune: 94.4% → 92.0% (-2.4 points)".
 * Empty when no eval result changed.
 */
export function passRateChangeLines(diff: ReportDiff): string[] {
  if (diff.base === null) return [];
  const baseById = new Map(diff.base.workloads.map((workload) => [workload.id, workload]));
  const lines: string[] = [];
  for (const head of diff.head.workloads) {
    const base = baseById.get(head.id);
    if (base === undefined) continue;
    for (const key of STRATEGY_KEYS) {
      const before = base.quality?.passRates[key];
      const after = head.quality?.passRates[key];
      if (before === undefined || after === undefined) continue;
      if (before.passed === after.passed && before.total === after.total) continue;
      const points = (after.rate - before.rate) * 100;
      const signed = `${points >= 0 ? '+' : '-'}${Math.abs(points).toFixed(1)} points`;
      lines.push(
        `${head.id} ${strategyLabel(key)}: pass rate ${formatRate(before.rate)} → ${formatRate(after.rate)} (${signed}; ${formatCount(before.passed)}/${formatCount(before.total)} → ${formatCount(after.passed)}/${formatCount(after.total)})`,
      );
    }
  }
  return lines;
}
