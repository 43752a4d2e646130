import { defaultCatalog, evaluate, knownModelIds, openFineTuningModels, parseUsageFile } from '@tunewise/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mergeUsageIntoYaml } from '../../usage/index.js';
import { starterUsageFile } from './init.js';

describe('starterUsageFile', () => {
  const text = starterUsageFile({ asOf: '2026-11-28' });

  it("parses with core's parser, against the shipped catalog's model ids", () => {
    const { usageFile } = parseUsageFile(text, {
      fileName: 'llm-usage.yml',
      knownModelIds: knownModelIds(defaultCatalog),
    });
    expect(usageFile.workloads.map((workload) => workload.model)).toEqual(['openai/gpt-5.6-luna']);
    // The starter's fine-tune must be one a team new to fine-tuning can still start on, outliving the 12-month horizon.
    const fineTuneModel = usageFile.workloads[0]!.fineTune.model!;
    const open = openFineTuningModels(defaultCatalog, '2026-11-28').find((model) => model.id === fineTuneModel);
    expect(open, fineTuneModel).toBeDefined();
    expect(open!.retiresOn).toBeUndefined();
    // Its dedicated deployment is not priced by the per-token cost model, so the starter's answer stays prompt.
    expect(evaluate(usageFile, { asOf: '2026-11-28' }).workloads[0]!.recommendation).toBe('prompt');
    expect(text).toContain('started by `tunewise init` on 2026-11-28');
  });

  it('survives a measured merge with every line it had, still valid', () => {
    const merged = mergeUsageIntoYaml(
      text,
      [
        {
          id: 'support-triage',
          requests: 7000,
          firstSeen: '2026-11-01T00:00:00.000Z',
          lastSeen: '2026-11-08T00:00:00.000Z',
          windowDays: 7,
          requestsPerMonth: 30438,
          extrapolated: true,
          tokens: {
            input: { mean: 4000, p95: 5000 },
            cachedInput: { mean: 1800, p95: 3600 },
            output: { mean: 150, p95: 400 },
          },
        },
      ],
      { asOf: '2026-11-28' },
    );
    const changed = new Set(['requestsPerMonth: 50000', 'inputTokens: 350', 'outputTokens: 200', 'cacheHitRate: 0']);
    for (const line of text.split('\n')) {
      if ([...changed].some((key) => line.includes(key))) continue;
      expect(merged).toContain(line);
    }
    // 4000 − (1200 + 2400) = 400 variable input; 1800 / 3600 = 0.5 cache hit rate.
    expect(parse(merged).workloads[0].prompt).toMatchObject({ inputTokens: 400, outputTokens: 150, cacheHitRate: 0.5 });
    expect(() =>
      parseUsageFile(merged, { fileName: 'llm-usage.yml', knownModelIds: knownModelIds(defaultCatalog) }),
    ).not.toThrow();
  });
});
