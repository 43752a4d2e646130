/**
 * The pull request the README's example is read through (issue 15): on examples/llm-usage.yml, support-triage's
 * volume doubles and its instructions grow by 500 tokens. The comment must lead with what that does to the bill
 * and the saving available, and stay short. Figures are the cost model's on the shipped catalog, asOf 2026-11-28.
 *
 *   UPDATE_GOLDEN=1 npx vitest run src/render/example-pr.test.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffReports } from '../diff/diff.js';
import { evaluatePolicy } from '../diff/policy.js';
import { formatSignedPercent, formatUsd } from '../format/index.js';
import { parseUsageFile } from '../parse/index.js';
import { evaluate } from '../report/index.js';
import type { UsageFile } from '../schema/usage-file.js';
import { expectGolden } from './__fixtures__/expect-golden.js';
import { renderMarkdown } from './markdown.js';

const asOf = '2026-11-28';
const base = parseUsageFile(readFileSync(new URL('../../../../examples/llm-usage.yml', import.meta.url), 'utf8'), {
  fileName: 'llm-usage.yml',
}).usageFile;
const head: UsageFile = {
  ...base,
  workloads: base.workloads.map((workload) =>
    workload.id === 'support-triage'
      ? {
          ...workload,
          volume: { ...workload.volume, requestsPerMonth: (workload.volume.requestsPerMonth as number) * 2 },
          prompt: { ...workload.prompt, instructionTokens: (workload.prompt.instructionTokens ?? 0) + 500 },
        }
      : workload,
  ),
};
const baseReport = evaluate(base, { asOf, toolVersion: '0.0.0-test' });
const headReport = evaluate(head, { asOf, toolVersion: '0.0.0-test' });
const diff = diffReports(baseReport, headReport, {
  attribution: { base: { usageFile: base, asOf }, head: { usageFile: head, asOf } },
});
const body = renderMarkdown({
  report: headReport,
  diff,
  policy: evaluatePolicy(diff, head.policy),
  marker: 'tunewise:llm-usage.yml',
});

/** Words a reader sees: the mermaid source is drawn, not read, and tags and table rules are markup. */
export function visibleWords(markdown: string): number {
  const text = markdown
    .replace(/```mermaid[\s\S]*?```/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\|[-:|]+\|/g, ' ');
  return text.split(/\s+/).filter((word) => /[A-Za-z0-9]/.test(word)).length;
}

describe("the README example's pull request (support-triage doubled, +500 instruction tokens)", () => {
  it("leads with the bill's change, then the saving available", () => {
    const triage = headReport.workloads.find((workload) => workload.id === 'support-triage')!;
    const bill = diff.totals.bill;
    expect(bill.delta).toBeGreaterThan(0);
    const [, firstParagraph, secondParagraph] = body.split('\n\n');
    const followed = headReport.totals.recommended.averageMonthly;
    const ifFollowed =
      Math.round((bill.head - followed) * 100) > 0
        ? `; following every recommendation: ${formatUsd(followed)} a month`
        : '';
    expect(firstParagraph).toBe(
      `**This change raises the monthly bill by ${formatUsd(bill.delta)} (${formatSignedPercent(bill.percent)})**: ` +
        `${formatUsd(bill.base)} → ${formatUsd(bill.head)}${ifFollowed}.`,
    );
    // The saving comes next whenever a workload has one; with the catalog of 2026-12-01 support-triage's
    // fine-tune base (Llama 3.1 8B Reference) has no fine-tuning price, so the example offers none.
    const withSaving = headReport.workloads.filter((workload) => workload.opportunity !== undefined);
    if (withSaving.length > 0) {
      expect(secondParagraph).toMatch(/^Switching [\w-]+ to [\w-]+ would save \*\*\$[\d,.]+ a month\*\*\./);
    } else {
      expect(body).not.toContain('would save');
      expect(secondParagraph!.startsWith('| Workload |')).toBe(true);
    }
    // The bill is what runs today (prompt): the head's prompt cost, not the recommended strategy's.
    expect(bill.delta).toBeCloseTo(
      triage.strategies.prompt.averageMonthly -
        baseReport.workloads.find((workload) => workload.id === 'support-triage')!.strategies.prompt.averageMonthly,
      3,
    );
  });

  it('offers the saving of switching when the recommendation is cheaper than what runs', () => {
    // The same pull request with support-triage's fine-tune priced (the catalog's figures of 2026-11-28 for the
    // Together LoRA base: $0.18 in and out, $0.48 training per 1M tokens).
    const priced: UsageFile = {
      ...head,
      models: {
        ...head.models,
        'together/meta-llama/Meta-Llama-3.1-8B-Instruct-Reference': {
          input: 0.18,
          output: 0.18,
          fineTuning: { training: 0.48, input: 0.18, output: 0.18 },
          sizeClass: 'small',
        },
      },
    };
    const pricedHead = evaluate(priced, { asOf, toolVersion: '0.0.0-test' });
    const triage = pricedHead.workloads.find((workload) => workload.id === 'support-triage')!;
    expect(triage.recommendation).toBe('fine-tune');
    const comment = renderMarkdown({ report: pricedHead, diff: diffReports(baseReport, pricedHead) });
    expect(comment.split('\n\n')[2]).toBe(
      `Switching support-triage to fine-tune would save **${formatUsd(triage.opportunity!.averageMonthly)} a month**.`,
    );
  });

  it('lists only the changed workload, the others in one line, and explains the change by its drivers', () => {
    const rows = body.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Workload'));
    expect(rows[0]).toMatch(/^\| Support ticket triage \(support-triage\) \| prompt \|/);
    expect(body).toContain('Unchanged: invoice-extraction, contract-review, internal-assistant.');
    expect(body).toMatch(/\*\*Support ticket triage\*\*: volume \+\$[\d,.]+; prompt tokens \+\$[\d,.]+/);
    expect(body.match(/<details>/g)).toHaveLength(1);
  });

  it('is at most 1,000 words opened, and so is the first report of the 4-workload example', () => {
    expect(visibleWords(body)).toBeLessThanOrEqual(1000);
    expect(visibleWords(renderMarkdown({ report: baseReport }))).toBeLessThanOrEqual(1000);
  });

  it('matches its golden', () => {
    expectGolden('example-pr.md', body);
  });
});
