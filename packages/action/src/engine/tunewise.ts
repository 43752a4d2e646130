import { diffReports, evaluate, evaluatePolicy, loadUsageFileText, type Report, renderMarkdown } from '@tunewise/sdk';
import type { Comparison, Engine } from './types.js';

/** The real engine: the sdk reads prompt files through the given revision, core evaluates, diffs and renders. */
export const tunewiseEngine: Engine = {
  async evaluate(source, options) {
    const loaded = await loadUsageFileText(source.text, {
      fileName: source.path,
      configPath: source.path,
      source: source.files,
    });
    // The report carries the usage file's policy, so a later `comment` run applies it without the file.
    return evaluate(loaded, options.asOf === undefined ? {} : { asOf: options.asOf });
  },

  compare(base, head, options): Comparison {
    const diff = diffReports(base, head);
    const verdict = evaluatePolicy(diff, options.policy);
    // The comment is rendered exactly as `tunewise check --format markdown` renders it: same function, same limit.
    const input = {
      report: head,
      diff,
      policy: verdict,
      ...(options.warning === undefined ? {} : { warning: options.warning }),
    };
    return {
      commentBody: (markers) => renderMarkdown({ ...input, marker: markers }),
      summaryMarkdown: renderMarkdown(input, { maxLength: options.summaryMaxLength }),
      changed: diff.isFirstReport || diff.added.length + diff.removed.length + diff.changed.length > 0,
      recommendation: sharedRecommendation(head),
      monthlyCost: diff.totals.averageMonthly.head,
      monthlyCostDelta: diff.totals.averageMonthly.delta,
      policy: {
        passed: verdict.passed,
        violations: verdict.violations.filter((violation) => violation.isNew).map((violation) => violation.message),
      },
    };
  },
};

function sharedRecommendation(report: Report): string {
  const recommendations = new Set(report.workloads.map((workload) => workload.recommendation));
  if (recommendations.size === 1) return [...recommendations][0]!;
  return recommendations.size === 0 ? 'none' : 'mixed';
}
