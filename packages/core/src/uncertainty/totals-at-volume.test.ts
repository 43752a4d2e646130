import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ModelPrices } from '../catalog/types.js';
import { type CostContext, computeStrategies } from '../cost/cost-model.js';
import { usageFileSchema } from '../schema/usage-file.js';
import { totalsAtVolume } from './totals-at-volume.js';

// Generated cases take seconds on a slow, shared runner; vitest's 5 s default flaked there under load.
const PROPERTY_TIMEOUT_MS = 120_000;

// Figures: the worked scenarios (shared/scenarios), whose prices are all in the files.
function scenario(name: string): CostContext {
  const usageFile = usageFileSchema.parse(
    parse(readFileSync(new URL(`../cost/__fixtures__/${name}.yml`, import.meta.url), 'utf8')),
  );
  return {
    workload: usageFile.workloads[0]!,
    assumptions: usageFile.assumptions,
    asOf: '2026-11-28',
    resolveModel: (id) => {
      const model = usageFile.models[id];
      return model === undefined ? undefined : ({ id, ...model } as ModelPrices);
    },
  };
}

describe('totalsAtVolume', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it.each([
    ['w1-support-bot', 'provider'],
    ['w2-self-hosted', 'self-hosted'],
  ] as const)('matches the full cost model at any volume (%s, %s hosting)', (name, hosting) => {
    const context = scenario(name);
    const totalsAt = totalsAtVolume(context, hosting);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), (volume) => {
        const exact = computeStrategies(context, { requestsPerMonth: volume });
        const fast = totalsAt(volume);
        for (const key of ['prompt', 'fineTune', 'hybrid'] as const) {
          expect(fast[key]).toBeCloseTo(exact[key].total, 4);
        }
      }),
      { numRuns: 100 },
    );
  });
});
