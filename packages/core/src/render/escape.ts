const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '\\': '&#92;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '|': '&#124;',
  '~': '&#126;',
  $: '&#36;',
  '@': '@&#8203;',
  '#': '#&#8203;',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Make untrusted text (anything from the usage file: workload ids and names, model ids, and report text that
 * may quote them) inert in GitHub markdown, in inline HTML and in table cells.
 *
 * Characters that can start markdown or HTML syntax become numeric or named HTML entities, which GitHub shows
 * as the character itself and which work the same inside `<summary>` and inside table cells (`|` cannot split
 * a cell). `@` gets a zero-width space after it so `@user` and `@org/team` never ping; `#` before a digit gets
 * one so `#12` does not link an issue. Line breaks and other control characters become spaces, so a name can
 * not start a new block. Never put the result inside a code span: entities are not decoded there.
 *
 * @example
 * ```ts
 * escapeMarkdown('<b>@ops</b> fix #12'); // '&lt;b&gt;@&#8203;ops&lt;/b&gt; fix #&#8203;12'
 * ```
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(/[&<>"'\\`*_[\]|~$@]|#(?=\d)/g, (character) => ENTITIES[character] ?? character);
}

/** Plain text for a terminal: control characters (escape sequences, line breaks) become spaces. */
export function sanitizeTerminal(text: string): string {
  return text.replace(CONTROL, ' ');
}
