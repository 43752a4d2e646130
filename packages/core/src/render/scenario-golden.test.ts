/**
 * Golden files rendered from real usage files through parseUsageFile → evaluate (asOf pinned to 2026-11-28):
 * the two worked scenarios in packages/core/src/cost/__fixtures__/ (the repo copies, each with a note on its
 * origin; cost/cost-model.test.ts checks their hand-worked figures), a base for w1 in `__fixtures__/scenarios/`,
 * and the repository's examples/llm-usage.yml (catalog prices).
 *
 * After an intended change to the renderers, the cost model, the decision model or the catalog, regenerate and
 * review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run src/render/scenario-golden.test.ts
 *
 * Without UPDATE_GOLDEN a missing or different golden file fails the test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffReports } from '../diff/diff.js';
import { evaluatePolicy } from '../diff/policy.js';
import type { Report } from '../model/types.js';
import { parseUsageFile } from '../parse/index.js';
import { evaluate } from '../report/index.js';
import { expectGolden } from './__fixtures__/expect-golden.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

const AS_OF = '2026-11-28';

function read(relative: string): string {
  return readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');
}

function reportOf(relative: string): Report {
  const fileName = relative.split('/').at(-1)!;
  const { usageFile } = parseUsageFile(read(relative), { fileName });
  return {
    ...evaluate(usageFile, { asOf: AS_OF, toolVersion: '0.0.0-test' }),
    ...(usageFile.policy ? { policy: usageFile.policy } : {}),
  };
}

const w1 = reportOf('../cost/__fixtures__/w1-support-bot.yml');
const w1Base = reportOf('./__fixtures__/scenarios/w1-support-bot.base.yml');
const w2 = reportOf('../cost/__fixtures__/w2-self-hosted.yml');
const example = reportOf('../../../../examples/llm-usage.yml');

describe('scenario reports match the hand-worked figures they are rendered from', () => {
  it('w1: the figures in the markdown are the README’s (break-even within 0.1%)', () => {
    const body = renderMarkdown({ report: w1 });
    for (const figure of ['$0.009825', '$52,296.44', '$48,293.53', '$60,605.65', '$4,358.04', '$4,024.46', '295,21']) {
      expect(body).toContain(figure);
    }
  });

  it('w2: the figures in the text are the README’s', () => {
    const text = renderText(w2, { color: false });
    for (const figure of ['$105,700.00', '$35,884.00', '$52,624.00', '1,526,56', 'payback: month 1']) {
      expect(text).toContain(figure);
    }
  });
});

describe('golden renders of evaluated usage files', () => {
  const policy = { failOn: { monthlyCostIncreasePercent: 10, recommendationChange: true } };
  const w1Diff = diffReports(w1Base, w1);

  it('w1 diff (100k flat, 40 examples → 250k growing, 2,000 examples) as markdown and text', () => {
    const verdict = evaluatePolicy(w1Diff, policy);
    expectGolden(
      'scenario-w1-diff.md',
      renderMarkdown({ report: w1, diff: w1Diff, policy: verdict, marker: 'tunewise:llm-usage.yml' }),
    );
    expectGolden('scenario-w1-diff.txt', renderText(w1Diff, { color: false, policy: verdict }));
  });

  it('w2 first report as markdown and text', () => {
    const diff = diffReports(null, w2);
    expectGolden('scenario-w2-first.md', renderMarkdown({ report: w2, diff, policy: evaluatePolicy(diff, policy) }));
    expectGolden('scenario-w2.txt', renderText(w2, { color: false }));
  });

  it('examples/llm-usage.yml as markdown and text', () => {
    expectGolden('example.md', renderMarkdown({ report: example }));
    expectGolden('example.txt', renderText(example, { color: false }));
  });

  it('renders the same bytes twice', () => {
    expect(renderMarkdown({ report: reportOf('../../../../examples/llm-usage.yml') })).toBe(
      renderMarkdown({ report: example }),
    );
  });
});
