export type { CostAtVolume, CostCurve } from './curve.js';
export { costCurve } from './curve.js';
export { escapeJsonText, escapeMarkdown, escapeTerminal } from './escape.js';
export { renderJson } from './json.js';
export type { MarkdownInput, MarkdownOptions } from './markdown.js';
export { DEFAULT_MARKDOWN_MAX_LENGTH, renderMarkdown } from './markdown.js';
export type { TextOptions } from './text.js';
export { renderText } from './text.js';
