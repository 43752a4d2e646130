import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../__fixtures__/property-runs.js';
import { defaultCatalog, resolveModel } from '../catalog/index.js';
import { costAtVolume } from '../cost/cost-model.js';
import { parseUsageFile } from '../parse/index.js';
import { evaluate } from '../report/evaluate.js';
import type { UsageFile, Workload } from '../schema/usage-file.js';

/**
 * Every "what would change" sentence that states a volume threshold is checked against the report's own model:
 * the recommendation is re-evaluated at the stated volume, and cost thresholds are priced with the cost model.
 * Workloads are generated around the shipped example (examples/llm-usage.yml, catalog prices of 2026-11-28):
 * its provider-hosted support-triage and self-hosted contract-review, with volume, growth, domain, regulation,
 * training data and stage drawn at random.
 */
const example = parseUsageFile(readFileSync(new URL('../report/__fixtures__/example.yml', import.meta.url), 'utf8'), {
  fileName: 'example.yml',
}).usageFile;
const asOf = '2026-11-28';

const templates = example.workloads.filter((workload) => ['support-triage', 'contract-review'].includes(workload.id));

const variation = fc.record({
  template: fc.constantFrom(...templates),
  requestsPerMonth: fc.integer({ min: 1_000, max: 3_000_000 }),
  monthlyGrowth: fc.constantFrom(0, 0.02, 0.08),
  domain: fc.constantFrom('general', 'legal', 'healthcare', 'finance'),
  regulated: fc.boolean(),
  examples: fc.integer({ min: 0, max: 8_000 }),
  stage: fc.constantFrom('mvp', 'production'),
  latencyTarget: fc.boolean(),
});

type Variation = typeof variation extends fc.Arbitrary<infer T> ? T : never;

function workloadOf(values: Variation): Workload {
  const { latencyTargetMs: _latency, ...profile } = values.template.profile;
  return {
    ...values.template,
    volume: { requestsPerMonth: values.requestsPerMonth, monthlyGrowth: values.monthlyGrowth },
    profile: {
      ...profile,
      domain: values.domain as Workload['profile']['domain'],
      regulated: values.regulated,
      stage: values.stage as Workload['profile']['stage'],
      ...(values.latencyTarget && values.template.profile.latencyTargetMs !== undefined
        ? { latencyTargetMs: values.template.profile.latencyTargetMs }
        : {}),
    },
    trainingData: { ...values.template.trainingData, examples: values.examples },
  };
}

function fileWith(workload: Workload): UsageFile {
  return { ...example, workloads: [workload] };
}

function reportAt(workload: Workload, requestsPerMonth: number) {
  const moved = { ...workload, volume: { ...workload.volume, requestsPerMonth } };
  return evaluate(fileWith(moved), { asOf, draws: 20 }).workloads[0]!;
}

/** Flat-volume horizon totals of prompt and fine-tune, as the break-even is defined, from the cost model. */
function flatCosts(workload: Workload, requestsPerMonth: number) {
  const totals = costAtVolume(
    {
      workload,
      assumptions: example.assumptions,
      asOf,
      resolveModel: (id) => resolveModel(id, example.models, defaultCatalog),
    },
    { monthlyGrowth: 0 },
  )(requestsPerMonth);
  return { prompt: totals.prompt, fineTune: totals.fineTune };
}

const count = (text: string) => Number(text.replaceAll(',', ''));

