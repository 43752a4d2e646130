import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../__fixtures__/property-runs.js';
import { breakEvenOf, type ScenarioOptions, scenario } from './__fixtures__/decision-input.js';
import { decide } from './decide.js';
import { LATENCY_MISSED_BY_ALL } from './factors.js';
import { confidenceFromMargin, scoreDecision } from './score.js';
import { growthFactorOf } from './volume.js';

// Rule numbers are those of docs/decision.md ("Rule 1" to "Rule 10").
// Generated cases take seconds on a slow, shared runner; vitest's 5 s default flaked there under load.
const PROPERTY_TIMEOUT_MS = 120_000;

/**
 * Property tests over generated workloads whose strategies are built consistently (linear costs with
 * a fixed break-even, blockers from examples and data policy: see __fixtures__/decision-input.ts).
 */

const QUALITIES = ['low', 'medium', 'high'] as const;

const volumeArbitrary = fc.integer({ min: 0, max: 9000 }).map((exponent) => Math.round(10 ** (exponent / 1000)));

const optionsArbitrary: fc.Arbitrary<ScenarioOptions> = fc
  .record({
    requestsPerMonth: volumeArbitrary,
    monthlyGrowth: fc.constantFrom(0, 0, 0.02, 0.05, -0.01),
    stage: fc.constantFrom('prototype', 'mvp', 'production', 'production'),
    domain: fc.constantFrom('general', 'general', 'healthcare', 'legal', 'finance', 'other-specialized'),
    regulated: fc.boolean(),
    dataPolicy: fc.constantFrom('open', 'open', 'no-third-party-training'),
    tasks: fc.integer({ min: 1, max: 5 }),
    outputFormat: fc.constantFrom('free', 'structured'),
    consistency: fc.constantFrom('normal', 'high'),
    changeCadence: fc.constantFrom('weekly', 'monthly', 'quarterly', 'rarely'),
    latencyTargetMs: fc.option(fc.integer({ min: 300, max: 3000 }), { nil: undefined }),
    examples: fc.integer({ min: 0, max: 5000 }),
    quality: fc.constantFrom(...QUALITIES),
    hosting: fc.constantFrom('provider', 'self-hosted'),
    mlExpertise: fc.constantFrom('none', 'some', 'dedicated'),
    promptFixed: fc.integer({ min: 0, max: 5000 }),
    promptPerRequest: fc.double({ min: 1e-4, max: 0.05, noNaN: true }),
    fineTuneExtraFixed: fc.integer({ min: 0, max: 30_000 }),
    fineTuneShare: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
    hybridExtraFixed: fc.integer({ min: 0, max: 2000 }),
    hybridShare: fc.double({ min: 1, max: 2, noNaN: true }),
    latencyPrompt: fc.integer({ min: 200, max: 3000 }),
    latencyFineTune: fc.integer({ min: 200, max: 3000 }),
    latencyHybrid: fc.integer({ min: 200, max: 3000 }),
    migrationMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  })
  .map((draw) => ({
    requestsPerMonth: draw.requestsPerMonth,
    monthlyGrowth: draw.monthlyGrowth,
    profile: {
      stage: draw.stage,
      domain: draw.domain,
      regulated: draw.regulated,
      dataPolicy: draw.dataPolicy,
      tasks: draw.tasks,
      outputFormat: draw.outputFormat,
      consistency: draw.consistency,
      changeCadence: draw.changeCadence,
      ...(draw.latencyTargetMs === undefined ? {} : { latencyTargetMs: draw.latencyTargetMs }),
    },
    trainingData: { examples: draw.examples, quality: draw.quality },
    fineTune: { hosting: draw.hosting },
    assumptions: { mlExpertise: draw.mlExpertise },
    costs: {
      prompt: { fixedMonthly: draw.promptFixed, perRequest: draw.promptPerRequest },
      fineTune: {
        fixedMonthly: draw.promptFixed + draw.fineTuneExtraFixed,
        perRequest: draw.promptPerRequest * draw.fineTuneShare,
      },
      hybrid: {
        fixedMonthly: draw.promptFixed + draw.fineTuneExtraFixed + draw.hybridExtraFixed,
        perRequest: draw.promptPerRequest * draw.fineTuneShare * draw.hybridShare,
      },
    },
    latencyMs: { prompt: draw.latencyPrompt, fineTune: draw.latencyFineTune, hybrid: draw.latencyHybrid },
    ...(draw.migrationMonth === undefined
      ? {}
      : { migration: { month: draw.migrationMonth, to: 'example/small-2', reason: 'retires' } }),
  })) as fc.Arbitrary<ScenarioOptions>;

