import type { CostAttribution, CostDriver, CostDriverPart } from '../diff/attribution.js';
import type { ReportDiff } from '../diff/diff.js';
import { escapeMarkdown, sanitizeTerminal } from '../format/escape.js';
import { formatSignedUsd } from '../format/index.js';

const DRIVER_LABELS: Record<CostDriver, string> = {
  volume: 'volume',
  tokens: 'prompt tokens',
  models: 'models and prices',
  quality: 'measured quality',
  assumptions: 'assumptions and effort',
  recommendation: 'switch of what runs',
};

const signedCount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, signDisplay: 'always' });

type Escape = (text: string) => string;

function partText(part: CostDriverPart, escapeUserText: Escape): string {
  const details: string[] = [];
  for (const file of part.promptFiles ?? []) {
    details.push(`${escapeUserText(file.path)} ${signedCount.format(file.delta)} tokens`);
  }
  if (part.switched !== undefined) details.push(`${part.switched.from} → ${part.switched.to}`);
  const suffix = details.length === 0 ? '' : ` (${details.join(', ')})`;
  return `${DRIVER_LABELS[part.driver]} ${formatSignedUsd(part.averageMonthly)}${suffix}`;
}

/**
 * One line of drivers for a workload, e.g. "volume +$2,100.00; prompt tokens +$180.00 (prompts/system.md +471
 * tokens)". Parts under half a cent are left out; undefined when nothing is left. `escapeUserText` is applied to the
 * file paths, the only text in it that came from the user.
 */
export function attributionText(
  attribution: CostAttribution,
  escapeUserText: Escape = (text) => text,
): string | undefined {
  const parts = attribution.parts.filter((part) => Math.round(Math.abs(part.averageMonthly) * 100) > 0);
  return parts.length === 0 ? undefined : parts.map((part) => partText(part, escapeUserText)).join('; ');
}

/** Each changed workload of the diff with an attribution worth a line, in diff order: its id and the line. */
function attributionEntries(
  diff: ReportDiff,
  escapeUserText: Escape,
): Array<{ id: string; name: string; text: string }> {
  return diff.workloads.flatMap((entry) => {
    const text = entry.attribution === undefined ? undefined : attributionText(entry.attribution, escapeUserText);
    return text === undefined ? [] : [{ id: entry.id, name: entry.head?.name ?? entry.id, text }];
  });
}

/** The "Why the bill moved" section of the comment: one escaped line per changed workload; '' when there is none. */
export function attributionMarkdown(diff: ReportDiff | undefined): string {
  if (diff === undefined) return '';
  const entries = attributionEntries(diff, escapeMarkdown);
  if (entries.length === 0) return '';
  const lines = entries.map((entry) => `- **${escapeMarkdown(entry.name)}**: ${entry.text}\n`);
  return `### Why the bill moved\n\n${lines.join('')}\n`;
}

/** The same lines for a terminal, each starting "why <id>:", with user text made safe for a terminal. */
export function attributionTextLines(diff: ReportDiff): string[] {
  return attributionEntries(diff, sanitizeTerminal).map((entry) => `why ${sanitizeTerminal(entry.id)}: ${entry.text}`);
}
