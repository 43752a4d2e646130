import { describe, expect, it } from 'vitest';
import { escapeMarkdown, sanitizeTerminal } from './escape.js';

describe('escapeMarkdown', () => {
  it('leaves ordinary ids and model names alone', () => {
    expect(escapeMarkdown('support-bot')).toBe('support-bot');
    expect(escapeMarkdown('openai/gpt-4o-mini')).toBe('openai/gpt-4o-mini');
    expect(escapeMarkdown('Support ticket triage (EU), v2.1')).toBe('Support ticket triage (EU), v2.1');
  });

  it('turns HTML into text', () => {
    expect(escapeMarkdown('<script>alert("x")</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).not.toContain('<');
    expect(escapeMarkdown('a & b')).toBe('a &amp; b');
    expect(escapeMarkdown('&lt;')).toBe('&amp;lt;');
  });

  it('keeps @mentions and issue references from pinging or linking', () => {
    expect(escapeMarkdown('@octocat')).toBe('@&#8203;octocat');
    expect(escapeMarkdown('cc @github/security')).toBe('cc @&#8203;github/security');
    expect(escapeMarkdown('fixes #12')).toBe('fixes #&#8203;12');
    expect(escapeMarkdown('#channel')).toBe('#channel');
  });

  it('escapes table pipes, backticks and emphasis', () => {
    expect(escapeMarkdown('a|b')).toBe('a&#124;b');
    expect(escapeMarkdown('`rm -rf`')).toBe('&#96;rm -rf&#96;');
    expect(escapeMarkdown('**bold** _it_ ~~gone~~')).toBe(
      '&#42;&#42;bold&#42;&#42; &#95;it&#95; &#126;&#126;gone&#126;&#126;',
    );
    expect(escapeMarkdown('[click](https://evil.example)')).toBe('&#91;click&#93;(https://evil.example)');
    expect(escapeMarkdown('\\')).toBe('&#92;');
    expect(escapeMarkdown('$x$')).toBe('&#36;x&#36;');
  });

  it('puts a name with line breaks on one line', () => {
    expect(escapeMarkdown('first\nsecond\r\n# heading')).toBe('first second # heading');
    expect(escapeMarkdown('a\u2028b\tc')).toBe('a b c');
  });

  it('does not break the entities it produces', () => {
    // "#" inside "&#39;" must not get a zero-width space.
    expect(escapeMarkdown("it's #1")).toBe('it&#39;s #&#8203;1');
  });
});

describe('sanitizeTerminal', () => {
  it('removes escape sequences and line breaks', () => {
    expect(sanitizeTerminal('evil\u001b[2Jname\nnext')).toBe('evil [2Jname next');
  });
});
