import { describe, expect, it } from 'vitest';
import {
  claimsWorkload,
  makeReport,
  makeWorkload,
  supportBotBeforeTraining,
  supportBotWorkload,
  unpricedFineTune,
} from '../diff/__fixtures__/reports.js';
import { diffReports } from '../diff/diff.js';
import { evaluatePolicy } from '../diff/policy.js';
import { commentMarker, renderMarkdown } from './markdown.js';

const NASTY_NAME =
  'Evil <script>alert(1)</script> @octocat `rm -rf /` a|b\nnext line **x** [link](https://evil.example)';

function nastyReport() {
  const workload = makeWorkload('evil|id', {
    name: NASTY_NAME,
    model: 'acme/`model`|<iframe>',
    factors: [{ id: 'cost', favors: 'prompt', weight: 1, reason: 'Ping @octocat about <img src=x onerror=alert(1)>' }],
    whatWouldChange: ['Line one\n| injected | row |'],
    nextSteps: ['Ask @org/team'],
  });
  workload.strategies.prompt = { ...workload.strategies.prompt, model: workload.model };
  return makeReport([workload]);
}

describe('renderMarkdown', () => {
  it('puts the hidden marker first, whether given bare or as a comment', () => {
    const report = makeReport([makeWorkload('a')]);
    expect(
      renderMarkdown({ report, marker: 'tunewise:llm-usage.yml' }).startsWith('<!-- tunewise:llm-usage.yml -->\n'),
    ).toBe(true);
    expect(renderMarkdown({ report, marker: '<!-- tunewise:llm-usage.yml -->' }).split('\n')[0]).toBe(
      '<!-- tunewise:llm-usage.yml -->',
    );
    expect(renderMarkdown({ report, marker: 'x --> <b>hi</b>' }).split('\n')[0]).toBe(
      '<!-- x -\u200b-&gt; <b&gt;hi</b&gt; -->',
    );
    // Runs of dashes never leave "--", and distinct texts keep distinct markers.
    expect(commentMarker('a---b')).toBe('<!-- a-\u200b-\u200b-b -->');
    expect(commentMarker('a--b')).not.toBe(commentMarker('a-b'));
    expect(renderMarkdown({ report }).startsWith('## ')).toBe(true);
  });

  it('says "first report" for a diff without a base, and gives the change otherwise', () => {
    const head = makeReport([supportBotWorkload()]);
    const first = renderMarkdown({ report: head, diff: diffReports(null, head) });
    expect(first).toContain('First report for this usage file');
    expect(first).not.toMatch(/\+100/);
    // Both sides run prompt ($4,358.04 a month, w1's prompt figures): the bill stays; the recommendation moves.
    const changed = renderMarkdown({ report: head, diff: diffReports(makeReport([supportBotBeforeTraining()]), head) });
    expect(changed).toContain('**This change leaves the monthly bill at $4,358.04**');
    // The saving is said once, above the table, not again in the row.
    expect(changed).toContain('Switching support-bot to fine-tune would save **$333.58 a month**.');
    expect(changed.match(/\$333\.58/g)).toHaveLength(1);
    expect(changed).toContain(
      '| support-bot | prompt | $4,358.04 → $4,358.04 | no change | prompt → **fine-tune** (confidence 90% → **64%**) |',
    );
  });

  it('says so when there are no workloads', () => {
    const body = renderMarkdown({ report: makeReport([]) });
    expect(body).toContain('| _no workloads_ | | | |');
    expect(body).not.toContain('<details>');
  });

  it('lists removed workloads in the summary', () => {
    const head = makeReport([supportBotWorkload()]);
    const body = renderMarkdown({
      report: head,
      diff: diffReports(makeReport([supportBotWorkload(), makeWorkload('old')]), head),
    });
    expect(body).toContain('| ~~old~~ (removed) | prompt | $933.33 → removed | -$933.33 | |');
    expect(body).toContain('Unchanged: support-bot.');
    expect(body).not.toContain('| support-bot |');
  });

  it('shows the policy verdict and each violation', () => {
    const base = makeReport([supportBotBeforeTraining()]);
    const head = makeReport([supportBotWorkload()]);
    const diff = diffReports(base, head);
    const policy = evaluatePolicy(diff, { failOn: { recommendationChange: true } });
    const body = renderMarkdown({ report: head, diff, policy });
    expect(body).toContain('### Policy\n\n❌ **Policy failed: 1 new violation.**');
    expect(body).toContain('- ❌ recommendationChange: Workload &quot;support-bot&quot; changes');
  });

  it('escapes every string from the usage file: HTML, @mentions, pipes, backticks, newlines', () => {
    const body = renderMarkdown({ report: nastyReport() });
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<iframe>');
    expect(body).not.toMatch(/@(octocat|org)/);
    expect(body).not.toContain('`rm');
    expect(body).not.toContain('](https://evil');
    expect(body).not.toContain('next line'.replace(' ', '\n'));
    expect(body).toContain('@&#8203;octocat');
    // Every table row keeps its column count: the injected pipes are entities.
    const summaryRow = body.split('\n').find((line) => line.startsWith('| Evil'));
    expect(summaryRow?.match(/\|/g)).toHaveLength(5);
    expect(body).not.toContain('| injected | row |');
    const strategyRows = body.split('\n').filter((line) => line.startsWith('| **prompt**'));
    expect(strategyRows).toHaveLength(1);
    for (const row of strategyRows) expect(row.match(/\|/g)).toHaveLength(8);
  });

  it('draws the chart the report carries: palette in the init directive, legend naming colours, y from 0, no table', () => {
    const workload = supportBotWorkload();
    const body = renderMarkdown({ report: makeReport([workload]) });
    expect(body).toContain('xychart-beta');
    expect(body).toContain(
      '%%{init: {"xyChart":{"width":480,"height":300},"themeVariables":{"xyChart":{"plotColorPalette":"#0072B2, #D55E00, #009E73"}}}}%%',
    );
    expect(body).toContain('prompt blue, fine-tune vermillion, hybrid green');
    expect(body).toContain('requests/month" ["0", "100k"');
    expect(body).toContain('steps of 100k.');
    expect(body).toMatch(/y-axis "USD" 0 --> \d+/);
    // Each line is the report's own points, rounded to whole dollars, and no table repeats them.
    expect(body).toContain(`line [${workload.chart.series.prompt!.map((value) => Math.round(value)).join(', ')}]`);
    expect(body).not.toContain('| Requests/month |');
  });

  it('draws self-hosted strategies too, from the points the cost model computed', () => {
    const workload = claimsWorkload();
    const body = renderMarkdown({ report: makeReport([workload]) });
    expect(body).not.toContain('Not drawn');
    // Over $10,000 a month the axis counts thousands of USD, to one decimal.
    expect(body).toMatch(/y-axis "USD thousands" 0 --> \d+/);
    const thousands = workload.chart.series.fineTune!.map((value) => Math.round(value / 100) / 10);
    expect(body).toContain(`line [${thousands.join(', ')}]`);
  });

  it('keeps a 400-workload report under 65,000 characters and says what it trimmed', () => {
    const workloads = Array.from({ length: 400 }, (_, index) =>
      makeWorkload(`workload-${String(index).padStart(3, '0')}`),
    );
    const base = makeReport(workloads.slice(0, 200));
    const head = makeReport(workloads);
    const diff = diffReports(base, head);
    const body = renderMarkdown({ report: head, diff, marker: 'tunewise:llm-usage.yml' });
    expect(body.length).toBeLessThanOrEqual(65000);
    expect(body).toContain("Trimmed to fit GitHub's comment size limit");
    // Only the 200 added workloads have details; the unchanged ones are the one line.
    expect(body).toContain('the factors, what would change and next steps of 200 workloads');
    // The summary table names every added workload; the unchanged ones share one line; added ones keep their
    // details longest.
    expect(body).toContain('| workload-399 (new) |');
    expect(body).toContain('Unchanged: workload-000, workload-001,');
    expect(body.indexOf('| workload-200 (new) |')).toBeLessThan(body.indexOf('Unchanged: workload-000'));
    expect(body).toContain('<summary><b>workload-200</b>');
    expect(body).not.toContain('<summary><b>workload-000</b>');
    expect(body.trimEnd().endsWith('</sub>')).toBe(true);
  });

  it('trims factors and next steps before whole details, from the last workload up', () => {
    const report = makeReport([makeWorkload('first'), makeWorkload('second'), makeWorkload('third')]);
    const full = renderMarkdown({ report });
    expect(full).not.toContain('Trimmed');
    const trimmed = renderMarkdown({ report }, { maxLength: full.length - 1 });
    expect(trimmed.length).toBeLessThan(full.length);
    expect(trimmed).toContain('Trimmed');
    const detailsOf = (id: string) => trimmed.slice(trimmed.indexOf(`<summary><b>${id}</b>`)).split('</details>')[0]!;
    expect(detailsOf('first')).toContain('**Why**');
    expect(detailsOf('third')).not.toContain('**Why**');
    expect(detailsOf('third')).toContain('| Strategy |');
  });

  it('drops rows of the summary table last, and cuts hard only below any sensible limit', () => {
    const report = makeReport(Array.from({ length: 30 }, (_, index) => makeWorkload(`w${index}`)));
    const small = renderMarkdown({ report }, { maxLength: 1800 });
    expect(small.length).toBeLessThanOrEqual(1800);
    expect(small).toMatch(/rows? of the summary table/);
    expect(small).toContain('more workloads (see the JSON report)');
    const tiny = renderMarkdown({ report }, { maxLength: 200 });
    expect(tiny.length).toBeLessThanOrEqual(200);
  });

  it('leaves out the rows of blocked strategies that could not be priced, and names them under the table', () => {
    const body = renderMarkdown({ report: makeReport([unpricedFineTune()]) });
    const tableRows = body.split('\n').filter((line) => /^\| (\*\*)?(prompt|fine-tune|hybrid)\b/.test(line));
    // Only prompt has figures; a row of "n/a" cells would say nothing the blocker line does not.
    expect(tableRows).toHaveLength(1);
    expect(tableRows[0]).toMatch(/^\| \*\*prompt\*\* ✓ \(runs\) \| large \| \$0.002 \|/);
    expect(body).not.toContain('n/a');
    // The blocker is a line under the table, once for both strategies.
    expect(body).toContain('Blocked (fine-tune and hybrid): example/small cannot be fine-tuned.');
  });
});
