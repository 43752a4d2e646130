import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioContext as scenario } from './__fixtures__/scenario-context.js';
import { breakEvenVolume, computeWorkloadCosts, workloadCostsWithBreakEven } from './cost-model.js';

// Figures: the worked scenarios (shared/scenarios), whose prices are all in the files. evaluate's sensitivity sweep
// reuses a workload's break-even for its volume probes (report/evaluate.ts): that rests on these properties.
describe('breakEvenVolume does not depend on the workload’s own volume', () => {
  it.each(['w1-support-bot', 'w2-self-hosted', 'w3-dedicated-endpoint', 'w4-provider-hosting-fee'])(
    '%s: the same break-even at any month-1 volume, flat or a range',
    (name) => {
      const context = scenario(name);
      const breakEven = breakEvenVolume(context);
      fc.assert(
        fc.property(
          fc.oneof(
            fc.integer({ min: 0, max: 1e9 }),
            fc
              .tuple(
                fc.integer({ min: 0, max: 1e8 }),
                fc.integer({ min: 0, max: 1e8 }),
                fc.integer({ min: 0, max: 1e8 }),
              )
              .map(([a, b, c]) => {
                const [low, expected, high] = [a, b, c].sort((left, right) => left - right) as [number, number, number];
                return { low, expected, high };
              }),
          ),
          (requestsPerMonth) => {
            const workload = { ...context.workload, volume: { ...context.workload.volume, requestsPerMonth } };
            expect(breakEvenVolume({ ...context, workload })).toBe(breakEven);
          },
        ),
        { numRuns: 25 },
      );
    },
  );
});

describe('workloadCostsWithBreakEven', () => {
  it.each(['w1-support-bot', 'w2-self-hosted'])(
    '%s: is computeWorkloadCosts when given the break-even volume',
    (name) => {
      const context = scenario(name);
      expect(workloadCostsWithBreakEven(context, breakEvenVolume(context))).toEqual(computeWorkloadCosts(context));
    },
  );
});
