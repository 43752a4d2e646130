/**
 * Golden files: the exact markdown and terminal text for a few reports, kept in `__golden__/`.
 *
 * When a change to the renderers is intended, regenerate them and review the diff before committing:
 *
 *   UPDATE_GOLDEN=1 npx vitest run src/render/golden.test.ts
 *
 * Without UPDATE_GOLDEN a missing or different golden file fails the test. Every input is pinned (fixtures with
 * asOf 2026-11-28, no clock, no randomness), so the output is deterministic.
 *
 * These goldens pin LAYOUT, not the model: the fixtures' cost figures come from the worked examples in
 * packages/core/src/cost/__fixtures__/, but their confidence, latency, sensitivity, factors, "what would
 * change" and next steps are invented for layout only (`INVENTED_FOR_LAYOUT` in ../diff/__fixtures__/reports.ts).
 * For goldens of real evaluated output see scenario-golden.test.ts.
 */
import { describe, it } from 'vitest';
import {
  claimsWorkload,
  INVENTED_FOR_LAYOUT,
  makeReport,
  makeWorkload,
  supportBotBeforeTraining,
  supportBotWorkload,
} from '../diff/__fixtures__/reports.js';
import { diffReports } from '../diff/diff.js';
import { evaluatePolicy } from '../diff/policy.js';
import { expectGolden } from './__fixtures__/expect-golden.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

describe(`golden renders of fixture reports (invented for layout only: ${INVENTED_FOR_LAYOUT.join(', ')})`, () => {
  // A pull request that collects training data for support-bot (prompt → fine-tune) and adds a workload.
  const base = makeReport([supportBotBeforeTraining(), makeWorkload('legacy-summaries')]);
  const head = makeReport([supportBotWorkload(), makeWorkload('summarize')], {
    policy: { failOn: { monthlyCostIncreasePercent: 10, recommendationChange: true } },
  });
  const diff = diffReports(base, head);
  const policy = evaluatePolicy(diff, head.policy);

  it('diff with a failing policy, as markdown', () => {
    expectGolden('fixture-diff.md', renderMarkdown({ report: head, diff, policy, marker: 'tunewise:llm-usage.yml' }));
  });

  it('diff with a failing policy, as text', () => {
    expectGolden('fixture-diff.txt', renderText(diff, { color: false, policy }));
  });

  // w2: a self-hosted fine-tune, first report on the branch.
  const claims = makeReport([claimsWorkload()]);
  const firstDiff = diffReports(null, claims);

  it('first report, as markdown', () => {
    expectGolden(
      'fixture-first-report.md',
      renderMarkdown({
        report: claims,
        diff: firstDiff,
        policy: evaluatePolicy(firstDiff, { failOn: { monthlyCostIncreaseUsd: 0 } }),
      }),
    );
  });

  it('a report alone, as text', () => {
    expectGolden('fixture-report.txt', renderText(claims, { color: false }));
  });
});
