import { describe, expect, it } from 'vitest';
import { didYouMean } from './did-you-mean.js';

describe('didYouMean', () => {
  it('finds a one-letter typo', () => {
    expect(didYouMean('instructonTokens', ['instructionTokens', 'instructionFiles', 'inputTokens'])).toEqual([
      'instructionTokens',
    ]);
    expect(didYouMean('workload', ['version', 'workloads', 'models'])).toEqual(['workloads']);
  });

  it('ignores case', () => {
    expect(didYouMean('Production', ['prototype', 'mvp', 'production'])).toEqual(['production']);
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(didYouMean('mpv', ['prototype', 'mvp', 'production'])).toEqual(['mvp']);
  });

  it('treats an abbreviation as close', () => {
    expect(didYouMean('prod', ['prototype', 'mvp', 'production'])).toEqual(['production']);
  });

  it('matches a model name without its provider', () => {
    expect(didYouMean('gpt-4o-mini', ['openai/gpt-4o-mini', 'openai/gpt-4o', 'anthropic/claude-haiku-4-5'])).toEqual([
      'openai/gpt-4o-mini',
    ]);
  });

  it('returns the near-best only, best first', () => {
    expect(didYouMean('openai/gpt-4o-mni', ['openai/gpt-4o', 'openai/gpt-4o-mini', 'openai/gpt-4.1-mini'])).toEqual([
      'openai/gpt-4o-mini',
    ]);
    expect(didYouMean('gpt-4.1', ['openai/gpt-4.1', 'openai/gpt-4o', 'azure/gpt-4.1'])).toEqual([
      'azure/gpt-4.1',
      'openai/gpt-4.1',
    ]);
  });

  it('says nothing when nothing is close', () => {
    expect(didYouMean('banana', ['prototype', 'mvp', 'production'])).toEqual([]);
    expect(didYouMean('', ['a'])).toEqual([]);
    expect(didYouMean('x', [])).toEqual([]);
  });

  it('honours maxDistance and limit', () => {
    expect(didYouMean('abcd', ['abxy'], { maxDistance: 1 })).toEqual([]);
    expect(didYouMean('abcd', ['abxy'], { maxDistance: 2 })).toEqual(['abxy']);
    expect(didYouMean('ab', ['ac', 'ad', 'ae'], { limit: 2 })).toEqual(['ac', 'ad']);
  });
});
