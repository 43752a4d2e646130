import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { UsageFilePath } from './usage-file-path.js';

/** A 1-based line and column in the usage file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Where a path lands: on its key (`instructonTokens:`) or on its value (`-5`). */
export type LocateTarget = 'key' | 'value';

/**
 * Maps field paths of a parsed YAML (or JSON) document back to lines and columns. A path that does
 * not exist in the source (a missing field, a default) lands on its nearest existing ancestor: the
 * key that introduces it, or the list item that holds it.
 */
export class SourceMap {
  constructor(
    private readonly document: Document.Parsed,
    private readonly lineCounter: LineCounter,
    private readonly text: string,
  ) {}

  position(offset: number): SourcePosition {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  locate(path: UsageFilePath, target: LocateTarget = 'value'): SourcePosition {
    return this.position(this.locateOffset(path, target));
  }

  /** The YAML node at `path`, following aliases; undefined when the path does not exist. */
  nodeAt(path: UsageFilePath): Node | undefined {
    let node: unknown = this.document.contents;
    for (const segment of path) {
      node = this.resolve(node);
      const child = childOf(node, segment);
      if (child === undefined) return undefined;
      node = child.value;
    }
    node = this.resolve(node);
    return isNode(node) ? node : undefined;
  }

  /** The source text of a node, or undefined when it has no range. */
  sourceOf(node: Node): string | undefined {
    const range = node.range;
    if (range === undefined || range === null) return undefined;
    return this.text.slice(range[0], range[1]);
  }

  private locateOffset(path: UsageFilePath, target: LocateTarget): number {
    let node: unknown = this.document.contents;
    let best = startOf(node) ?? 0;
    for (const [index, segment] of path.entries()) {
      node = this.resolve(node);
      const child = childOf(node, segment);
      if (child === undefined) return best;
      const last = index === path.length - 1;
      if (child.key !== undefined) {
        const keyStart = startOf(child.key) ?? best;
        if (last && target === 'key') return keyStart;
        best = keyStart;
      } else {
        best = startOf(child.value) ?? best;
      }
      node = child.value;
    }
    node = this.resolve(node);
    if (isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1]) {
      // An empty value (`prompt:` and nothing else) has no text of its own; point at its key.
      return best;
    }
    return startOf(node) ?? best;
  }

  private resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.document) : node;
  }
}

/** Per mapping, its keys to their last pair, built on first use: lookups stay O(1) in wide files. */
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function keyIndex(map: YAMLMap): Map<string, Pair> {
  let index = keyIndexes.get(map);
  if (index === undefined) {
    index = new Map();
    // With repeated keys the last one wins, as in the parsed value.
    for (const pair of map.items) {
      if (isScalar(pair.key)) index.set(String(pair.key.value), pair);
    }
    keyIndexes.set(map, index);
  }
  return index;
}

function childOf(node: unknown, segment: string | number): { key?: Node; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = keyIndex(node).get(String(segment));
    return pair === undefined ? undefined : { key: pair.key as Node, value: pair.value };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

function isNode(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

function startOf(node: unknown): number | undefined {
  return isNode(node) && node.range !== undefined && node.range !== null ? node.range[0] : undefined;
}
