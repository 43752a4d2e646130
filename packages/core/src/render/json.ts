import type { ReportDiff } from '../diff/diff.js';
import { escapeJsonText } from '../format/escape.js';
import type { Report } from '../model/types.js';

/**
 * JSON for a report or a diff: 2-space indent, trailing newline. Key order is the order the producers build
 * objects in (fixed), so equal inputs give byte-identical output.
 *
 * @example
 * ```ts
 * import { renderJson } from '@tunewise/core';
 *
 * await writeFile('tunewise-report.json', renderJson(report));
 * ```
 */
export function renderJson(value: Report | ReportDiff): string {
  // Names from the usage file may hold C1 controls or RTL overrides that JSON leaves raw.
  return `${escapeJsonText(JSON.stringify(value, null, 2))}\n`;
}
