// Renders the pull-request comment for the README's example as GitHub shows it, in a real browser, and checks it.
//
// The example: examples/llm-usage.yml, and a pull request that doubles support-triage's volume and adds 500
// instruction tokens (the case of issue 15). The comment is core's renderMarkdown output, turned into HTML with
// markdown-it (tables, strikethrough, raw HTML for <details> and <sub>, as GitHub-flavoured markdown allows),
// styled with github-markdown-css, its mermaid blocks drawn by mermaid 11 (GitHub's major version), in Debian's
// Chromium driven by puppeteer-core (no browser download).
//
//   npm run build && npm run render:comment            # writes docs/comment-900.png and docs/comment-400.png
//   npx node scripts/render-comment.mjs --check        # only the checks, as JSON on stdout; exit 1 on a failure
//
// Checks, at 900 px (a pull request's timeline) with every <details> opened: no table is wider than the comment,
// and every mermaid block parses with mermaid's own parser (mermaid.parse) and draws an SVG.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';
const AS_OF = '2026-11-28';
const WIDTHS = [900, 400];

async function exampleComments() {
  const core = await import(pathToFileURL(path.join(root, 'packages/core/dist/index.js')).href);
  const fileName = 'llm-usage.yml';
  const { usageFile: base } = core.parseUsageFile(readFileSync(path.join(root, 'examples', fileName), 'utf8'), {
    fileName,
  });
  const head = {
    ...base,
    workloads: base.workloads.map((workload) =>
      workload.id === 'support-triage'
        ? {
            ...workload,
            volume: { ...workload.volume, requestsPerMonth: workload.volume.requestsPerMonth * 2 },
            prompt: { ...workload.prompt, instructionTokens: (workload.prompt.instructionTokens ?? 0) + 500 },
          }
        : workload,
    ),
  };
  const baseReport = core.evaluate(base, { asOf: AS_OF });
  const headReport = core.evaluate(head, { asOf: AS_OF });
  const diff = core.diffReports(baseReport, headReport, {
    attribution: { base: { usageFile: base, asOf: AS_OF }, head: { usageFile: head, asOf: AS_OF } },
  });
  const pullRequest = core.renderMarkdown({
    report: headReport,
    diff,
    policy: core.evaluatePolicy(diff, head.policy),
    marker: 'tunewise:llm-usage.yml',
  });
  // The first report shows every workload, so every kind of chart and table is checked too.
  return { pullRequest, firstReport: core.renderMarkdown({ report: baseReport }) };
}

function htmlOf(markdown, width) {
  const MarkdownIt = require('markdown-it');
  const renderer = new MarkdownIt({ html: true, linkify: false });
  const defaultFence = renderer.renderer.rules.fence;
  renderer.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index];
    if (token.info.trim() !== 'mermaid') return defaultFence(tokens, index, options, env, self);
    return `<pre class="mermaid">${renderer.utils.escapeHtml(token.content)}</pre>`;
  };
  const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
    body { margin: 0; background: #fff; }
    .markdown-body { box-sizing: border-box; width: ${width}px; padding: 16px; }
  </style></head><body><article class="markdown-body">${renderer.render(markdown)}</article></body></html>`;
}

/** Renders the comment at `width`, opens every <details>, draws the charts and measures tables and charts. */
async function renderAt(browser, markdown, width, screenshotPath) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 800, deviceScaleFactor: 1 });
  await page.setContent(htmlOf(markdown, width), { waitUntil: 'load' });
  await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
  const result = await page.evaluate(async () => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    const blocks = [...document.querySelectorAll('pre.mermaid')];
    const parsed = [];
    for (const block of blocks) {
      try {
        await window.mermaid.parse(block.textContent);
        parsed.push({ ok: true });
      } catch (error) {
        parsed.push({ ok: false, error: String(error?.message ?? error) });
      }
    }
    window.mermaid.initialize({ startOnLoad: false });
    await window.mermaid.run({ nodes: blocks });
    const article = document.querySelector('.markdown-body');
    const contentWidth = article.clientWidth - 32;
    const tables = [...document.querySelectorAll('table')].map((table) => ({
      firstCell: table.querySelector('th')?.textContent ?? '',
      width: Math.ceil(table.scrollWidth),
    }));
    const charts = [...document.querySelectorAll('pre.mermaid')].map((block) => ({
      svg: block.querySelector('svg') !== null,
      width: Math.ceil(block.querySelector('svg')?.getBoundingClientRect().width ?? 0),
    }));
    return { contentWidth, tables, parsed, charts, height: document.body.scrollHeight };
  });
  if (screenshotPath !== undefined) {
    await page.screenshot({ path: screenshotPath, fullPage: true });
  }
  await page.close();
  return { width, ...result };
}

/** Renders the example comment at 900 and 400 px; writes the PNGs unless `check` only. */
export async function renderComment({ check = false } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install -y chromium`);
  const puppeteer = (await import('puppeteer-core')).default;
  const { pullRequest, firstReport } = await exampleComments();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
  });
  try {
    const docs = path.join(root, 'docs');
    if (!check) await mkdir(docs, { recursive: true });
    const results = [];
    for (const width of WIDTHS) {
      const screenshot = check ? undefined : path.join(docs, `comment-${width}.png`);
      results.push({ comment: 'pull-request', ...(await renderAt(browser, pullRequest, width, screenshot)) });
    }
    results.push({ comment: 'first-report', ...(await renderAt(browser, firstReport, 900, undefined)) });
    const problems = results
      .filter((result) => result.width === 900)
      .flatMap((timeline) => [
        ...timeline.tables
          .filter((table) => table.width > timeline.contentWidth)
          .map(
            (table) =>
              `${timeline.comment}: table "${table.firstCell}" is ${table.width} px wide in a ${timeline.contentWidth} px comment`,
          ),
        ...timeline.parsed
          .map((entry, index) =>
            entry.ok ? undefined : `${timeline.comment}: mermaid block ${index + 1} does not parse: ${entry.error}`,
          )
          .filter((problem) => problem !== undefined),
        ...timeline.charts
          .map((chart, index) =>
            chart.svg ? undefined : `${timeline.comment}: mermaid block ${index + 1} drew no SVG`,
          )
          .filter((problem) => problem !== undefined),
      ]);
    return { results, problems };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const { results, problems } = await renderComment({ check });
  process.stdout.write(`${JSON.stringify({ results, problems }, null, 2)}\n`);
  if (!check) process.stderr.write(`wrote ${WIDTHS.map((width) => `docs/comment-${width}.png`).join(' and ')}\n`);
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`);
    process.exitCode = 1;
  }
}
