import { describe, expect, it } from 'vitest';
import { makeReport, makeWorkload } from '../diff/__fixtures__/reports.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

// A workload name as an attacker writes it: a login link, a bare host name, an RTL override that shows
// "exe.txt" reversed, zero-width characters and an OSC 52 clipboard write.
const name = 'Pay at https://evil.example/login or www.evil.example \u202Etxt.exe sup\u200Bport \u001b]52;c;aGk=\u0007';

describe('hostile workload names in the rendered report', () => {
  const report = makeReport([makeWorkload('evil', { name, model: 'acme/www.evil.example' })]);

  it('markdown: no autolinkable URL or www. name, and every hidden character shown escaped', () => {
    const markdown = renderMarkdown({ report });
    expect(markdown).toContain('Pay at https:&#8203;//evil.example/login or www&#8203;.evil.example');
    expect(markdown).not.toMatch(/https:\/\/evil|www\.evil/);
    expect(markdown).toContain('&#92;u{202e}txt.exe sup&#92;u{200b}port &#92;u{1b}&#93;52;c;aGk=&#92;u{7}');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is about control characters.
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/);
  });

  it('text: the escape sequence and the override are shown, not sent', () => {
    const text = renderText(report, { color: false });
    expect(text).toContain('\\u{202e}txt.exe sup\\u{200b}port \\u{1b}]52;c;aGk=\\u{7}');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the assertion is about control characters.
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/);
  });
});
