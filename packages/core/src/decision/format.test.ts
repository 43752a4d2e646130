import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatModelId,
  formatMs,
  formatPercent,
  formatUsd,
  roundSignificant,
  roundUpSignificant,
} from './format.js';

describe('formatUsd', () => {
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
    expect(formatUsd(amount)).toBe(expected);
  });
});

describe('counts, percentages and milliseconds', () => {
  it('groups thousands and rounds to whole numbers', () => {
    expect(formatCount(295_210.6)).toBe('295,211');
    expect(formatCount(1e12)).toBe('1,000,000,000,000');
  });

  it('shows a decimal only under 10%', () => {
    expect(formatPercent(0.05)).toBe('5%');
    expect(formatPercent(0.025)).toBe('2.5%');
    expect(formatPercent(0.125)).toBe('13%');
  });

  it('formats milliseconds', () => {
    expect(formatMs(2349.6)).toBe('2,350 ms');
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
