import {
  type AttributionSide,
  diffReports,
  evaluate,
  evaluateGatingPolicy,
  loadUsageFileText,
  type Report,
  renderMarkdown,
} from '@tunewise/sdk';
import type { Comparison, Engine } from './types.js';

/**
 * The usage file behind each report this engine evaluated, so `compare` can say why the cost moved. A report read
 * back from disk (the later `comment` run) has none, and its comment then goes without the attribution.
 */
const evaluatedFrom = new WeakMap<Report, AttributionSide>();

/** The real engine: the sdk reads prompt files through the given revision, core evaluates, diffs and renders. */
export const tunewiseEngine: Engine = {
  async evaluate(source, options) {
    const loaded = await loadUsageFileText(source.text, {
      fileName: source.path,
      configPath: source.path,
      source: source.files,
    });
    // The report carries the usage file's policy, so a later `comment` run applies it without the file.
    const report = await evaluate(loaded, options.asOf === undefined ? {} : { asOf: options.asOf });
    evaluatedFrom.set(report, {
      usageFile: loaded.usageFile,
      asOf: report.asOf,
      promptFiles: loaded.promptFiles,
    });
    return report;
  },

  compare(base, head, options): Comparison {
    const baseSide = base === null ? undefined : evaluatedFrom.get(base);
    const headSide = evaluatedFrom.get(head);
    const diff = diffReports(
      base,
      head,
      baseSide === undefined || headSide === undefined ? {} : { attribution: { base: baseSide, head: headSide } },
    );
    // The base's policy gates the pull request; a changed head policy applies after merge (shown in the verdict).
    const verdict = evaluateGatingPolicy(diff);
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
      // The outputs follow the comment's headline: the bill of what runs today, and its change.
      monthlyCost: diff.totals.bill.head,
      monthlyCostDelta: diff.totals.bill.delta,
      recommendedMonthlyCost: head.totals.recommended.averageMonthly,
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
