import { describe, expect, it } from 'vitest';
import { escapeJsonText, escapeMarkdown, escapeTerminal } from './escape.js';

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
    expect(escapeMarkdown('[click](https://evil.example)')).toBe('&#91;click&#93;(https:&#8203;//evil.example)');
    expect(escapeMarkdown('\\')).toBe('&#92;');
    expect(escapeMarkdown('$x$')).toBe('&#36;x&#36;');
  });

  it('puts a name with line breaks on one line', () => {
    expect(escapeMarkdown('first\nsecond\r\n# heading')).toBe('first second # heading');
    expect(escapeMarkdown('a\u2028b\tc')).toBe('a b c');
  });

  it('keeps bare URLs and www. names from becoming links', () => {
    expect(escapeMarkdown('see https://evil.example/login')).toBe('see https:&#8203;//evil.example/login');
    expect(escapeMarkdown('WWW.evil.example')).toBe('WWW&#8203;.evil.example');
    expect(escapeMarkdown('ftp://x and mailto:a@b.example')).toBe('ftp:&#8203;//x and mailto:a@&#8203;b.example');
  });

  it('shows bidirectional overrides, zero-width and other invisible characters escaped', () => {
    // "txt.exe" that an RTL override would display as "exe.txt".
    expect(escapeMarkdown('report\u202Etxt.exe')).toBe('report&#92;u{202e}txt.exe');
    expect(escapeMarkdown('sup\u200Bport\uFEFF\u2066')).toBe('sup&#92;u{200b}port&#92;u{feff}&#92;u{2066}');
    expect(escapeMarkdown('tag\u{E0041}')).toBe('tag&#92;u{e0041}');
    expect(escapeMarkdown('evil\u001b[2J')).toBe('evil&#92;u{1b}&#91;2J');
  });

  it('does not break the entities it produces', () => {
    // "#" inside "&#39;" must not get a zero-width space.
    expect(escapeMarkdown("it's #1")).toBe('it&#39;s #&#8203;1');
  });
});

describe('escapeTerminal', () => {
  it('shows escape sequences (CSI, OSC 52), C1 controls and line breaks escaped instead of sending them', () => {
    expect(escapeTerminal('evil\u001b[2Jname\nnext')).toBe('evil\\u{1b}[2Jname\\u{a}next');
    expect(escapeTerminal('\u001b]52;c;aGVsbG8=\u0007')).toBe('\\u{1b}]52;c;aGVsbG8=\\u{7}');
    expect(escapeTerminal('a\u009bb\u007f')).toBe('a\\u{9b}b\\u{7f}');
    expect(escapeTerminal('abc\u202Edef\u200D')).toBe('abc\\u{202e}def\\u{200d}');
  });

  it('leaves printable text, accents, CJK and emoji alone', () => {
    const text = 'naïve café — 日本語 ❤️ 🚀 support-bot';
    expect(escapeTerminal(text)).toBe(text);
  });

  it('never leaves a control or invisible character in its output', () => {
    let all = '';
    for (let code = 0; code < 0x3000; code++) all += String.fromCharCode(code);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is about control characters.
    expect(escapeTerminal(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('escapeJsonText', () => {
  it('writes C1 controls, RTL overrides, zero-width and tag characters as \\u escapes, keeping the value', () => {
    const value = { id: 'a\u009b31m\u202Eb\u200Bc\u{E0041}', plain: 'naïve 日本語 ❤️' };
    const json = escapeJsonText(JSON.stringify(value));
    expect(json).toBe('{"id":"a\\u009b31m\\u202eb\\u200bc\\udb40\\udc41","plain":"naïve 日本語 ❤️"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
