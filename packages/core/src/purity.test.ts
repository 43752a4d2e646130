import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// core runs in Node, edge runtimes and browsers: its sources touch no file system, process or network.
const root = path.dirname(new URL(import.meta.url).pathname);

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Drops block and line comments (not inside strings; good enough for this codebase's sources). */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('@tunewise/core is I/O-free', () => {
  const files = sources(root);

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports nothing from node:, fs, http or child_process and uses no process, fetch or require', () => {
    const offences: string[] = [];
    const forbidden = [
      /from ['"](node:|fs|path|os|http|https|net|child_process|worker_threads)['"/]/,
      /\bprocess\.\w/,
      /\bfetch\(/,
      /\brequire\(/,
      /\bBuffer\./,
    ];
    for (const file of files) {
      // Doc comments may show how callers use the API (`process.exitCode = …`); only code counts.
      const text = stripComments(readFileSync(file, 'utf8'));
      for (const pattern of forbidden) {
        if (pattern.test(text)) offences.push(`${path.relative(root, file)}: ${pattern}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('would catch a use of process in code but not in a comment', () => {
    expect(stripComments('/** process.exitCode = 1 */\nconst a = 1; // process.env')).not.toMatch(/process\./);
    expect(stripComments('const a = process.env.X;')).toMatch(/process\./);
  });

  it('depends only on zod and yaml at run time', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, '..', 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['yaml', 'zod']);
  });
});
