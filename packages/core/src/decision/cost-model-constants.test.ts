/**
 * The decision takes its minimum examples, its volume ceiling and its effort hours from the cost model
 * rather than keeping copies. Changing them in a mocked cost model must change them here too.
 */
import { describe, expect, it, vi } from 'vitest';
import { scenario } from './__fixtures__/decision-input.js';
import { decide } from './decide.js';
import { THRESHOLDS } from './weights.js';

vi.mock('../cost/cost-model.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../cost/cost-model.js')>();
  return {
    ...original,
    MIN_TRAINING_EXAMPLES: 64,
    MAX_BREAK_EVEN_VOLUME: 7e9,
    effectiveEffortHours: () => ({
      promptSetup: 1,
      promptMonthly: 1,
      fineTuneSetup: 123,
      fineTuneMonthly: 1,
      retrain: 45,
    }),
  };
});

describe('constants shared with the cost model', () => {
  it('uses MIN_TRAINING_EXAMPLES and MAX_BREAK_EVEN_VOLUME from the cost model', () => {
    expect(THRESHOLDS.minimumExamples).toBe(64);
    expect(THRESHOLDS.maximumVolume).toBe(7e9);
  });

  it('quotes the effort hours the cost model priced', () => {
    const decision = decide(scenario({ assumptions: { mlExpertise: 'dedicated' } }));
    expect(decision.factors.find((factor) => factor.id === 'ml-expertise')?.reason).toBe(
      'A dedicated ML team budgets 123 hours for the first fine-tune and 45 per retrain.',
    );
  });
});
