import { describe, expect, it } from 'vitest';
import { makeReport, supportBotBeforeTraining, supportBotWorkload } from '../diff/__fixtures__/reports.js';
import type { CostAttribution } from '../diff/attribution.js';
import { diffReports } from '../diff/diff.js';
import { attributionMarkdown, attributionText, attributionTextLines } from './attribution.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

// Hand-made parts (no model figures): what matters here is the wording, the order and the escaping.
const attribution: CostAttribution = {
  parts: [
    { driver: 'volume', averageMonthly: 2100, total: 25200 },
    {
      driver: 'tokens',
      averageMonthly: 180,
      total: 2160,
      promptFiles: [{ path: 'prompts/system.md', base: 1000, head: 1471, delta: 471 }],
    },
    { driver: 'models', averageMonthly: 0.001, total: 0.012 },
    { driver: 'assumptions', averageMonthly: -50.5, total: -606 },
    { driver: 'recommendation', averageMonthly: -20, total: -240, switched: { from: 'prompt', to: 'fine-tune' } },
  ],
};

function diffWith(value: CostAttribution, name = 'Support bot') {
  const base = makeReport([supportBotBeforeTraining()]);
  const head = makeReport([{ ...supportBotWorkload(), name }]);
  const diff = diffReports(base, head);
  diff.workloads[0]!.attribution = value;
  return diff;
}

describe('attribution rendering', () => {
  it('prints one line of drivers in order, leaving out parts under half a cent', () => {
    expect(attributionText(attribution)).toBe(
      'volume +$2,100.00; prompt tokens +$180.00 (prompts/system.md +471 tokens); ' +
        'assumptions and effort -$50.50; switch of what runs -$20.00 (prompt → fine-tune)',
    );
    expect(attributionText({ parts: [{ driver: 'volume', averageMonthly: 0.004, total: 0 }] })).toBeUndefined();
  });

  it('gives the comment a "Why the bill moved" section with the workload name escaped', () => {
    const section = attributionMarkdown(diffWith(attribution, 'Bot <b>*x*</b>'));
    expect(section).toContain('### Why the bill moved');
    expect(section).not.toContain('<b>');
    expect(section).toContain('volume +$2,100.00');
    const comment = renderMarkdown({ report: diffWith(attribution).head, diff: diffWith(attribution) });
    expect(comment).toContain('- **Support bot**: volume +$2,100.00; prompt tokens +$180.00');
  });

  it('gives the terminal the same line per workload', () => {
    const diff = diffWith(attribution);
    expect(attributionTextLines(diff)).toEqual([`why support-bot: ${attributionText(attribution)}`]);
    expect(renderText(diff, { color: false })).toContain(`why support-bot: ${attributionText(attribution)}`);
  });

  it('adds nothing without an attribution', () => {
    const diff = diffReports(makeReport([supportBotBeforeTraining()]), makeReport([supportBotWorkload()]));
    expect(attributionMarkdown(diff)).toBe('');
    expect(attributionTextLines(diff)).toEqual([]);
  });
});
