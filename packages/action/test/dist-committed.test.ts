import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// GitHub runs dist/index.js as committed. `npm test` builds it first (turbo), so the file on disk is a fresh build
// of src/ and the packages it bundles: it must equal the committed one. Fix: rebuild and commit dist/index.js.
const packageDirectory = path.resolve(import.meta.dirname, '..');

describe('packages/action/dist/index.js', () => {
  it('is committed as a fresh build produces it', () => {
    const built = readFileSync(path.join(packageDirectory, 'dist', 'index.js'), 'utf8');
    const committed = execFileSync('git', ['show', 'HEAD:./dist/index.js'], {
      cwd: packageDirectory,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(built.length).toBeGreaterThan(100_000);
    expect(
      built === committed,
      'dist/index.js differs from the committed bundle: run `npm run build` and commit it',
    ).toBe(true);
  });
});
