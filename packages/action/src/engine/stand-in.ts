// A deliberately small engine so the GitHub plumbing can be built and tested before core's evaluate and renderers
// land; replaced by engine/tunewise.ts. Cost: requests × tokens at a flat 1 USD per 1M tokens.
import { type Report, UsageFileError, type UsageFileIssue, type WorkloadReport } from '@tunewise/sdk';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Comparison, ConfigSource, Engine } from './types.js';

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>@&~]/g, (character) => `&#${character.charCodeAt(0)};`);
}

export const standInEngine: Engine = {
  async evaluate(source: ConfigSource, options) {
    const lineCounter = new LineCounter();
    const document = parseDocument(source.text, { lineCounter });
    const issues: UsageFileIssue[] = [];
    const issueAt = (offset: number | undefined, path: string, message: string) => {
      const position = offset === undefined ? { line: 0, col: 0 } : lineCounter.linePos(offset);
      issues.push({ file: source.path, line: position.line, column: position.col, path, message });
    };
    for (const error of document.errors) issueAt(error.pos[0], '', error.message);
    const workloadsNode = isMap(document.contents) ? document.contents.get('workloads', true) : undefined;
    if (issues.length === 0 && !isSeq(workloadsNode)) issueAt(0, 'workloads', 'is required');
    const workloads: WorkloadReport[] = [];
    if (isSeq(workloadsNode)) {
      workloadsNode.items.forEach((item, index) => {
        const id = isMap(item) ? item.getIn(['id']) : undefined;
        const volumeNode = isMap(item) ? item.getIn(['volume', 'requestsPerMonth'], true) : undefined;
        const requests = (volumeNode as { value?: unknown } | undefined)?.value;
        if (typeof requests !== 'number') {
          const range = (volumeNode as { range?: [number] } | undefined)?.range ?? (item as { range?: [number] }).range;
          issueAt(range?.[0], `workloads[${index}].volume.requestsPerMonth`, 'expected a number');
          return;
        }
        const name = isMap(item) ? item.getIn(['name']) : undefined;
        const tokens = ['instructionTokens', 'inputTokens', 'outputTokens']
          .map((key) => (isMap(item) ? item.getIn(['prompt', key]) : 0))
          .reduce<number>((sum, value) => sum + (typeof value === 'number' ? value : 0), 0);
        const averageMonthly = (requests * tokens) / 1e6;
        const strategy = {
          feasible: true,
          blockers: [],
          perRequest: tokens / 1e6,
          upfront: 0,
          monthly: [averageMonthly],
          averageMonthly,
          total: averageMonthly * 12,
          latencyMs: 0,
          promptTokens: tokens,
          model: 'stand-in',
        };
        workloads.push({
          id: String(id),
          name: typeof name === 'string' ? name : String(id),
          model: 'stand-in',
          recommendation: 'prompt',
          confidence: 1,
          strategies: { prompt: strategy, fineTune: strategy, hybrid: strategy },
          breakEven: { requestsPerMonth: null, paybackMonth: null },
          factors: [],
          whatWouldChange: [],
          nextSteps: [],
        } as unknown as WorkloadReport);
      });
    }
    if (issues.length > 0) throw new UsageFileError(issues);
    const total = workloads.reduce((sum, workload) => sum + workload.strategies.prompt.averageMonthly, 0);
    const totals = { averageMonthly: total, total: total * 12 };
    const policy = (document.toJS() as { policy?: Report['policy'] }).policy;
    return {
      schemaVersion: 1,
      tool: { name: 'tunewise', version: __PACKAGE_VERSION__ },
      asOf: options.asOf ?? new Date().toISOString().slice(0, 10),
      pricing: { checked: '2026-11-28', sources: [] },
      currency: 'USD',
      horizonMonths: 12,
      assumptions: {} as Report['assumptions'],
      workloads,
      totals: { prompt: totals, fineTune: totals, hybrid: totals, recommended: totals },
      policy,
    } satisfies Report;
  },

  compare(base, head, options): Comparison {
    const baseCost = base?.totals.recommended.averageMonthly ?? 0;
    const monthlyCost = head.totals.recommended.averageMonthly;
    const monthlyCostDelta = monthlyCost - baseCost;
    const percent = baseCost === 0 ? Number.POSITIVE_INFINITY : (monthlyCostDelta / baseCost) * 100;
    const limit = options.policy?.failOn?.monthlyCostIncreasePercent;
    const violations =
      limit !== undefined && base !== null && percent > limit
        ? [`Monthly cost rises ${percent.toFixed(1)}%, above the ${limit}% the policy allows.`]
        : [];
    const rows = head.workloads.map(
      (workload) =>
        `| ${escapeMarkdown(workload.name)} | ${workload.recommendation} | $${workload.strategies.prompt.averageMonthly.toFixed(2)} |`,
    );
    const markdown = [
      '## tunewise',
      '',
      `Monthly cost: **$${monthlyCost.toFixed(2)}** (${monthlyCostDelta >= 0 ? '+' : ''}$${monthlyCostDelta.toFixed(2)})`,
      '',
      '| Workload | Recommendation | Monthly |',
      '|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    return {
      markdown: markdown.length > options.maxLength ? markdown.slice(0, options.maxLength) : markdown,
      changed: base === null || monthlyCostDelta !== 0,
      recommendation: 'prompt',
      monthlyCost,
      monthlyCostDelta,
      policy: { passed: violations.length === 0, violations },
    };
  },
};
