import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/ is cited from code ("docs/decision.md rule 9", "docs/lifecycle.md#the-dates") and linked from the READMEs.
// A citation that points nowhere is worse than none, so every one must resolve: the file, and the heading when one
// is named.
const root = path.resolve(import.meta.dirname, '../../..');

const trackedFiles = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean);
const docsFiles = trackedFiles.filter((file) => file.startsWith('docs/') && file.endsWith('.md'));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function headingsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return [...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => match[1]!);
}

/** Why `target` (repo-relative file, optional #anchor) does not resolve, or undefined when it does. */
function problemWith(target: string): string | undefined {
  const [file = '', anchor] = target.split('#');
  if (!existsSync(path.join(root, file))) return `no file ${file}`;
  if (anchor === undefined || anchor === '' || !file.endsWith('.md')) return undefined;
  return headingsOf(file).map(slugOf).includes(anchor) ? undefined : `no heading #${anchor} in ${file}`;
}

/** Relative links of a markdown file, as repo-relative targets (external links and bare anchors left out). */
function linksOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((link) => !/^[a-z]+:/i.test(link))
    .map((link) => {
      if (link.startsWith('#')) return `${file}${link}`;
      const [linkPath = '', anchor] = link.split('#');
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), linkPath)).replace(/\/$/, '');
      return anchor === undefined ? resolved : `${resolved}#${anchor}`;
    });
}

describe('docs/', () => {
  it('holds the documents the code and the READMEs cite', () => {
    for (const name of ['cost-model', 'decision', 'lifecycle', 'report', 'attribution', 'api']) {
      expect(docsFiles).toContain(`docs/${name}.md`);
    }
  });

  it('has rules 1 to 10 as headings of docs/decision.md, so "docs/decision.md rule N" resolves', () => {
    const headings = headingsOf('docs/decision.md');
    for (let rule = 1; rule <= 10; rule += 1) {
      expect(
        headings.some((heading) => heading.startsWith(`Rule ${rule}:`)),
        `Rule ${rule}`,
      ).toBe(true);
    }
  });

  it('links only to files and headings that exist, from docs/ and from every README', () => {
    const readmes = trackedFiles.filter((file) => /(^|\/)README\.md$/.test(file) && !file.includes('__fixtures__'));
    const problems = [...docsFiles, ...readmes].flatMap((file) =>
      linksOf(file).flatMap((target) => {
        const problem = target.startsWith('docs') || docsFiles.includes(file) ? problemWith(target) : undefined;
        return problem === undefined ? [] : [`${file}: ${problem}`];
      }),
    );
    expect(problems).toEqual([]);
    expect(linksOf('README.md').filter((target) => target.startsWith('docs/')).length).toBeGreaterThanOrEqual(6);
  });

  it('resolves every docs/ citation in code, with its heading or rule', () => {
    const code = trackedFiles.filter(
      (file) =>
        /\.(ts|mts|mjs|js)$/.test(file) && !file.includes('/dist/') && file !== 'packages/sdk/test/docs.test.ts',
    );
    const problems: string[] = [];
    let citations = 0;
    for (const file of code) {
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const match of text.matchAll(/\bdocs\/([a-z0-9-]+\.md)(#[a-z0-9-]+)?(?:'s)?(?: rule (\d+))?/g)) {
        citations += 1;
        const [, name, anchor = '', rule] = match;
        const problem = problemWith(`docs/${name}${anchor}`);
        if (problem !== undefined) problems.push(`${file}: ${problem}`);
        if (rule !== undefined && !headingsOf(`docs/${name}`).some((heading) => heading.startsWith(`Rule ${rule}:`))) {
          problems.push(`${file}: no "Rule ${rule}:" heading in docs/${name}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The code does cite them (about 20 comments); a pattern that found nothing would prove nothing.
    expect(citations).toBeGreaterThan(15);
  });
});
