import { describe, expect, it } from 'vitest';
import { formatCompactCount, formatSignedPercent, formatSignedUsd, formatUsd } from './format.js';

describe('formatUsd', () => {
  it('shows cents from a dollar up and significant digits below', () => {
    expect(formatUsd(52296.444)).toBe('$52,296.44');
    expect(formatUsd(1)).toBe('$1.00');
    expect(formatUsd(0.009825)).toBe('$0.009825');
    expect(formatUsd(0.00066)).toBe('$0.00066');
    expect(formatUsd(0.5)).toBe('$0.50');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(-333.5758)).toBe('-$333.58');
  });

  it('signs deltas and percentages, and says n/a for a percent of zero', () => {
    expect(formatSignedUsd(1941.957)).toBe('+$1,941.96');
    expect(formatSignedUsd(-0.001)).toBe('$0.00');
    expect(formatSignedPercent(93.25)).toBe('+93.3%');
    expect(formatSignedPercent(-7.65)).toBe('-7.7%');
    expect(formatSignedPercent(null)).toBe('n/a');
  });

  it('shortens axis labels', () => {
    expect(formatCompactCount(62500)).toBe('62.5k');
    expect(formatCompactCount(1526567)).toBe('1.53M');
    expect(formatCompactCount(900)).toBe('900');
  });
});
