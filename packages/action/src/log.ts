import * as core from '@actions/core';

/**
 * Text the runner cannot read as a workflow command. The runner (actions/runner, ActionCommand.cs) reads two forms
 * from every line a step prints: `::name props::data` at the start of a line after leading whitespace (TryParseV2),
 * and the older `##[name props]data` anywhere in a line (TryParse), tried when the first form fails. Usage files and
 * GitHub's answers are untrusted, so before any of their text is logged:
 * - line breaks and other control characters are shown escaped, so the text cannot start a line of its own;
 * - invisible characters (format characters, default-ignorable code points) are shown escaped too: the runner
 *   matches `::` and `##[` with .NET's culture-sensitive `StartsWith`/`IndexOf`, which skip them, so `#\u200b#[`
 *   could still be found as `##[`;
 * - every `##[` becomes `##\[`, wherever it is;
 * - a `::` at the start of a line (after whitespace) becomes `\::`.
 * `multiline` keeps line breaks, for messages that @actions/core itself escapes as command data.
 */
export function logSafe(text: string, options: { multiline?: boolean } = {}): string {
  let escaped = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (options.multiline === true && (character === '\n' || character === '\r')) escaped += character;
    else if (character === '\n') escaped += '\\n';
    else if (character === '\r') escaped += '\\r';
    else if (character !== '\t' && isControlOrInvisible(character, code)) escaped += `\\u${hex(code)}`;
    else escaped += character;
  }
  return escaped.replaceAll('##[', '##\\[').replace(/^(\s*):/gm, '$1\\:');
}

function hex(code: number): string {
  return code > 0xffff ? `{${code.toString(16)}}` : code.toString(16).padStart(4, '0');
}

const invisible = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]$/u;

/** C0 and C1 controls, DEL, line and paragraph separators, and characters that render as nothing. */
function isControlOrInvisible(character: string, code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || invisible.test(character);
}

/** `core.info` for text that may come from a usage file or from GitHub. */
export function info(text: string): void {
  core.info(logSafe(text));
}

/** `core.startGroup` with a title that may come from a usage file. */
export function startGroup(title: string): void {
  core.startGroup(logSafe(title));
}

/** `core.notice` for text that may quote GitHub's answers; @actions/core escapes its line breaks. */
export function notice(text: string): void {
  core.notice(logSafe(text, { multiline: true }));
}

/** `core.warning` for text that may quote the usage file or GitHub's answers. */
export function warning(text: string): void {
  core.warning(logSafe(text, { multiline: true }));
}

/** `core.error` (an annotation) for text that may quote the usage file. */
export function error(text: string, properties?: core.AnnotationProperties): void {
  core.error(logSafe(text, { multiline: true }), properties);
}

/** `core.setFailed` for text that may quote the usage file or GitHub's answers. */
export function setFailed(text: string): void {
  core.setFailed(logSafe(text, { multiline: true }));
}
