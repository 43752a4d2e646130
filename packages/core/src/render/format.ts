/**
 * Number formatting shared by the renderers (en-US, USD). `decision/format.ts` had not landed when these
 * were written; if it does, the two should converge on one set.
 */

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const smallMoney = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percentNumber = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "$4,358.04" for ≥ $1; enough significant digits below a dollar ("$0.009825"); "$0.00" for zero. */
export function formatUsd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const magnitude = Math.abs(amount);
  if (magnitude === 0 || !Number.isFinite(magnitude)) return `${sign}$0.00`;
  // Rounds to a cent at or above 1, so 0.999 is shown as "$0.999", not "$1.00".
  if (magnitude >= 1 || Math.round(magnitude * 100) / 100 === magnitude) return `${sign}$${money.format(magnitude)}`;
  return `${sign}$${smallMoney.format(magnitude)}`;
}

/** "+$333.58", "-$12.00", "$0.00". */
export function formatSignedUsd(amount: number): string {
  // Round the magnitude so -0.125 and +0.125 round alike.
  const rounded = (Math.sign(amount) * Math.round(Math.abs(amount) * 100)) / 100;
  if (rounded === 0) return '$0.00';
  return rounded > 0 ? `+${formatUsd(rounded)}` : formatUsd(rounded);
}

/** "250,000" */
export function formatCount(value: number): string {
  return count.format(value);
}

/** "+7.7%", "-12.0%", "0.0%"; "n/a" for null (a base of zero). */
export function formatSignedPercent(percent: number | null): string {
  if (percent === null) return 'n/a';
  const rounded = (Math.sign(percent) * Math.round(Math.abs(percent) * 10)) / 10;
  if (rounded === 0) return '0.0%';
  return `${rounded > 0 ? '+' : '-'}${percentNumber.format(Math.abs(rounded))}%`;
}

/** 0.725 → "73%" */
export function formatShare(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** 1234.4 → "1,234 ms" */
export function formatMs(milliseconds: number): string {
  return `${count.format(Math.round(milliseconds))} ms`;
}

/** Compact axis labels: 62,500 → "62.5k", 1,526,567 → "1.53M". */
export function formatCompactCount(value: number): string {
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (Math.abs(value) >= size) {
      const scaled = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 }).format(value / size);
      return `${scaled}${suffix}`;
    }
  }
  return count.format(value);
}

/** Display label of a strategy key. */
export function strategyLabel(key: 'prompt' | 'fineTune' | 'hybrid'): string {
  return key === 'fineTune' ? 'fine-tune' : key;
}
