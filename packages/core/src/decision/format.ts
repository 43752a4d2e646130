const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const smallAmount = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/**
 * USD for people: whole dollars from $100 up ("$2,413"), cents below ("$12.50", "$0.30"), three
 * significant digits for fractions of a cent so per-request prices stay readable ("$0.00983").
 */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) return amount > 0 ? 'unbounded' : 'n/a';
  const sign = amount < 0 ? '-' : '';
  const absolute = Math.abs(amount);
  if (absolute >= 100) return `${sign}$${wholeNumber.format(Math.round(absolute))}`;
  const wholeCents = Math.abs(absolute * 100 - Math.round(absolute * 100)) < 1e-9;
  if (absolute >= 1 || wholeCents) return `${sign}$${twoDecimals.format(absolute)}`;
  return `${sign}$${smallAmount.format(absolute)}`;
}

/** A count with thousands separators, rounded to a whole number ("400,000"). */
export function formatCount(count: number): string {
  if (!Number.isFinite(count)) return count > 0 ? 'unbounded' : 'n/a';
  return wholeNumber.format(Math.round(count));
}

/** A fraction as a whole percent ("5%"), or one decimal under 10% when it is not whole ("2.5%"). */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  const rounded = Math.abs(percent) < 10 ? Math.round(percent * 10) / 10 : Math.round(percent);
  return `${rounded}%`;
}

/** Milliseconds, whole and grouped ("2,350 ms"). */
export function formatMs(milliseconds: number): string {
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
