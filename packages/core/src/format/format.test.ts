import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatCompactCount,
  formatCount,
  formatGrowth,
  formatModelId,
  formatMs,
  formatPercent,
  formatQuantity,
  formatShare,
  formatSignedPercent,
  formatSignedUsd,
  formatUsd,
  formatUsdWhole,
  roundSignificant,
  roundUpSignificant,
  strategyInProse,
  strategyLabel,
} from './format.js';

describe('formatUsd (to the cent, for tables)', () => {
  it.each([
    [52296.444, '$52,296.44'],
    [1, '$1.00'],
    [0.009825, '$0.009825'],
    [0.00066, '$0.00066'],
    [0.5, '$0.50'],
    [0, '$0.00'],
    [-333.5758, '-$333.58'],
  ])('%d → %s', (amount, expected) => {
    expect(formatUsd(amount)).toBe(expected);
  });
});

describe('formatUsdWhole (whole dollars from $100, for sentences)', () => {
  it.each([
    [5333.4, '$5,333'],
    [2412.6, '$2,413'],
    [100, '$100'],
    [12.5, '$12.50'],
    [1, '$1.00'],
    [0.3, '$0.30'],
    [0, '$0.00'],
    [0.009825, '$0.00983'],
    [-1026.2, '-$1,026'],
  ])('%d → %s', (amount, expected) => {
    expect(formatUsdWhole(amount)).toBe(expected);
  });
});

describe('signed changes', () => {
  it('signs deltas and percentages, and says n/a for a percent of zero', () => {
    expect(formatSignedUsd(1941.957)).toBe('+$1,941.96');
    expect(formatSignedUsd(-0.001)).toBe('$0.00');
    expect(formatSignedPercent(93.25)).toBe('+93.3%');
    expect(formatSignedPercent(-7.65)).toBe('-7.7%');
    expect(formatSignedPercent(null)).toBe('n/a');
  });
});

describe('non-finite numbers', () => {
  // Before one module, the table formatter showed Infinity as "$0.00" and the reason formatter as "unbounded".
  const formatters = [
    formatUsd,
    formatUsdWhole,
    formatSignedUsd,
    formatCount,
    formatCompactCount,
    formatPercent,
    formatShare,
    formatSignedPercent,
    formatMs,
  ];

  it.each(formatters.map((formatter) => [formatter.name, formatter] as const))(
    '%s says "unbounded" for +Infinity and "n/a" for -Infinity and NaN',
    (_name, formatter) => {
      expect(formatter(Number.POSITIVE_INFINITY)).toBe('unbounded');
      expect(formatter(Number.NEGATIVE_INFINITY)).toBe('n/a');
      expect(formatter(Number.NaN)).toBe('n/a');
    },
  );
});

describe('counts, quantities, percentages and milliseconds', () => {
  it('groups thousands and rounds to whole numbers', () => {
    expect(formatCount(295_210.6)).toBe('295,211');
    expect(formatCount(1e12)).toBe('1,000,000,000,000');
  });

  it('uses the singular unit for exactly one', () => {
    expect(formatQuantity(1, 'day')).toBe('1 day');
    expect(formatQuantity(0, 'day')).toBe('0 days');
    expect(formatQuantity(39, 'day')).toBe('39 days');
    expect(formatQuantity(1, 'month')).toBe('1 month');
    expect(formatQuantity(12_000, 'retrain')).toBe('12,000 retrains');
  });

  it('shortens axis labels', () => {
    expect(formatCompactCount(62500)).toBe('62.5k');
    expect(formatCompactCount(1526567)).toBe('1.53M');
    expect(formatCompactCount(900)).toBe('900');
  });

  it('shows a decimal only under 10%, and shares as whole percents', () => {
    expect(formatPercent(0.05)).toBe('5%');
    expect(formatPercent(0.025)).toBe('2.5%');
    expect(formatPercent(0.125)).toBe('13%');
    expect(formatShare(0.725)).toBe('73%');
  });

  it('says growth and decline in words, never "growing -100%"', () => {
    expect(formatGrowth(0.05)).toBe('growing 5% a month');
    expect(formatGrowth(-1)).toBe('shrinking 100% a month');
    expect(formatGrowth(-0.025)).toBe('shrinking 2.5% a month');
    expect(formatGrowth(0)).toBe('flat');
  });

  it('formats milliseconds', () => {
    expect(formatMs(2349.6)).toBe('2,350 ms');
  });
});

describe('strategy names', () => {
  it('labels a strategy the same from its key or its name', () => {
    expect(strategyLabel('fineTune')).toBe('fine-tune');
    expect(strategyLabel('fine-tune')).toBe('fine-tune');
    expect(strategyLabel('prompt')).toBe('prompt');
    expect(strategyLabel('hybrid')).toBe('hybrid');
  });

  it('names a strategy as the subject of a sentence', () => {
    expect(strategyInProse('prompt')).toBe('prompting');
    expect(strategyInProse('fineTune')).toBe('fine-tuning');
    expect(strategyInProse('hybrid')).toBe('the hybrid');
  });
});

describe('formatModelId', () => {
  it('keeps catalog ids as they are', () => {
    expect(formatModelId('together/meta-llama/Meta-Llama-3.1-8B-Instruct-Reference')).toBe(
      'together/meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
    );
  });

  it('replaces characters that could open markdown or break a line', () => {
    expect(formatModelId('a`b*c|d<e>[f](g)\nh')).toBe('a?b?c?d?e??f??g??h');
  });
});

describe('significant-digit rounding', () => {
  it('rounds to three significant digits', () => {
    expect(roundSignificant(295_210)).toBe(295_000);
    expect(roundUpSignificant(295_210)).toBe(296_000);
    expect(roundUpSignificant(300_000)).toBe(300_000);
    expect(roundUpSignificant(98.17)).toBeCloseTo(98.2, 10);
  });
});

describe('formatCount', () => {
  it('groups digits exactly as en-US Intl does, for any safe integer and rounding (but never prints -0)', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1e15, max: 1e15 }), fc.double({ min: -1e15, max: 1e15, noNaN: true })),
        (value) => {
          expect(formatCount(value)).toBe(intl.format(Math.round(value) || 0));
        },
      ),
      { numRuns: 2000 },
    );
    expect(formatCount(-0.2)).toBe('0');
    expect(formatCount(1e21)).toBe(intl.format(1e21));
  });
});
