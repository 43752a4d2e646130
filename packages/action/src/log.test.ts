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
