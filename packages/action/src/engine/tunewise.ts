import {
  diffReports,
  evaluate,
  evaluateGatingPolicy,
  loadUsageFileText,
  type Report,
  renderMarkdown,
} from '@tunewise/sdk';
import type { Comparison, Engine } from './types.js';

/** The real engine: the sdk reads prompt files through the given revision, core evaluates, diffs and renders. */
export const tunewiseEngine: Engine = {
  async evaluate(source, options) {
    const loaded = await loadUsageFileText(source.text, {
      fileName: source.path,
      configPath: source.path,
      source: source.files,
    });
    const report = await evaluate(loaded, options.asOf === undefined ? {} : { asOf: options.asOf });
    // The policy travels with the report, so a later `comment` run applies the head's policy without the file.
    return report.policy === undefined && loaded.usageFile.policy !== undefined
      ? { ...report, policy: loaded.usageFile.policy }
      : report;
  },

  compare(base, head, options): Comparison {
    const diff = diffReports(base, head);
    // The base's policy gates the pull request; a changed head policy applies after merge (shown in the verdict).
    const verdict = evaluateGatingPolicy(diff);
    const input = { report: head, diff, policy: verdict };
    const summaryMarkdown = renderMarkdown(input, { maxLength: options.summaryMaxLength });
    return {
      markdown:
        summaryMarkdown.length <= options.maxLength
          ? summaryMarkdown
          : renderMarkdown(input, { maxLength: options.maxLength }),
      summaryMarkdown,
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
