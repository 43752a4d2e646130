import { type Document, isAlias, isMap, isScalar, isSeq, Lexer } from 'yaml';
import type { IssueDraft } from './issue-draft.js';
import type { SourceMap } from './source-map.js';
import type { UsageFilePath } from './usage-file-path.js';

const controlTokens = new Set(['\u0002', '\u0018', '\u001f']);

/**
 * The deepest `{`/`[` nesting in a YAML or JSON text, found with yaml's lexer (so brackets inside
 * strings and comments do not count). Checked before parsing: the parser's work and its error
 * reporting grow badly with deep flow nesting.
 */
export function findExcessiveFlowNesting(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer adds control tokens (document start, scalar and flow-end markers) that are not source.
    if (controlTokens.has(token)) continue;
    if (token === '{' || token === '[') {
      depth++;
      if (depth > maxDepth) return offset;
    } else if ((token === '}' || token === ']') && depth > 0) {
      depth--;
    }
    offset += token.length;
  }
  return undefined;
}

export interface DocumentCheckResult {
  drafts: IssueDraft[];
  /** True when the document must not be turned into a value at all. */
  fatal: boolean;
  /** Offset of the first alias (`*name`), where an alias blow-up is reported. */
  firstAliasOffset: number | undefined;
}

/**
 * Checks what only the YAML tree shows: repeated keys (which a value silently collapses), keys that
 * are lists or mappings, a `__proto__` key (which a value turns into a prototype), non-finite numbers (`.inf`, `.nan`, `1e999`) and nesting depth. Iterative,
 * so a deep document cannot overflow the call stack.
 */
export function checkDocument(document: Document.Parsed, sourceMap: SourceMap, maxDepth: number): DocumentCheckResult {
  const drafts: IssueDraft[] = [];
  let fatal = false;
  let firstAliasOffset: number | undefined;
  const stack: Array<{ node: unknown; path: UsageFilePath; depth: number }> = [
    { node: document.contents, path: [], depth: 0 },
  ];

  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (isAlias(node)) {
      const offset = node.range?.[0];
      if (offset !== undefined && (firstAliasOffset === undefined || offset < firstAliasOffset)) {
        firstAliasOffset = offset;
      }
      continue;
    }
    if ((isMap(node) || isSeq(node)) && depth >= maxDepth) {
      drafts.push({
        path,
        offset: node.range?.[0],
        message: `nested deeper than ${maxDepth} levels`,
        expected: 'a flatter structure',
        found: 'deeper nesting',
      });
      fatal = true;
      continue;
    }
    if (isMap(node)) {
      const firstKeyOffset = new Map<string, number>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) {
          drafts.push({
            path,
            offset: rangeStart(pair.key) ?? node.range?.[0],
            message: 'a key must be plain text',
            expected: 'a key such as "workloads"',
            found: isMap(pair.key)
              ? 'a mapping'
              : isSeq(pair.key)
                ? 'a list'
                : isAlias(pair.key)
                  ? 'an alias'
                  : 'nothing',
          });
          // Collection keys would be stringified when turned into a value: slow and never valid here.
          fatal = true;
          continue;
        }
        const key = String(pair.key.value);
        const keyOffset = pair.key.range?.[0] ?? 0;
        if (key === '__proto__') {
          // As an object key it would set the value's prototype, not a field: validation would never see it.
          drafts.push({
            path: [...path, key],
            offset: keyOffset,
            message: '"__proto__" cannot be a key',
            expected: 'a field name or a model id',
            found: '"__proto__"',
          });
          continue;
        }
        const firstOffset = firstKeyOffset.get(key);
        if (firstOffset === undefined) {
          firstKeyOffset.set(key, keyOffset);
        } else {
          drafts.push({
            path: [...path, key],
            offset: keyOffset,
            message: `duplicate key; the first "${key}" is at line ${sourceMap.position(firstOffset).line}`,
            expected: 'each key once per mapping',
            found: `a second "${key}"`,
          });
        }
        stack.push({ node: pair.value, path: [...path, key], depth: depth + 1 });
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        stack.push({ node: item, path: [...path, index], depth: depth + 1 });
      }
    } else if (isScalar(node) && typeof node.value === 'number' && !Number.isFinite(node.value)) {
      drafts.push({
        path,
        message: 'must be a finite number',
        expected: 'a finite number',
        found: sourceMap.sourceOf(node) ?? String(node.value),
      });
    }
  }
  return { drafts, fatal, firstAliasOffset };
}

function rangeStart(node: unknown): number | undefined {
  if (isMap(node) || isSeq(node) || isScalar(node) || isAlias(node)) return node.range?.[0];
  return undefined;
}
