import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffReports } from '../diff/diff.js';
import { parseUsageFile } from '../parse/parse-usage-file.js';
import { evaluate } from '../report/evaluate.js';
import type { UsageFile } from '../schema/usage-file.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

// The figures are those of report/quality.test.ts (hand-computed there from report/__fixtures__/quality-flip.yml).
function fixture(name: string, edit: (text: string) => string = (text) => text): UsageFile {
  const text = readFileSync(new URL(`../report/__fixtures__/${name}.yml`, import.meta.url), 'utf8');
  return parseUsageFile(edit(text), { fileName: `${name}.yml` }).usageFile;
}
const asOf = '2026-12-01';

describe('measured quality in the text and markdown reports', () => {
  const report = evaluate(fixture('quality-flip'), { asOf });

  it('shows each pass rate with its interval and n, the failure cost, and the unmeasured strategy', () => {
    const text = renderText(report, { color: false });
    if (process.env.SHOW) console.log(text);
    expect(text).toContain('Measured quality (exact match on 500 held-out tickets; $0.40 per failure):');
    expect(text).toMatch(
      /prompt: 86\.2% passed \(90% interval 83\.4%–88\.5%, n = 500\); failures \$22,080(\.00)? in month 1 at 13\.8%/,
    );
    expect(text).toMatch(
      /fine-tune: 94\.4% passed \(90% interval 92\.4%–95\.8%, n = 500\); failures \$8,960(\.00)? in month 1 at 5\.6%/,
    );
    expect(text).toContain('hybrid: not measured; its cost has no failure line, so comparisons with it are partial');
    expect(text).toContain('fine-tune against prompt: distinguishable');
  });

  it('puts pass rates and failure costs in a markdown table', () => {
    const markdown = renderMarkdown({ report });
    if (process.env.SHOW) console.log(markdown);
    expect(markdown).toContain(
      '| Strategy | Pass rate | 90% interval | n | Failures / month (avg) | Avg / month without failures |',
    );
    expect(markdown).toMatch(/\| fine-tune \| 94\.4% \| 92\.4%–95\.8% \| 500 \| \$8,960(\.00)? \| \$524\.17 \|/);
    expect(markdown).toMatch(/\| hybrid \| not measured \| \| \| not counted \|/);
  });

  it('says how many more cases to label when the strategies cannot be told apart', () => {
    const close = evaluate(fixture('quality-too-close'), { asOf });
    const text = renderText(close, { color: false });
    expect(text).toContain('fine-tune against prompt: not yet distinguishable');
    expect(text).toContain('label about 9,713 more cases per strategy (10,213 each)');
    expect(text).toContain('at 6.0% (the prompt’s rate: not yet told apart from it)');
    expect(renderMarkdown({ report: close })).toContain('label about 9,713 more cases per strategy');
  });

  it('escapes the metric, which comes from the usage file', () => {
    const hostile = evaluate(
      fixture('quality-flip', (text) => text.replace('exact match on 500 held-out tickets', '"<img src=x> @team #12"')),
      { asOf },
    );
    const markdown = renderMarkdown({ report: hostile });
    expect(markdown).not.toContain('<img');
    expect(markdown).toContain('&lt;img src=x&gt; @&#8203;team #&#8203;12');
  });

  it('shows the change in pass rate on a pull request that changes eval results', () => {
    const head = evaluate(
      fixture('quality-flip', (text) => text.replace('fineTune: { passed: 472', 'fineTune: { passed: 460')),
      { asOf },
    );
    const diff = diffReports(report, head);
    // 472/500 = 94.4% → 460/500 = 92.0%: −2.4 points.
    const line = 'ticket-triage fine-tune: pass rate 94.4% → 92.0% (-2.4 points; 472/500 → 460/500)';
    expect(renderText(diff, { color: false })).toContain(line);
    expect(renderMarkdown({ report: head, diff })).toContain(`### Measured pass rates\n\n- ${line}`);
    expect(renderMarkdown({ report, diff: diffReports(report, report) })).not.toContain('Measured pass rates');
  });
});
