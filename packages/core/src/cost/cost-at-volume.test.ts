import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioContext as scenario } from './__fixtures__/scenario-context.js';
import { computeStrategies, costAtVolume } from './cost-model.js';

// Figures: the worked scenarios (shared/scenarios), whose prices are all in the files.
describe('costAtVolume', () => {
  it.each([
    ['w1-support-bot', 'provider'],
    ['w2-self-hosted', 'self-hosted'],
  ] as const)('matches the full cost model at any volume (%s, %s hosting)', (name, _hosting) => {
    const context = scenario(name);
    const totalsAt = costAtVolume(context);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), (volume) => {
        const exact = computeStrategies(context, { requestsPerMonth: volume });
        const fast = totalsAt(volume);
        for (const key of ['prompt', 'fineTune', 'hybrid'] as const) {
          expect(fast[key]).toBeCloseTo(exact[key].total, 4);
        }
      }),
    );
  });
});
