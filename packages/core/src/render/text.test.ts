import { describe, expect, it } from 'vitest';
import {
  makeReport,
  makeWorkload,
  supportBotBeforeTraining,
  supportBotWorkload,
  unpricedFineTune,
} from '../diff/__fixtures__/reports.js';
import { diffReports } from '../diff/diff.js';
import { evaluatePolicy } from '../diff/policy.js';
import { escapeMarkdown } from '../format/escape.js';
import { sensitivityLines, shownFactors } from './explanation.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape sequences.
const ANSI_SEQUENCE = /\u001b\[[0-9;]*m/g;

describe('renderText', () => {
  const base = makeReport([supportBotBeforeTraining()]);
  const head = makeReport([supportBotWorkload(), makeWorkload('summarize')]);
  const diff = diffReports(base, head);
  const policy = evaluatePolicy(diff, { failOn: { recommendationChange: true } });

  it('uses no colour unless asked', () => {
    const plain = renderText(diff, { color: false, policy });
    expect(plain).not.toContain('\u001b');
  });

  it('colours with plain ANSI codes when asked, around the same text', () => {
    const colored = renderText(diff, { color: true, policy });
    expect(colored).toContain('\u001b[1m');
    expect(colored).toContain('\u001b[32m');
    expect(colored.replace(ANSI_SEQUENCE, '')).toBe(renderText(diff, { color: false, policy }));
  });

  it('aligns each strategy table and marks the recommendation', () => {
    const text = renderText(head, { color: false });
    const lines = text.split('\n');
    const header = lines.findIndex((line) => line.includes('strategy') && line.includes('per request'));
    const table = lines.slice(header, header + 4);
    expect(table[2]).toMatch(/^ {2}\* fine-tune/);
    // Right-aligned money columns end at the same place on every row.
    const upfrontEnd = table[0]!.indexOf('upfront') + 'upfront'.length;
    for (const row of table.slice(1)) expect(row.slice(upfrontEnd - 3, upfrontEnd + 1)).toMatch(/^\.\d\d $/);
    expect(table[1]).toContain('$0.009825');
    expect(text).toContain('Recommendation: fine-tune (confidence 64%)');
    expect(text).toContain('Break-even: 295,211 requests/month; payback: month 10');
    expect(text).toContain('as of 2026-11-28; prices checked 2026-11-20');
  });

  it('shows the change against the base, removed workloads and the policy', () => {
    const withRemoval = diffReports(makeReport([supportBotBeforeTraining(), makeWorkload('old')]), head);
    const text = renderText(withRemoval, { color: false, policy });
    expect(text).toContain('[was prompt]');
    expect(text).toContain('summarize  model example/large');
    expect(text).toContain('removed old: ran prompt, bill $933.33/month');
    // old and the added summarize both run prompt at $933.33 a month: the bill stays.
    expect(text).toContain('Monthly bill (what runs today): $5,291.37 → $5,291.37, unchanged.');
    expect(text).toContain('[confidence was 90%]');
    expect(text).toContain('Policy failed: 1 new violation.');
    expect(text).toContain('  - [new] recommendationChange:');
  });

  it('keeps escape sequences in usage-file strings from reaching the terminal', () => {
    const report = makeReport([makeWorkload('evil', { name: 'Evil\u001b[2J\nname' })]);
    const text = renderText(report, { color: false });
    expect(text).not.toContain('\u001b');
    expect(text).toContain('Evil\\u{1b}[2J\\u{a}name (evil)');
  });

  it('lists the top factors only when asked, strongest first', () => {
    const workload = supportBotWorkload();
    const text = renderText(makeReport([workload]), { color: false, topFactors: 2 });
    expect(text).toContain('+2 fine-tune: Over 12 months');
    expect(text).toContain('+1 fine-tune: 2,000 high-quality');
    expect(text).not.toContain('Retraining every 2 months');
  });

  it('shows the same factors and sensitivity lines as the markdown, from the one rule in explanation.ts', () => {
    const workload = supportBotWorkload();
    const report = makeReport([workload]);
    const text = renderText(report, { color: false });
    const markdown = renderMarkdown({ report });
    const factors = shownFactors(workload);
    expect(factors.length).toBe(workload.factors.length);
    for (const factor of factors) expect(text).toContain(`    ${factor.weight} ${factor.favors}: ${factor.reason}`);
    // The comment keeps the strongest two, in the same order and wording.
    expect(markdown).toContain(`**Why** (2 of ${factors.length})`);
    for (const factor of factors.slice(0, 2)) {
      expect(markdown).toContain(`- ${factor.favors} ${factor.weight}: ${escapeMarkdown(factor.reason)}`);
    }
    const lines = sensitivityLines(workload);
    // Only the probes that flip the answer are shown.
    expect(lines.length).toBe(workload.sensitivity.filter((entry) => entry.changesAnswer).length);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(text).toContain(`    - ${line}`);
      expect(markdown).toContain(`- ${escapeMarkdown(line)}`);
    }
  });

  it('prints a blocker shared by fine-tune and hybrid once, naming both', () => {
    const text = renderText(makeReport([supportBotBeforeTraining()]), { color: false });
    const blocked = text.split('\n').filter((line) => line.trimStart().startsWith('blocked'));
    expect(blocked).toEqual(['  blocked fine-tune and hybrid: 30 training examples; fine-tuning needs at least 50.']);
  });

  it('prints blockers of one strategy with that strategy alone', () => {
    const workload = supportBotBeforeTraining();
    workload.strategies.hybrid = { ...workload.strategies.hybrid, feasible: true, blockers: [] };
    const text = renderText(makeReport([workload]), { color: false });
    expect(text).toContain('  blocked fine-tune: 30 training examples; fine-tuning needs at least 50.');
    expect(text).not.toContain('blocked hybrid');
  });

  it('shows no latency for a strategy that could not be priced', () => {
    const text = renderText(makeReport([unpricedFineTune()]), { color: false });
    const rows = text.split('\n').filter((line) => /^ {2}[ *] (fine-tune|hybrid) /.test(line));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatch(/ n\/a {2}no$/);
      expect(row).not.toContain(' ms');
    }
  });
});
