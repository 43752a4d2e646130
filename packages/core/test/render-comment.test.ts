/**
 * The comment for the README's example, rendered as GitHub renders it in a real browser (scripts/render-comment.mjs:
 * markdown-it, github-markdown-css, mermaid 11, Debian's Chromium through puppeteer-core), run as a child process
 * on the built core. Skipped, saying why, only where no Chromium is installed (`apt-get install -y chromium`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
const chromium = '/usr/bin/chromium';
const hasBrowser = existsSync(chromium);

interface Rendered {
  comment: 'pull-request' | 'first-report';
  width: number;
  contentWidth: number;
  tables: Array<{ firstCell: string; width: number }>;
  parsed: Array<{ ok: boolean; error?: string }>;
  charts: Array<{ svg: boolean; width: number }>;
}

describe('the README example comment in a real browser', () => {
  it.skipIf(!hasBrowser)(
    hasBrowser
      ? 'fits every table in a 900 px timeline, and every mermaid block parses (mermaid.parse) and draws'
      : `skipped: no Chromium at ${chromium} (apt-get install -y chromium)`,
    () => {
      const run = spawnSync(process.execPath, [path.join(root, 'scripts/render-comment.mjs'), '--check'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const { results, problems } = JSON.parse(run.stdout) as { results: Rendered[]; problems: string[] };
      expect(problems).toEqual([]);
      const timelines = results.filter((result) => result.width === 900);
      expect(timelines.map((result) => result.comment)).toEqual(['pull-request', 'first-report']);
      for (const timeline of timelines) {
        expect(timeline.tables.length).toBeGreaterThan(0);
        for (const table of timeline.tables) expect(table.width).toBeLessThanOrEqual(timeline.contentWidth);
        expect(timeline.parsed.every((entry) => entry.ok)).toBe(true);
        expect(timeline.charts.every((chart) => chart.svg && chart.width > 0)).toBe(true);
      }
      // The first report of the example draws at least one chart, so mermaid.parse has something to check.
      expect(timelines.flatMap((timeline) => timeline.parsed).length).toBeGreaterThan(0);
    },
    120_000,
  );

  it('the README shows both images, which the same script writes', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const width of [900, 400]) {
      expect(readme).toContain(`<img src="docs/comment-${width}.png"`);
      expect(existsSync(path.join(root, 'docs', `comment-${width}.png`))).toBe(true);
    }
    expect(readme).toContain('`npm run render:comment` regenerates both images');
  });
});
