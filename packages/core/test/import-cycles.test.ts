/**
 * The import graph of packages/{core,sdk,action}/src has no cycles, between files or between folders: each folder
 * (core's `model`, `cost`, `decision`, ...; the sdk's `cli`, `usage`, ...) depends on others in one direction only, so
 * it can be read, tested and moved alone. Imports are read with the TypeScript compiler's own pre-processor (static
 * imports, re-exports, type-only imports and dynamic `import()` alike); `@tunewise/core` and `@tunewise/sdk` resolve
 * to their `src/index.ts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packagesRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const roots = ['core', 'sdk', 'action'].map((name) => path.join(packagesRoot, name, 'src'));
const packageEntries: Record<string, string> = {
  '@tunewise/core': path.join(packagesRoot, 'core', 'src', 'index.ts'),
  '@tunewise/sdk': path.join(packagesRoot, 'sdk', 'src', 'index.ts'),
};

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The source file an import names, or undefined for a package outside the repository. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (specifier in packageEntries) return packageEntries[specifier];
  if (!specifier.startsWith('.')) return undefined;
  const target = path.resolve(path.dirname(from), specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), `${target}.ts`, path.join(target, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate));
}

type Graph = Map<string, Set<string>>;

function importGraph(files: readonly string[]): Graph {
  const graph: Graph = new Map();
  for (const file of files) {
    const imported = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles;
    const targets = new Set<string>();
    for (const { fileName } of imported) {
      const target = resolveImport(file, fileName);
      if (target !== undefined) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components of more than one node (or a node importing itself): the cycles (Tarjan). */
function cycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** The same graph between folders (a file's directory), edges within one folder left out. */
function folderGraph(files: Graph): Graph {
  const graph: Graph = new Map();
  for (const [file, targets] of files) {
    const folder = path.dirname(file);
    const edges = graph.get(folder) ?? new Set<string>();
    for (const target of targets) if (path.dirname(target) !== folder) edges.add(path.dirname(target));
    graph.set(folder, edges);
  }
  return graph;
}

const relative = (component: string[]) => component.map((node) => path.relative(packagesRoot, node));

describe('the import graph of packages/*/src', () => {
  const files = importGraph(roots.flatMap(sources));

  it('has the three packages’ sources and their imports', () => {
    expect(files.size).toBeGreaterThan(100);
    const evaluate = path.join(packagesRoot, 'core', 'src', 'report', 'evaluate.ts');
    expect(files.get(evaluate)).toContain(path.join(packagesRoot, 'core', 'src', 'cost', 'cost-model.ts'));
  });

  it('has no cycle between files', () => {
    expect(cycles(files).map(relative)).toEqual([]);
  });

  it('has no cycle between folders', () => {
    expect(cycles(folderGraph(files)).map(relative)).toEqual([]);
  });

  it('would report a cycle, including one through a type-only import', () => {
    const graph: Graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
    const typeOnly = ts.preProcessFile("import type { X } from './x.js';\nexport * from './y.js';", true, true);
    expect(typeOnly.importedFiles.map((file) => file.fileName)).toEqual(['./x.js', './y.js']);
  });
});