describe('every stated threshold is true of the report (property)', () => {
  it('re-evaluating at each stated volume gives the stated answer and cost order', () => {
    const runs = propertyRuns(40);
    let checked = 0;
    let checkedLatency = 0;
    fc.assert(
      fc.property(variation, (values) => {
        const workload = workloadOf(values);
        const report = evaluate(fileWith(workload), { asOf, draws: 20 }).workloads[0]!;
        for (const sentence of report.whatWouldChange) {
          const becomes = /^From about ([\d,]+) requests\/month the recommendation becomes ([a-z-]+)\.$/.exec(sentence);
          if (becomes) {
            const volume = count(becomes[1]!);
            const at = reportAt(workload, volume);
            expect(at.recommendation, sentence).toBe(becomes[2]);
            expect(reportAt(workload, volume * 0.98).recommendation, sentence).toBe('prompt');
            // The contract-review contradiction: a tuned answer with no measured quality costs at most 1.25× prompting.
            const tuned = at.strategies[at.recommendation === 'hybrid' ? 'hybrid' : 'fineTune'];
            if (!at.factors.some((factor) => factor.id.startsWith('latency'))) {
              expect(tuned.averageMonthly, sentence).toBeLessThanOrEqual(
                at.strategies.prompt.averageMonthly * 1.25 + 0.01,
              );
            }
            checked += 1;
          }
          const returns = /^Below about ([\d,]+) requests\/month the recommendation returns to prompt\.$/.exec(
            sentence,
          );
          if (returns) {
            const volume = count(returns[1]!);
            expect(reportAt(workload, volume).recommendation, sentence).not.toBe('prompt');
            expect(reportAt(workload, volume * 0.98).recommendation, sentence).toBe('prompt');
            checked += 1;
          }
          const cheaper =
            /(?:cheaper than prompting above(?: an average of)?|stays cheaper than prompting down to) ([\d,]+) requests\/month/.exec(
              sentence,
            );
          if (cheaper) {
            const volume = count(cheaper[1]!);
            const above = flatCosts(workload, volume * 1.01);
            const below = flatCosts(workload, volume * 0.99);
            expect(above.fineTune, sentence).toBeLessThanOrEqual(above.prompt);
            expect(below.fineTune, sentence).toBeGreaterThan(below.prompt);
            checked += 1;
            // "…above an average of X requests/month; growing g a month over H months, that means starting above S":
            // S grown over the horizon averages X (each rounded up to a whole request).
            const starting = /that means starting above ([\d,]+) \(([\d,]+) today\)/.exec(sentence);
            if (starting) {
              const growth = workload.volume.monthlyGrowth ?? 0;
              const horizon = example.assumptions.horizonMonths ?? 12;
              let sum = 0;
              for (let month = 0; month < horizon; month += 1) sum += (1 + growth) ** month;
              const growthFactor = sum / horizon;
              expect(count(starting[1]!) * growthFactor, sentence).toBeGreaterThanOrEqual(volume - 1);
              expect((count(starting[1]!) - 1) * growthFactor, sentence).toBeLessThan(volume);
              expect(count(starting[2]!), sentence).toBe(workload.volume.requestsPerMonth);
            }
          }
          // "Prompting meets the 2,500 ms target once its 5,490 ms per request falls by 2,990 ms (…)".
          const latency =
            /^(Prompting|Fine-tuning|The hybrid) meets the ([\d,]+) ms target once its ([\d,]+) ms per request falls by ([\d,]+) ms/.exec(
              sentence,
            );
          if (latency) {
            const key = latency[1] === 'Prompting' ? 'prompt' : latency[1] === 'Fine-tuning' ? 'fineTune' : 'hybrid';
            const [target, now, by] = [count(latency[2]!), count(latency[3]!), count(latency[4]!)];
            expect(target, sentence).toBe(workload.profile.latencyTargetMs);
            expect(Math.abs(now - report.strategies[key].latencyMs), sentence).toBeLessThanOrEqual(0.5);
            expect(report.strategies[key].latencyMs, sentence).toBeGreaterThan(target);
            expect(Math.abs(now - by - target), sentence).toBeLessThanOrEqual(1);
            checkedLatency += 1;
          }
        }
      }),
      { numRuns: runs, seed: 15 },
    );
    // The property must not pass by having nothing to check.
    expect(checked).toBeGreaterThan(runs / 2);
    expect(checkedLatency).toBeGreaterThanOrEqual(Math.floor(runs / 10));
  }, 600_000);

  it('the example contract-review no longer promises fine-tune at three times the cost', () => {
    const review = evaluate(example, { asOf }).workloads.find((workload) => workload.id === 'contract-review')!;
    expect(review.recommendation).toBe('prompt');
    for (const sentence of review.whatWouldChange) expect(sentence).not.toMatch(/118,000/);
  });
});
