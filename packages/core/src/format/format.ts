import type { StrategyKey, StrategyName } from '../model/types.js';

/**
 * The one place numbers, money, percentages and strategy names become text (en-US, USD), for the
 * decision's reasons, the renderers and the policy messages. Every function says "unbounded" for
 * +Infinity and "n/a" for -Infinity and NaN, so a non-finite number never shows as "$0.00" or "∞".
 */

const plainInteger = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 0 });
const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const threeSignificant = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const fourSignificant = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/** What every formatter shows for a number that is not finite. */
export function formatNonFinite(value: number): string {
  return value === Number.POSITIVE_INFINITY ? 'unbounded' : 'n/a';
}

function isWholeCents(amount: number): boolean {
  return Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-9;
}

/**
 * USD to the cent, for tables: "$4,358.04" from $1 up (and for whole cents such as "$0.50"), four
 * significant digits below a dollar ("$0.009825"), "$0.00" for zero.
 */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) return formatNonFinite(amount);
  const sign = amount < 0 ? '-' : '';
  const absolute = Math.abs(amount);
  if (absolute >= 1 || isWholeCents(absolute)) return `${sign}$${twoDecimals.format(absolute)}`;
  return `${sign}$${fourSignificant.format(absolute)}`;
}

/**
 * USD for sentences: whole dollars from $100 up ("$2,413"), cents below ("$12.50", "$0.30"), three
 * significant digits for fractions of a cent so per-request prices stay readable ("$0.00983").
 */
export function formatUsdWhole(amount: number): string {
  if (!Number.isFinite(amount)) return formatNonFinite(amount);
  const sign = amount < 0 ? '-' : '';
  const absolute = Math.abs(amount);
  if (absolute >= 100) return `${sign}$${wholeNumber.format(Math.round(absolute))}`;
  if (absolute >= 1 || isWholeCents(absolute)) return `${sign}$${twoDecimals.format(absolute)}`;
  return `${sign}$${threeSignificant.format(absolute)}`;
}

/** A change in USD to the cent: "+$333.58", "-$12.00", "$0.00" for less than half a cent. */
export function formatSignedUsd(amount: number): string {
  if (!Number.isFinite(amount)) return formatNonFinite(amount);
  // Round the magnitude so -0.125 and +0.125 round alike.
  const rounded = (Math.sign(amount) * Math.round(Math.abs(amount) * 100)) / 100;
  if (rounded === 0) return '$0.00';
  return rounded > 0 ? `+${formatUsd(rounded)}` : formatUsd(rounded);
}

/** A count with thousands separators, rounded to a whole number ("400,000"). */
export function formatCount(count: number): string {
  if (!Number.isFinite(count)) return formatNonFinite(count);
  // `|| 0` turns -0 (Math.round(-0.3), or a break-even of -0) into 0: never print "-0".
  const rounded = Math.round(count) || 0;
  // The decision formats counts in every sensitivity probe: grouping digits by hand is many times faster than Intl,
  // and gives its en-US text for every safe integer (larger numbers go through Intl).
  if (Number.isSafeInteger(rounded)) return groupThousands(rounded);
  return wholeNumber.format(rounded);
}

function groupThousands(integer: number): string {
  const digits = String(Math.abs(integer));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let index = grouped.length; index < digits.length; index += 3) grouped += `,${digits.slice(index, index + 3)}`;
  return integer < 0 ? `-${grouped}` : grouped;
}

/**
 * A whole number in plain digits, no grouping and never an exponent (`String(1e21)` is "1e+21", which
 * Mermaid cannot read) and never "-0": for numbers inside machine-read text such as chart data.
 */
export function formatPlainInteger(value: number): string {
  if (!Number.isFinite(value)) return formatNonFinite(value);
  return plainInteger.format(Math.round(value) || 0);
}

/** A count with its unit, singular for exactly one: "1 day", "3 days", "1 month", "12 months". */
export function formatQuantity(count: number, unit: string, pluralUnit = `${unit}s`): string {
  return `${formatCount(count)} ${Math.round(count) === 1 ? unit : pluralUnit}`;
}