const isTuned = (options: ScenarioOptions) => decide(scenario(options)).recommendation !== 'prompt';
const RUNS = { numRuns: propertyRuns(400) };

describe('rule 9 over generated workloads', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('more volume never returns a fine-tuned answer to prompt', () => {
    fc.assert(
      fc.property(optionsArbitrary, fc.double({ min: 1, max: 1000, noNaN: true }), (options, factor) => {
        fc.pre(isTuned(options));
        expect(isTuned({ ...options, requestsPerMonth: (options.requestsPerMonth ?? 0) * factor })).toBe(true);
      }),
      RUNS,
    );
  });

  it('more examples never return a fine-tuned answer to prompt', () => {
    fc.assert(
      fc.property(optionsArbitrary, fc.integer({ min: 1, max: 5000 }), (options, extra) => {
        fc.pre(isTuned(options));
        const trainingData = { ...options.trainingData, examples: (options.trainingData?.examples ?? 0) + extra };
        expect(isTuned({ ...options, trainingData })).toBe(true);
      }),
      RUNS,
    );
  });

  it('higher quality never returns a fine-tuned answer to prompt', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const quality = options.trainingData?.quality ?? 'medium';
        fc.pre(quality !== 'high' && isTuned(options));
        const better = QUALITIES[QUALITIES.indexOf(quality) + 1]!;
        expect(isTuned({ ...options, trainingData: { ...options.trainingData, quality: better } })).toBe(true);
      }),
      RUNS,
    );
  });

  it('a prompt answer flips at most once on the way up in volume', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const answers = [1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9].map((requestsPerMonth) =>
          isTuned({ ...options, requestsPerMonth }),
        );
        const firstTuned = answers.indexOf(true);
        if (firstTuned >= 0) expect(answers.slice(firstTuned).every(Boolean)).toBe(true);
      }),
      { numRuns: propertyRuns(150) },
    );
  });
});

describe('rule 10 over generated workloads', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('confidence is in [0, 1] and the answer is the top-scored candidate', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const input = scenario(options);
        const decision = decide(input);
        expect(decision.confidence).toBeGreaterThanOrEqual(0);
        expect(decision.confidence).toBeLessThanOrEqual(1);
        const scorecard = scoreDecision(input);
        expect(scorecard.candidates).toContain(decision.recommendation);
        const best = Math.max(...Object.values(scorecard.scores));
        expect(decision.recommendation).not.toBe('none');
        if (decision.recommendation !== 'none') expect(scorecard.scores[decision.recommendation]).toBe(best);
      }),
      RUNS,
    );
  });

  it('confidence falls as the top two scores approach each other', () => {
    fc.assert(
      fc.property(optionsArbitrary, optionsArbitrary, (first, second) => {
        const [left, right] = [scoreDecision(scenario(first)), scoreDecision(scenario(second))];
        fc.pre(left.margin !== null && right.margin !== null && left.margin < right.margin);
        // A latency target every strategy misses lowers confidence on its own (tested beside decide).
        const missedByAll = (card: typeof left) => card.factors.some((item) => item.id === LATENCY_MISSED_BY_ALL);
        fc.pre(!missedByAll(left) && !missedByAll(right));
        expect(left.confidence).toBeLessThanOrEqual(right.confidence);
      }),
      RUNS,
    );
  });

  it('a tie is 0.5 and confidence never leaves [0.5, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (a, b) => {
          const [small, large] = a < b ? [a, b] : [b, a];
          expect(confidenceFromMargin(small)).toBeLessThanOrEqual(confidenceFromMargin(large));
          expect(confidenceFromMargin(large)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: propertyRuns(100) },
    );
    expect(confidenceFromMargin(0)).toBe(0.5);
  });
});

