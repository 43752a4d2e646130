import { describe, expect, it } from 'vitest';
import { logSafe } from './log.js';

describe('logSafe', () => {
  it('keeps a line of text with a newline from starting a workflow command', () => {
    const text = 'key "k x\n::error file=src/app.ts,line=1::Injected annotation\n" is unknown';
    const safe = logSafe(text);
    expect(safe.split('\n')).toHaveLength(1);
    expect(safe).toBe('key "k x\\n::error file=src/app.ts,line=1::Injected annotation\\n" is unknown');
  });

  it('breaks up a leading "::" and escapes CR and other control characters', () => {
    expect(logSafe('::add-mask::secret')).toBe('\\::add-mask::secret');
    expect(logSafe('  ::warning::x')).toBe('  \\::warning::x');
    expect(logSafe('a\rb\u0007c\u2028d')).toBe('a\\rb\\u0007c\\u2028d');
    expect(logSafe('plain text: fine')).toBe('plain text: fine');
  });
});

describe('logSafe and the older ##[ form', () => {
  it('breaks up "##[" wherever it is, and shows invisible characters that .NET string matching skips', () => {
    expect(logSafe('key ##[set-output name=recommendation;]$(id)')).toBe(
      'key ##\\[set-output name=recommendation;]$(id)',
    );
    expect(logSafe('#\u200b#[error]x')).toBe('#\\u200b#[error]x');
    expect(logSafe('\u200b::warning::x')).toBe('\\u200b::warning::x');
    expect(logSafe('a\u202eb\ufeffc\u{e0001}')).toBe('a\\u202eb\\ufeffc\\u{e0001}');
  });

  it('keeps line breaks for messages @actions/core escapes itself, still breaking up "::" at each line start', () => {
    expect(logSafe('one\n::error::two\r\n ##[error]three', { multiline: true })).toBe(
      'one\n\\::error::two\r\n ##\\[error]three',
    );
  });
});
