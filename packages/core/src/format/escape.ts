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

/**
 * Characters that change what a reader sees without being seen: C0 and C1 controls (terminal escape
 * sequences start with ESC or CSI), DEL, line and paragraph separators, bidirectional overrides and
 * isolates (an RTL override reverses the text after it), zero-width and invisible format characters,
 * the soft hyphen, interlinear annotations and tag characters.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is shown.
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]|[\u{e0000}-\u{e007f}]/gu;

/** Tabs and line breaks in a name read as a space in markdown; every other control is shown escaped. */
const LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g;

/** `\u{1b}`-style text for one invisible character: visible, and never a control itself. */
function visibleCodePoint(character: string): string {
  return `\\u{${(character.codePointAt(0) ?? 0).toString(16)}}`;
}

/**
 * Untrusted text made safe to print on a terminal or into a log, and honest to read: every control,
 * bidirectional or invisible character becomes its visible escape (`\u{1b}`, `\u{202e}`), so an escape
 * sequence (OSC 52 clipboard writes, CSI cursor moves) never reaches the terminal and a hidden character
 * cannot disguise a name.
 *
 * @example
 * ```ts
 * escapeTerminal('evil\u001b]52;c;aGk=\u0007'); // 'evil\\u{1b}]52;c;aGk=\\u{7}'
 * ```
 */
export function escapeTerminal(text: string): string {
  return text.replace(INVISIBLE, visibleCodePoint);
}

/** The same characters as {@link INVISIBLE}, less those JSON.stringify escapes already, as UTF-16 code units. */
const INVISIBLE_IN_JSON =
  /[\u007f-\u009f\u00ad\u061c\u115f\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

/**
 * JSON text (from `JSON.stringify`) with every control, bidirectional or invisible character that JSON leaves raw
 * (C1 controls such as CSI U+009B, RTL overrides, zero-width characters) written as a `\uXXXX` escape: the same
 * value for a parser, and inert on a terminal.
 */
export function escapeJsonText(json: string): string {
  return json.replace(INVISIBLE_IN_JSON, (characters) =>
    Array.from(
      { length: characters.length },
      (_, index) => `\\u${characters.charCodeAt(index).toString(16).padStart(4, '0')}`,
    ).join(''),
  );
}

/**
 * Make untrusted text (anything from the usage file: workload ids and names, model ids, and report text that
 * may quote them) inert in GitHub markdown, in inline HTML and in table cells.
 *
 * Characters that can start markdown or HTML syntax become numeric or named HTML entities, which GitHub shows
 * as the character itself and which work the same inside `<summary>` and inside table cells (`|` cannot split
 * a cell). `@` gets a zero-width space after it so `@user` and `@org/team` never ping; `#` before a digit gets
 * one so `#12` does not link an issue. `://` and `www.` get one too, so a bare URL or host name is not turned into
 * a link. Tabs and line breaks become a space; other control, bidirectional and invisible characters become their visible escapes (`\u{202e}`), so a
 * name cannot start a new block, reverse the text after it or hide part of itself. Never put the result
 * inside a code span: entities are not decoded there.
 *
 * @example
 * ```ts
 * escapeMarkdown('<b>@ops</b> fix #12'); // '&lt;b&gt;@&#8203;ops&lt;/b&gt; fix #&#8203;12'
 * ```
 */
export function escapeMarkdown(text: string): string {
  return escapeTerminal(text.replace(LINE_BREAKS, ' '))
    .replace(/[&<>"'\\`*_[\]|~$@]|#(?=\d)/g, (character) => ENTITIES[character] ?? character)
    .replace(/:(?=\/\/)/g, ':&#8203;')
    .replace(/\b(www)\./gi, '$1&#8203;.');
}

/** Plain text for a terminal: see {@link escapeTerminal}. */
export const sanitizeTerminal = escapeTerminal;
