import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// README.md shows real output of the built CLI; this keeps it true. Regenerate with
// `npm run build && node scripts/readme.mjs --write`.
const root = path.resolve(import.meta.dirname, '../../..');

describe('README.md', () => {
  it('shows the output the CLI prints today for its pinned date', async () => {
    const { renderReadme } = (await import(path.join(root, 'scripts/readme.mjs'))) as {
      renderReadme: (text: string) => string;
    };
    const text = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(renderReadme(text)).toBe(text);
  });

  it('names the two commands, and .ci/run runs the test one', () => {
    const text = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(text).toContain('npm ci && npm start');
    expect(text).toContain('npm ci && npm test');
    const ci = readFileSync(path.join(root, '.ci/run'), 'utf8');
    expect(ci).toContain('npm ci');
    expect(ci).toContain('npm test');
  });
});