describe('the other rules over generated workloads', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('rule 1: never an infeasible strategy', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const input = scenario(options);
        const { recommendation } = decide(input);
        if (recommendation === 'fine-tune') expect(input.strategies.fineTune.feasible).toBe(true);
        if (recommendation === 'hybrid') expect(input.strategies.hybrid.feasible).toBe(true);
        for (const blocker of input.strategies.fineTune.blockers) {
          expect(decide(input).factors.map((factor) => factor.id)).toContain(`blocker-${blocker.id}`);
        }
      }),
      RUNS,
    );
  });

  it('rules 2, 5 and 8: prototype, many general tasks, no expertise before production answer prompt', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const profile = options.profile ?? {};
        const gated =
          profile.stage === 'prototype' ||
          ((profile.tasks ?? 1) >= 3 && profile.domain === 'general') ||
          (options.assumptions?.mlExpertise === 'none' && profile.stage !== 'production');
        fc.pre(gated);
        expect(decide(scenario(options)).recommendation).toBe('prompt');
      }),
      RUNS,
    );
  });

  it('rule 3: below break-even, general, unregulated, no latency target: prompt', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const input = scenario({
          ...options,
          profile: { ...options.profile, domain: 'general', regulated: false, latencyTargetMs: undefined },
        });
        const breakEven = input.breakEven.requestsPerMonth;
        fc.pre(breakEven === null || input.requestsPerMonth * growthFactorOf(input) < breakEven);
        expect(decide(input).recommendation).toBe('prompt');
      }),
      RUNS,
    );
  });

  it('rule 4 (with rule 6): specialised or regulated, 500+ good examples, production, above break-even', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const profile = { ...options.profile, stage: 'production', latencyTargetMs: undefined } as const;
        const input = scenario({ ...options, profile });
        const { domain, regulated, tasks, changeCadence } = input.workload.profile;
        const { examples, quality } = input.workload.trainingData;
        const breakEven = breakEvenOf(options.costs!.prompt!, options.costs!.fineTune!);
        fc.pre(
          (domain !== 'general' || regulated) &&
            !(domain === 'general' && tasks >= 3) &&
            examples >= 500 &&
            quality !== 'low' &&
            input.strategies.fineTune.feasible &&
            breakEven !== null &&
            input.requestsPerMonth * growthFactorOf(input) >= breakEven,
        );
        const expected = tasks > 1 || changeCadence === 'weekly' ? 'hybrid' : 'fine-tune';
        expect(decide(input).recommendation).toBe(expected);
      }),
      RUNS,
    );
  });

  it('rule 6: a fine-tuned answer with several tasks or weekly change is hybrid', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const input = scenario({ ...options, profile: { ...options.profile, latencyTargetMs: undefined } });
        const { tasks, changeCadence } = input.workload.profile;
        const { recommendation } = decide(input);
        fc.pre(recommendation !== 'prompt' && (tasks > 1 || changeCadence === 'weekly'));
        expect(recommendation).toBe('hybrid');
      }),
      RUNS,
    );
  });

  it('rule 7: a target the prompt misses and fine-tune meets moves the answer off prompt', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const input = scenario(options);
        const { profile } = input.workload;
        const target = profile.latencyTargetMs;
        fc.pre(
          target !== undefined &&
            input.strategies.prompt.latencyMs > target &&
            input.strategies.fineTune.latencyMs <= target &&
            input.strategies.fineTune.feasible &&
            scoreDecision(input).gate === null,
        );
        expect(decide(input).recommendation).not.toBe('prompt');
      }),
      RUNS,
    );
  });
});

describe('whatWouldChange and nextSteps over generated workloads', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  const statedVolume = (lines: string[], prefix: string) => {
    const sentence = lines.find((line) => line.startsWith(prefix));
    return sentence === undefined
      ? undefined
      : Number(sentence.slice(prefix.length).split(' ')[0]!.replaceAll(',', ''));
  };

  it('a stated volume flip upwards is where the answer really flips', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const volume = statedVolume(decide(scenario(options)).whatWouldChange, 'From about ');
        fc.pre(volume !== undefined);
        expect(volume).toBeGreaterThan(options.requestsPerMonth ?? 0);
        expect(isTuned({ ...options, requestsPerMonth: volume! })).toBe(true);
        if (volume! >= 100) expect(isTuned({ ...options, requestsPerMonth: volume! * 0.98 })).toBe(false);
      }),
      RUNS,
    );
  });

  it('a stated volume flip downwards is where the answer really flips', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const volume = statedVolume(decide(scenario(options)).whatWouldChange, 'Below about ');
        fc.pre(volume !== undefined);
        expect(isTuned({ ...options, requestsPerMonth: volume! })).toBe(true);
        if (volume! >= 100) expect(isTuned({ ...options, requestsPerMonth: volume! * 0.98 })).toBe(false);
      }),
      RUNS,
    );
  });

  it('nextSteps has 3 to 6 items', () => {
    fc.assert(
      fc.property(optionsArbitrary, (options) => {
        const { nextSteps } = decide(scenario(options));
        expect(nextSteps.length).toBeGreaterThanOrEqual(3);
        expect(nextSteps.length).toBeLessThanOrEqual(6);
      }),
      RUNS,
    );
  });
});
