export { escapeJsonText, escapeMarkdown, escapeTerminal } from '../format/escape.js';
export { renderJson } from './json.js';
export type { MarkdownInput, MarkdownOptions } from './markdown.js';
export { commentMarker, DEFAULT_MARKDOWN_MAX_LENGTH, renderMarkdown } from './markdown.js';
export type { TextOptions } from './text.js';
export { renderText } from './text.js';
