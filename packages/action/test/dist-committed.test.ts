import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// GitHub runs dist/ as committed: index.js and the chunks it imports (the tokenizer encodings load on demand from
// their own files). `npm test` builds it first (turbo), so the files on disk are a fresh build of src/ and the
// packages it bundles: they must equal the committed ones, file for file. Fix: rebuild and commit dist/.
const packageDirectory = path.resolve(import.meta.dirname, '..');
const distDirectory = path.join(packageDirectory, 'dist');
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: packageDirectory, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('packages/action/dist', () => {
  const built = readdirSync(distDirectory).sort();
  const committed = git('ls-tree', '--name-only', 'HEAD', 'dist/')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => path.basename(line))
    .sort();

  it('holds the same files as the commit (no stale chunk left behind, none missing)', () => {
    expect(built).toContain('index.js');
    expect(built.length).toBeGreaterThan(1);
    expect(built, 'dist/ differs from the committed file list: run `npm run build` and commit dist/').toEqual(
      committed,
    );
  });

  it.each(built)('dist/%s is committed as a fresh build produces it', (file) => {
    const fresh = readFileSync(path.join(distDirectory, file), 'utf8');
    expect(fresh.length).toBeGreaterThan(0);
    expect(
      committed.includes(file) && fresh === git('show', `HEAD:./dist/${file}`),
      `dist/${file} differs from the committed bundle: run \`npm run build\` and commit dist/`,
    ).toBe(true);
  });
});

describe('the action’s first load', () => {
  // What Node reads before run() starts: index.js and every chunk it imports statically, transitively.
  const staticImports = (file: string) =>
    [
      ...readFileSync(path.join(distDirectory, file), 'utf8').matchAll(
        /(?:^|[;}\s])import\s*[^();]*?from\s*["']\.\/([^"']+)["']/g,
      ),
    ].map((match) => match[1]!);
  const firstLoad = new Set<string>(['index.js']);
  for (const file of firstLoad) for (const imported of staticImports(file)) firstLoad.add(imported);

  it('is under 2 MB', () => {
    const bytes = [...firstLoad].reduce((total, file) => total + statSync(path.join(distDirectory, file)).size, 0);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
  });

  it('leaves each tokenizer encoding in its own chunk, imported only on demand', () => {
    const encodings = readdirSync(distDirectory).filter((file) => /^(o200k_base|cl100k_base)-/.test(file));
    expect(encodings).toHaveLength(2);
    for (const encoding of encodings) expect(firstLoad.has(encoding)).toBe(false);
    const index = readFileSync(path.join(distDirectory, 'index.js'), 'utf8');
    for (const encoding of encodings) expect(index).toContain(`import("./${encoding}")`);
  });
});