/** Compact axis labels: 62,500 → "62.5k", 1,526,567 → "1.53M". */
export function formatCompactCount(value: number): string {
  if (!Number.isFinite(value)) return formatNonFinite(value);
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (Math.abs(value) >= size) return `${threeSignificant.format(value / size)}${suffix}`;
  }
  return formatCount(value);
}

/** A fraction as a whole percent ("5%"), or one decimal under 10% when it is not whole ("2.5%"). */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return formatNonFinite(fraction);
  const percent = fraction * 100;
  const rounded = Math.abs(percent) < 10 ? Math.round(percent * 10) / 10 : Math.round(percent);
  return `${rounded}%`;
}

/** A fraction as a whole percent, for shares and confidence: 0.725 → "73%". */
export function formatShare(fraction: number): string {
  if (!Number.isFinite(fraction)) return formatNonFinite(fraction);
  return `${Math.round(fraction * 100)}%`;
}

/** A change given in percent (not a fraction): "+7.7%", "-12.0%", "0.0%"; "n/a" for null (a base of zero). */
export function formatSignedPercent(percent: number | null): string {
  if (percent === null) return 'n/a';
  if (!Number.isFinite(percent)) return formatNonFinite(percent);
  const rounded = (Math.sign(percent) * Math.round(Math.abs(percent) * 10)) / 10;
  if (rounded === 0) return '0.0%';
  return `${rounded > 0 ? '+' : '-'}${oneDecimal.format(Math.abs(rounded))}%`;
}

/** Monthly growth as words: "growing 5% a month", "shrinking 100% a month", "flat" for zero. */
export function formatGrowth(monthlyGrowth: number): string {
  if (monthlyGrowth === 0) return 'flat';
  const percent = formatPercent(Math.abs(monthlyGrowth));
  return monthlyGrowth > 0 ? `growing ${percent} a month` : `shrinking ${percent} a month`;
}

/** Milliseconds, whole and grouped ("2,350 ms"). */
export function formatMs(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) return formatNonFinite(milliseconds);
  return `${wholeNumber.format(Math.round(milliseconds))} ms`;
}

/**
 * A model id from a usage file or the catalog, reduced to characters that cannot open markdown
 * (no backticks, brackets, asterisks, pipes, angle brackets or line breaks), so it can sit in a sentence.
 */
export function formatModelId(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._:/@+-]/g, '?');
  return safe.length > 80 ? `${safe.slice(0, 79)}…` : safe;
}

/** Rounds up to `digits` significant digits, for thresholds shown as "about 310,000". */
export function roundUpSignificant(value: number, digits = 3): number {
  if (value <= 0 || !Number.isFinite(value)) return value;
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - digits + 1);
  return Math.ceil(value / magnitude - 1e-9) * magnitude;
}

/** Rounds to `digits` significant digits ("295,210" → 295,000). */
export function roundSignificant(value: number, digits = 3): number {
  if (value <= 0 || !Number.isFinite(value)) return value;
  const magnitude = 10 ** (Math.floor(Math.log10(value)) - digits + 1);
  return Math.round(value / magnitude) * magnitude;
}

const LABELS: Readonly<Record<StrategyKey | StrategyName, string>> = {
  prompt: 'prompt',
  fineTune: 'fine-tune',
  'fine-tune': 'fine-tune',
  hybrid: 'hybrid',
};

const IN_PROSE: Readonly<Record<StrategyKey | StrategyName, string>> = {
  prompt: 'prompting',
  fineTune: 'fine-tuning',
  'fine-tune': 'fine-tuning',
  hybrid: 'the hybrid',
};

/** A strategy's label, from its key or its name: "prompt", "fine-tune", "hybrid". */
export function strategyLabel(strategy: StrategyKey | StrategyName): string {
  return LABELS[strategy];
}

/** A strategy as the subject of a sentence: "prompting", "fine-tuning", "the hybrid". */
export function strategyInProse(strategy: StrategyKey | StrategyName): string {
  return IN_PROSE[strategy];
}

/** The text with its first letter upper-cased: a clause made a sentence. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
