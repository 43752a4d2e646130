// Test helper (no figures): validates usage-file YAML with core's schema and locates nodes with the
// `yaml` package's own positions, standing in for core's parseUsageFile until it is published in dist.
import { type UsageFile, usageFileSchema } from '@tunewise/core';
import { isNode, LineCounter, parseDocument } from 'yaml';

export function parseWithLocate(text: string): {
  usageFile: UsageFile;
  locate: (path: (string | number)[]) => { line: number; column: number };
} {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const usageFile = usageFileSchema.parse(document.toJS());
  const locate = (path: (string | number)[]) => {
    const node = document.getIn(path, true);
    if (!isNode(node) || node.range == null) return { line: 0, column: 0 };
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { line, column: col };
  };
  return { usageFile, locate };
}
