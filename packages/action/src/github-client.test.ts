import { describe, expect, it } from 'vitest';
import { retryBaseMsFromEnvironment } from './github-client.js';

describe('retryBaseMsFromEnvironment', () => {
  it('reads a non-negative number of milliseconds and falls back to one second', () => {
    expect(retryBaseMsFromEnvironment('5')).toBe(5);
    expect(retryBaseMsFromEnvironment('0')).toBe(0);
    expect(retryBaseMsFromEnvironment(undefined)).toBe(1000);
    expect(retryBaseMsFromEnvironment('')).toBe(1000);
    expect(retryBaseMsFromEnvironment('-1')).toBe(1000);
    expect(retryBaseMsFromEnvironment('soon')).toBe(1000);
  });
});
