import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../__fixtures__/property-runs.js';
import { defaultCatalog, knownModelIds } from '../catalog/index.js';
import { strategyKey } from '../model/strategies.js';
import { parseUsageFile } from '../parse/index.js';
import { renderMarkdown, renderText } from '../render/index.js';
import { evaluate } from './evaluate.js';

/** One workload prompting `model` and fine-tuning `fineTuneModel` (or the same model), as a user would write it. */
function usageFile(
  model: string,
  options: { fineTune?: string; requestsPerMonth?: number; examples?: number; models?: string } = {},
) {
  const text = [
    'version: 1',
    ...(options.models === undefined ? [] : [`models: ${options.models}`]),
    'workloads:',
    '  - id: triage',
    `    model: ${model}`,
    `    volume: { requestsPerMonth: ${options.requestsPerMonth ?? 300000} }`,
    '    prompt: { instructionTokens: 1200, exampleTokens: 2400, inputTokens: 350, outputTokens: 200 }',
    `    trainingData: { examples: ${options.examples ?? 3000}, quality: high }`,
    ...(options.fineTune === undefined ? [] : [`    fineTune: ${options.fineTune}`]),
    '',
  ].join('\n');
  return parseUsageFile(text, {
    fileName: 'llm-usage.yml',
    knownModelIds: knownModelIds(defaultCatalog),
    catalog: defaultCatalog,
  }).usageFile;
}

describe('the prompt model retiring (gpt-5-mini retires on 2026-12-11, successor gpt-6.1-terra)', () => {
  it('on 2026-12-01 moves the prompt to the successor in month 1 and says so', () => {
    const [workload] = evaluate(usageFile('openai/gpt-5-mini'), { asOf: '2026-12-01', draws: 10 }).workloads;
    const prompt = workload!.strategies.prompt;
    expect(prompt.feasible).toBe(true);
    expect(prompt.migration).toMatchObject({ month: 1, to: 'openai/gpt-6.1-terra' });
    const reason = workload!.factors.find((factor) => factor.id === 'prompt-model-lifecycle')?.reason;
    expect(reason).toContain('The prompt model openai/gpt-5-mini retires on 2026-12-11');
    expect(reason).toContain('openai/gpt-6.1-terra');
  });

  it('on 2026-12-12 recommends no infeasible strategy: none, with the blockers, counted at prompt cost', () => {
    const report = evaluate(usageFile('openai/gpt-5-mini'), { asOf: '2026-12-12', draws: 10 });
    const [workload] = report.workloads;
    expect(workload!.strategies.prompt.blockers.map((blocker) => blocker.id)).toEqual(['retired']);
    expect(workload!.strategies.prompt.blockers[0]!.message).toContain('its successor is openai/gpt-6.1-terra');
    expect(workload!.recommendation).toBe('none');
    expect(report.totals.countedAtPromptCost).toEqual(['triage']);
    expect(report.totals.recommended.averageMonthly).toBeCloseTo(workload!.strategies.prompt.averageMonthly, 4);
    expect(renderText(report, { color: false })).toContain(
      'Recommendation: none (no feasible strategy: see the blockers)',
    );
    expect(renderText(report, { color: false })).toContain(
      'recommended counts triage (no feasible strategy) at prompt cost',
    );
    expect(renderMarkdown({ report })).toContain('**none** (no feasible strategy)');
  });

  it('recommends a feasible fine-tune when prompting is infeasible and a fine-tune is open', () => {
    const file = usageFile('openai/gpt-5-mini', {
      fineTune: '{ model: example/tuned }',
      models: '{ example/tuned: { input: 0.2, output: 0.2, fineTuning: { training: 0.5, input: 0.2, output: 0.2 } } }',
    });
    const [workload] = evaluate(file, { asOf: '2026-12-12', draws: 10 }).workloads;
    expect(['fine-tune', 'hybrid']).toContain(workload!.recommendation);
  });
});

describe('stale prices', () => {
  it('are listed in text and markdown', () => {
    // A year after the catalog was checked, every price it used is stale.
    const report = evaluate(usageFile('openai/gpt-4.1'), { asOf: '2027-12-01', draws: 10 });
    expect(report.pricing.stale.length).toBeGreaterThan(0);
    expect(renderText(report, { color: false })).toMatch(/Stale prices: openai\/gpt-4\.1 prices \(checked 2026-/);
    expect(renderMarkdown({ report })).toMatch(/> Stale prices: openai\/gpt-4\.1 prices \(checked 2026-/);
  });
});

describe('the recommendation (property)', () => {
  const models = knownModelIds(defaultCatalog);
  it('is never an infeasible strategy over generated workloads and dates', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.option(fc.constantFrom(...models), { nil: undefined }),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 900 }),
        (model, fineTuneModel, requestsPerMonth, examples, dayOffset) => {
          const asOf = new Date(Date.UTC(2026, 5, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
          const file = usageFile(model, {
            requestsPerMonth,
            examples,
            ...(fineTuneModel === undefined ? {} : { fineTune: `{ model: ${fineTuneModel} }` }),
          });
          const [workload] = evaluate(file, { asOf, draws: 10 }).workloads;
          const recommendation = workload!.recommendation;
          if (recommendation === 'none') {
            for (const strategy of Object.values(workload!.strategies)) expect(strategy.feasible).toBe(false);
          } else {
            expect(workload!.strategies[strategyKey(recommendation)].feasible).toBe(true);
          }
        },
      ),
      { numRuns: propertyRuns(200) },
    );
  }, 60_000);
});
