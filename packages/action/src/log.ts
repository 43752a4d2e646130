import * as core from '@actions/core';

/**
 * One line of log text that the runner cannot read as a workflow command. Usage files and GitHub answers are
 * untrusted: a YAML key holding `\n::error file=…::` or `::add-mask::` would otherwise become a command. CR, LF and
 * other control characters are shown escaped, so the text stays on its line, and a leading `::` is broken up.
 */
export function logSafe(text: string): string {
  let escaped = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (character === '\n') escaped += '\\n';
    else if (character === '\r') escaped += '\\r';
    else if (character !== '\t' && isControl(code)) escaped += `\\u${code.toString(16).padStart(4, '0')}`;
    else escaped += character;
  }
  return escaped.replace(/^(\s*):/, '$1\\:');
}

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** `core.info` for text that may come from a usage file or from GitHub. */
export function info(text: string): void {
  core.info(logSafe(text));
}

/** `core.startGroup` with a title that may come from a usage file. */
export function startGroup(title: string): void {
  core.startGroup(logSafe(title));
}
