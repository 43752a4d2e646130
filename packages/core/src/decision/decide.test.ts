import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Factor, StrategyName } from '../model/types.js';
import { DEFAULT_BREAK_EVEN, scenario } from './__fixtures__/decision-input.js';
import { type Decision, type DecisionInput, decide } from './decide.js';
import { confidenceFromMargin, scoreDecision } from './score.js';
import { PROMPT_WEIGHTS_COMPATIBLE_WITH_RULE_4, SECONDARY_FINE_TUNE_WEIGHTS, THRESHOLDS, WEIGHTS } from './weights.js';

// Rule numbers are those of docs/decision.md ("Rule 1" to "Rule 10").

const sum = (weights: readonly number[]) => weights.reduce((total, weight) => total + weight, 0);
const factorIds = (decision: ReturnType<typeof decide>) => decision.factors.map((factor) => factor.id);

/** Every secondary argument for fine-tuning at once: none is domain, regulation or latency. */
const allSecondaryArguments = {
  profile: { outputFormat: 'structured', consistency: 'high', changeCadence: 'quarterly' },
  trainingData: { examples: 5000, quality: 'high' },
  assumptions: { mlExpertise: 'dedicated' },
} as const;

describe('weights', () => {
  it('keep secondary fine-tune factors below the smallest below-break-even cost weight (rule 3)', () => {
    expect(sum(SECONDARY_FINE_TUNE_WEIGHTS)).toBeLessThan(WEIGHTS.costBelowBreakEvenBase);
  });

  it('let rule 4 outweigh every prompt factor that can coexist with it', () => {
    const weakestRule4 =
      Math.min(WEIGHTS.regulated, WEIGHTS.specialisedDomainWithData) +
      WEIGHTS.enoughExamples +
      WEIGHTS.costAboveBreakEvenBase;
    expect(weakestRule4).toBeGreaterThan(sum(PROMPT_WEIGHTS_COMPATIBLE_WITH_RULE_4));
  });

  it('let many tasks or weekly change outweigh the cost gap between fine-tune and hybrid (rule 6)', () => {
    expect(WEIGHTS.hybridForVariation).toBeGreaterThan(WEIGHTS.cheaperVariantMax);
  });
});

describe('rule 1: infeasible fine-tune and hybrid are never recommended', () => {
  it('answers prompt with fewer than 50 examples, however strong the case, and lists the blocker', () => {
    const decision = decide(
      scenario({
        requestsPerMonth: 5_000_000,
        profile: { domain: 'legal', regulated: true },
        trainingData: { examples: 49, quality: 'high' },
      }),
    );
    expect(decision.recommendation).toBe('prompt');
    const blocker = decision.factors.find((factor) => factor.id === 'blocker-too-few-examples');
    expect(blocker).toMatchObject({ favors: 'prompt', weight: WEIGHTS.gate });
    expect(blocker?.reason).toContain('49');
    expect(decision.whatWouldChange).toContain(
      'With 1 more training example (50 in all) fine-tuning becomes possible.',
    );
  });

  it('tells a team short of examples only what makes fine-tuning possible, not what volume would do', () => {
    // Far above break-even, but 10 examples: no volume moves the answer while fine-tuning cannot run at all.
    const input = scenario({ requestsPerMonth: 5_000_000, trainingData: { examples: 10, quality: 'high' } });
    expect(scoreDecision(input).gate).toBe('infeasible');
    expect(decide(input).whatWouldChange).toEqual([
      'With 40 more training examples (50 in all) fine-tuning becomes possible.',
    ]);
  });

  it('answers prompt when the data policy forbids provider training, and names self-hosting as the way out', () => {
    const decision = decide(
      scenario({ requestsPerMonth: 5_000_000, profile: { dataPolicy: 'no-third-party-training' } }),
    );
    expect(decision.recommendation).toBe('prompt');
    expect(factorIds(decision)).toContain('blocker-data-policy');
    expect(decision.whatWouldChange.join('\n')).toContain('self-hosted');
  });

  it('lets the same policy through once the fine-tune is self-hosted', () => {
    const decision = decide(
      scenario({
        requestsPerMonth: 5_000_000,
        profile: { dataPolicy: 'no-third-party-training' },
        fineTune: { hosting: 'self-hosted' },
      }),
    );
    expect(decision.recommendation).toBe('fine-tune');
    expect(factorIds(decision)).not.toContain('blocker-data-policy');
  });

  it('answers prompt for a model that cannot be tuned and names the cheapest live alternative', () => {
    const decision = decide(
      scenario({
        requestsPerMonth: 5_000_000,
        notFineTunable: true,
        liveAlternatives: [
          {
            id: 'example/llama-8b',
            hosting: 'self-hosted',
            gpu: 'runpod/h100',
            snippet: 'fineTune: { model: example/llama-8b, hosting: self-hosted, deployment: { gpu: runpod/h100 } }',
            averageMonthly: 3_500,
          },
        ],
      }),
    );
    expect(decision.recommendation).toBe('prompt');
    expect(factorIds(decision)).toContain('blocker-not-fine-tunable');
    // The cost model reports $0 for an unpriced strategy; no factor may read that as "cheaper".
    expect(factorIds(decision)).not.toContain('volume-vs-break-even');
    expect(decision.whatWouldChange.join('\n')).toContain(
      'fineTune: { model: example/llama-8b, hosting: self-hosted, deployment: { gpu: runpod/h100 } } (about $3,500 a month, trained at its provider and served on your own GPUs)',
    );
  });

  it('falls back to the feasible variant when only one of fine-tune and hybrid is blocked', () => {
    const input = scenario({ requestsPerMonth: 5_000_000 });
    input.strategies.fineTune = {
      ...input.strategies.fineTune,
      feasible: false,
      blockers: [{ id: 'retires-in-horizon', message: 'fine-tunes stop working in month 2' }],
    };
    expect(decide(input).recommendation).toBe('hybrid');
  });
});

describe('rule 2: a prototype stays on prompts', () => {
  it('answers prompt far above break-even in a specialised, regulated domain with plenty of data', () => {
    const input = scenario({
      requestsPerMonth: 10_000_000,
      profile: { stage: 'prototype', domain: 'healthcare', regulated: true },
      assumptions: { mlExpertise: 'dedicated' },
    });
    const decision = decide(input);
    expect(decision.recommendation).toBe('prompt');
    expect(decision.factors[0]).toMatchObject({ id: 'prototype-stage', favors: 'prompt' });
    expect(decision.whatWouldChange).toContain(
      'In production, with everything else unchanged, the recommendation would be fine-tune.',
    );
    expect(scoreDecision(input).gate).toBe('prototype');
  });

  it('gates nothing at the mvp stage', () => {
    const decision = decide(scenario({ requestsPerMonth: 10_000_000, profile: { stage: 'mvp' } }));
    expect(decision.recommendation).toBe('fine-tune');
  });
});

describe('rule 3: below break-even, prompt', () => {
  it('holds against every secondary argument for fine-tuning together', () => {
    const decision = decide(scenario({ requestsPerMonth: DEFAULT_BREAK_EVEN * 0.99, ...allSecondaryArguments }));
    expect(decision.recommendation).toBe('prompt');
    const cost = decision.factors.find((factor) => factor.id === 'volume-vs-break-even');
    expect(cost?.favors).toBe('prompt');
    expect(cost?.reason).toBe(
      'At 297,000 requests/month fine-tuning averages $3,594/month against $3,570 for prompting; fine-tuning is cheaper only from 300,000 requests/month.',
    );
  });

  it('says structured output and high consistency never pay for a higher bill on their own', () => {
    const decision = decide(
      scenario({
        requestsPerMonth: 250_000,
        profile: { outputFormat: 'structured', consistency: 'high' },
      }),
    );
    expect(decision.recommendation).toBe('prompt');
    const structured = decision.factors.find((factor) => factor.id === 'structured-output');
    expect(structured).toMatchObject({ favors: 'fine-tune', weight: WEIGHTS.structuredOutput });
  });

  it('yields to a specialised, regulated domain just below break-even', () => {
    const decision = decide(scenario({ requestsPerMonth: 250_000, profile: { domain: 'finance', regulated: true } }));
    expect(decision.recommendation).toBe('fine-tune');
  });

  it('still answers prompt for that domain far below break-even', () => {
    const decision = decide(scenario({ requestsPerMonth: 5_000, profile: { domain: 'finance', regulated: true } }));
    expect(decision.recommendation).toBe('prompt');
  });

  it('yields to a latency target the prompt misses (see rule 7)', () => {
    const decision = decide(
      scenario({ requestsPerMonth: 50_000, profile: { latencyTargetMs: 1000 }, latencyMs: { prompt: 2400 } }),
    );
    expect(decision.recommendation).not.toBe('prompt');
  });
});

describe('rule 4: specialised or regulated, 500+ good examples, production, above break-even', () => {
  it.each([
    ['healthcare', false],
    ['legal', false],
    ['finance', false],
    ['other-specialized', false],
    ['general', true],
  ] as const)('answers fine-tune for domain %s (regulated: %s)', (domain, regulated) => {
    const decision = decide(
      scenario({
        requestsPerMonth: DEFAULT_BREAK_EVEN,
        profile: { domain, regulated },
        trainingData: { examples: 500, quality: 'medium' },
      }),
    );
    expect(decision.recommendation).toBe('fine-tune');
  });

  it('holds against no ML expertise, just-above-break-even low volume and a lifecycle warning', () => {
    const decision = decide(
      scenario({
        requestsPerMonth: 60_000,
        costs: { fineTune: { fixedMonthly: 1080, perRequest: 0.002 } }, // break-even 60,000
        profile: { regulated: true },
        trainingData: { examples: 500, quality: 'medium' },
        assumptions: { mlExpertise: 'none' },
        migration: { month: 3, to: 'example/small-2', reason: 'retires' },
      }),
    );
    expect(factorIds(decision)).toEqual(expect.arrayContaining(['low-volume', 'ml-expertise', 'model-lifecycle']));
    expect(decision.recommendation).toBe('fine-tune');
  });

  it('becomes hybrid under rule 6, with two tasks and weekly change on top of the rest', () => {
    const decision = decide(
      scenario({
        requestsPerMonth: DEFAULT_BREAK_EVEN,
        profile: { domain: 'legal', tasks: 2, changeCadence: 'weekly' },
        trainingData: { examples: 500, quality: 'medium' },
        assumptions: { mlExpertise: 'none' },
      }),
    );
    expect(decision.recommendation).toBe('hybrid');
  });

  it('reports the domain as a direction with cited cases, never a predicted accuracy gain', () => {
    const decision = decide(scenario({ profile: { domain: 'healthcare' } }));
    const domain = decision.factors.find((factor) => factor.id === 'specialised-domain');
    expect(domain?.reason).toContain('Lehman et al. 2023');
    expect(domain?.reason).not.toMatch(/\d+\s*(%|percent|points)/);
  });
});

describe('rule 5: three or more tasks without a specialised domain stay on prompts', () => {
  it('answers prompt far above break-even', () => {
    const decision = decide(scenario({ requestsPerMonth: 10_000_000, profile: { tasks: 3, regulated: true } }));
    expect(decision.recommendation).toBe('prompt');
    expect(factorIds(decision)).toContain('many-tasks');
    expect(decision.whatWouldChange).toContain(
      'Split so each model serves one task instead of 3, the recommendation would be fine-tune.',
    );
  });

  // Rule 5 says "without a specialised domain", and regulation is not a domain: the gate wins over rule 4.
  it('gates a regulated general-domain workload that rule 4 alone would fine-tune', () => {
    const conditions = {
      requestsPerMonth: 2 * DEFAULT_BREAK_EVEN,
      trainingData: { examples: 500, quality: 'medium' },
    } as const;
    const gated = decide(scenario({ ...conditions, profile: { stage: 'production', regulated: true, tasks: 3 } }));
    expect(gated.recommendation).toBe('prompt');
    expect(scoreDecision(scenario({ ...conditions, profile: { regulated: true, tasks: 3 } })).gate).toBe('many-tasks');
    // One task fewer and the same workload is fine-tuned (as hybrid, rule 6) under rule 4.
    const twoTasks = decide(scenario({ ...conditions, profile: { stage: 'production', regulated: true, tasks: 2 } }));
    expect(twoTasks.recommendation).toBe('hybrid');
  });

  it('does not gate a specialised domain, which goes hybrid instead', () => {
    const decision = decide(scenario({ requestsPerMonth: 10_000_000, profile: { tasks: 3, domain: 'legal' } }));
    expect(factorIds(decision)).not.toContain('many-tasks');
    expect(decision.recommendation).toBe('hybrid');
  });
});

describe('rule 6: fine-tuning favoured with several tasks or weekly change becomes hybrid', () => {
  it('answers fine-tune for one task changing monthly', () => {
    expect(decide(scenario({ requestsPerMonth: 2_000_000 })).recommendation).toBe('fine-tune');
  });

  it('answers hybrid for two tasks', () => {
    const decision = decide(scenario({ requestsPerMonth: 2_000_000, profile: { tasks: 2 } }));
    expect(decision.recommendation).toBe('hybrid');
    expect(factorIds(decision)).toContain('hybrid-for-tasks');
  });

  it('answers hybrid for weekly change even though the hybrid costs more than fine-tuning alone', () => {
    const decision = decide(
      scenario({
        requestsPerMonth: 2_000_000,
        profile: { changeCadence: 'weekly' },
        costs: { hybrid: { fixedMonthly: 3600, perRequest: 0.006 } },
      }),
    );
    expect(decision.recommendation).toBe('hybrid');
    const cost = decision.factors.find((factor) => factor.id === 'variant-cost');
    expect(cost).toMatchObject({ favors: 'fine-tune', weight: WEIGHTS.cheaperVariantMax });
  });
});

describe('rule 7: a latency target the prompt misses and fine-tune meets moves the answer off prompt', () => {
  it('moves a workload far below break-even to fine-tune', () => {
    const decision = decide(
      scenario({ requestsPerMonth: 1_000, profile: { latencyTargetMs: 1200 }, latencyMs: { prompt: 2350 } }),
    );
    expect(decision.recommendation).toBe('fine-tune');
    const latency = decision.factors.find((factor) => factor.id === 'latency-target-prompt');
    expect(latency?.reason).toBe(
      'Prompting takes about 2,350 ms per request against a 1,200 ms target; fine-tuning takes about 800 ms.',
    );
  });

  it('moves nothing when fine-tuning misses the target too', () => {
    const decision = decide(
      scenario({
        requestsPerMonth: 1_000,
        profile: { latencyTargetMs: 700 },
        latencyMs: { prompt: 2350, fineTune: 800, hybrid: 900 },
      }),
    );
    expect(decision.recommendation).toBe('prompt');
  });

  it('says when every strategy misses the target, lowers confidence and names what would close the gap', () => {
    const options = { requestsPerMonth: 1_000, latencyMs: { prompt: 2350, fineTune: 800, hybrid: 900 } };
    const missed = decide(scenario({ ...options, profile: { latencyTargetMs: 700 } }));
    const unconstrained = decide(scenario(options));
    expect(missed.recommendation).toBe(unconstrained.recommendation);
    expect(missed.confidence).toBeLessThan(unconstrained.confidence);
    const reason = missed.factors.find((factor) => factor.id === 'latency-target-missed-by-all')?.reason;
    expect(reason).toBe(
      'Every strategy misses the 700 ms latency target; the fastest, fine-tuning, takes about 800 ms per request, so confidence is lowered until the gap closes.',
    );
    expect(missed.nextSteps[0]).toBe(
      'No strategy meets the 700 ms target: fine-tuning, the fastest, needs 100 ms less per request (fewer output tokens, a shorter prompt, a smaller or faster model), or the target needs review.',
    );
  });

  it('scales the confidence by 0.75 when every strategy misses, never below a tie’s 0.5', () => {
    const options = { requestsPerMonth: 310_000, latencyMs: { prompt: 2350, fineTune: 800, hybrid: 900 } };
    expect(decide(scenario(options)).confidence).toBe(0.71);
    // 0.71 × 0.75 = 0.5325, to two places 0.53.
    expect(decide(scenario({ ...options, profile: { latencyTargetMs: 700 } })).confidence).toBe(0.53);
  });

  it('does not override a hard gate', () => {
    const decision = decide(
      scenario({
        requestsPerMonth: 1_000,
        profile: { stage: 'prototype', latencyTargetMs: 1200 },
        latencyMs: { prompt: 2350 },
      }),
    );
    expect(decision.recommendation).toBe('prompt');
    // The reader is still told that the prompt misses the target and fine-tuning would meet it; since fine-tuning
    // meets it, the gated answer is not one that "every strategy misses", and keeps the gate's confidence.
    expect(decision.factors.find((factor) => factor.id === 'latency-target-prompt')).toMatchObject({
      favors: 'fine-tune',
      reason: 'Prompting takes about 2,350 ms per request against a 1,200 ms target; fine-tuning takes about 800 ms.',
    });
    expect(factorIds(decision)).not.toContain('latency-target-missed-by-all');
    expect(decision.confidence).toBe(confidenceFromMargin(WEIGHTS.gate));
  });

  it('measures only the strategies that can run against the target: a retired prompt model is not one', () => {
    const input = scenario({
      requestsPerMonth: 1_000,
      profile: { latencyTargetMs: 1200 },
      latencyMs: { prompt: 2350 },
    });
    const retired: DecisionInput = {
      ...input,
      strategies: {
        ...input.strategies,
        prompt: {
          ...input.strategies.prompt,
          feasible: false,
          blockers: [{ id: 'retired', message: 'example/large retired on 2026-11-01' }],
        },
      },
    };
    const decision = decide(retired);
    expect(decision.recommendation).toBe('fine-tune');
    // Fine-tune (800 ms) and hybrid (1,000 ms) both meet 1,200 ms: no latency factor at all.
    expect(decision.factors.filter((factor) => factor.id.startsWith('latency-'))).toEqual([]);
  });
});

describe('rule 8: no ML expertise outside production stays on prompts', () => {
  it('answers prompt at the mvp stage far above break-even', () => {
    const input = scenario({
      requestsPerMonth: 10_000_000,
      profile: { stage: 'mvp', domain: 'legal' },
      assumptions: { mlExpertise: 'none' },
    });
    const decision = decide(input);
    expect(decision.recommendation).toBe('prompt');
    expect(factorIds(decision)).toContain('no-ml-expertise');
    expect(decision.whatWouldChange).toContain(
      'With some ML expertise on the team, the recommendation would be fine-tune.',
    );
    expect(scoreDecision(input).gate).toBe('no-ml-expertise');
  });

  it('only weighs, and does not gate, in production', () => {
    const decision = decide(scenario({ requestsPerMonth: 10_000_000, assumptions: { mlExpertise: 'none' } }));
    expect(decision.recommendation).toBe('fine-tune');
    expect(decision.factors.find((factor) => factor.id === 'ml-expertise')?.reason).toBe(
      'No in-house ML expertise: the first fine-tune is budgeted at 160 engineering hours ($16,000) and each retrain at 40.',
    );
  });
});

describe('rule 9: more volume, examples or quality never return a fine-tuned answer to prompt', () => {
  const isTuned = (requestsPerMonth: number, options: Parameters<typeof scenario>[0] = {}) =>
    decide(scenario({ ...options, requestsPerMonth })).recommendation !== 'prompt';

  it('flips once as volume rises, at the break-even for a general workload', () => {
    const volumes = [1_000, 10_000, 100_000, 299_999, 300_000, 1_000_000, 1e8, 1e11];
    expect(volumes.map((volume) => isTuned(volume))).toEqual([false, false, false, false, true, true, true, true]);
  });

  it('flips once as examples rise', () => {
    const options = (examples: number) =>
      ({ profile: { domain: 'legal' }, trainingData: { examples, quality: 'medium' } }) as const;
    const answers = [0, 49, 50, 499, 500, 5000].map((examples) => isTuned(250_000, options(examples)));
    expect(answers).toEqual([false, false, false, false, true, true]);
  });

  it('flips once as quality rises', () => {
    const options = (quality: 'low' | 'medium' | 'high') =>
      ({ profile: { domain: 'finance' }, trainingData: { examples: 800, quality } }) as const;
    expect(['low', 'medium', 'high'].map((quality) => isTuned(250_000, options(quality as 'low')))).toEqual([
      false,
      true,
      true,
    ]);
  });
});

describe('rule 10: confidence', () => {
  it('is in [0, 1] and lower near break-even than far from it', () => {
    const near = decide(scenario({ requestsPerMonth: DEFAULT_BREAK_EVEN * 1.01 }));
    const far = decide(scenario({ requestsPerMonth: DEFAULT_BREAK_EVEN * 20 }));
    expect(near.recommendation).toBe('fine-tune');
    expect(far.recommendation).toBe('fine-tune');
    for (const decision of [near, far]) {
      expect(decision.confidence).toBeGreaterThanOrEqual(0);
      expect(decision.confidence).toBeLessThanOrEqual(1);
    }
    expect(near.confidence).toBeLessThan(far.confidence);
  });

  it('is 0.5 when the top two scores tie', () => {
    const input = scenario({ requestsPerMonth: DEFAULT_BREAK_EVEN });
    const scorecard = scoreDecision(input);
    expect(scorecard.margin).toBeGreaterThan(0);
    // Same fine-tune and hybrid cost: the variant contest ties and only rule 6-free weights remain.
    const tied = scenario({
      requestsPerMonth: DEFAULT_BREAK_EVEN,
      costs: { hybrid: { fixedMonthly: 3000, perRequest: 0.002 } },
      trainingData: { examples: 2000, quality: 'medium' },
    });
    expect(scoreDecision(tied).margin).toBe(0);
    expect(decide(tied).confidence).toBe(0.5);
  });
});

describe('rule 4 ties to prompting', () => {
  it('answers prompt when prompting and fine-tuning score the same: exactly at break-even, thin data, no ML team', () => {
    // At 300,000 requests/month (the break-even) the cost favours fine-tuning by costAboveBreakEvenBase (1.25); no ML
    // expertise (1) and 200 medium examples, short of the 500 target (0.25), favour prompting by the same 1.25.
    const input = scenario({
      requestsPerMonth: DEFAULT_BREAK_EVEN,
      trainingData: { examples: 200, quality: 'medium' },
      assumptions: { mlExpertise: 'none' },
    });
    const card = scoreDecision(input);
    expect(card.scores.prompt).toBe(WEIGHTS.costAboveBreakEvenBase);
    expect(card.scores['fine-tune']).toBe(card.scores.prompt);
    expect(card.recommendation).toBe('prompt');
    expect(decide(input).confidence).toBe(0.5);
  });
});

describe('whatWouldChange', () => {
  it('gives the break-even and the volume at which the answer flips, from the workload numbers', () => {
    const decision = decide(scenario({ requestsPerMonth: 120_000 }));
    expect(decision.whatWouldChange).toEqual([
      'Fine-tuning becomes cheaper than prompting above 300,000 requests/month (120,000 today).',
      'From about 300,000 requests/month the recommendation becomes fine-tune.',
    ]);
  });

  it('says when no volume makes fine-tuning cheaper', () => {
    const decision = decide(scenario({ costs: { fineTune: { fixedMonthly: 3000, perRequest: 0.02 } } }));
    expect(decision.recommendation).toBe('prompt');
    expect(decision.whatWouldChange[0]).toContain('No volume up to 1,000,000,000,000 requests/month');
  });

  it('names the examples the domain rule needs and whether they flip the answer', () => {
    const decision = decide(
      scenario({ requestsPerMonth: 250_000, profile: { domain: 'legal' }, trainingData: { examples: 120 } }),
    );
    expect(decision.recommendation).toBe('prompt');
    expect(decision.whatWouldChange).toContain(
      'With 380 more medium- or high-quality training examples (500 in all) the scorecard recommends fine-tune, before the larger training bill is priced in.',
    );
  });
});

describe('whatWouldChange with growth', () => {
  it('states the break-even as an average and the month-1 volume that reaches it', () => {
    const decision = decide(scenario({ requestsPerMonth: 200_000, monthlyGrowth: 0.05 }));
    // Mean of 1.05^(m-1) over 12 months = 1.3264272, so 300,000 / 1.3264272 = 226,171.6 in month 1.
    expect(decision.whatWouldChange[0]).toBe(
      'Fine-tuning is cheaper than prompting above an average of 300,000 requests/month; growing 5% a month over 12 months, that means starting above 226,172 (200,000 today).',
    );
  });
});

describe('factor list', () => {
  it('leaves the fine-tune-against-hybrid contest out of a prompt answer', () => {
    const decision = decide(scenario({ requestsPerMonth: 20_000, profile: { tasks: 2 } }));
    expect(decision.recommendation).toBe('prompt');
    expect(factorIds(decision)).not.toContain('hybrid-for-tasks');
    expect(factorIds(decision)).not.toContain('variant-cost');
  });

  it('does not repeat the many-tasks gate as a weighted factor', () => {
    const decision = decide(scenario({ profile: { tasks: 4 } }));
    expect(factorIds(decision)).toContain('many-tasks');
    expect(factorIds(decision)).not.toContain('task-count');
  });

  it('turns cost-model blocker clauses into sentences without capitalising a model id', () => {
    const input = scenario({
      extraBlockers: [
        { id: 'retired', message: 'fine-tunes of acme/old stop working on 2027-01-14' },
        { id: 'not-fine-tunable', message: 'acme/old cannot be fine-tuned' },
      ],
    });
    const reasons = decide(input).factors.map((factor) => factor.reason);
    expect(reasons).toContain('Fine-tunes of acme/old stop working on 2027-01-14.');
    expect(reasons).toContain('acme/old cannot be fine-tuned.');
  });

  it('shows the gates first, then the weighted factors strongest first', () => {
    const decision = decide(
      scenario({
        requestsPerMonth: 50_000,
        profile: { stage: 'prototype', domain: 'legal' },
        trainingData: { examples: 10 },
      }),
    );
    expect(factorIds(decision).slice(0, 2)).toEqual(['blocker-too-few-examples', 'prototype-stage']);
    const weights = decision.factors.slice(2).map((factor) => factor.weight);
    expect(weights).toEqual([...weights].sort((left, right) => right - left));
  });
});

describe('nextSteps', () => {
  it('for fine-tune: examples to collect, an evaluation set, the training deadline, retrains', () => {
    const input = scenario({
      requestsPerMonth: 2_000_000,
      trainingData: { examples: 300, quality: 'high' },
      retrainMonths: [4, 7, 10],
      modelPrices: {
        fineTune: {
          id: 'example/small',
          input: 0.2,
          output: 0.8,
          fineTuning: { training: 4, input: 0.4, output: 1.6, availableUntil: '2027-01-06' },
        },
      },
    });
    const decision = decide(input);
    expect(decision.recommendation).toBe('fine-tune');
    expect(decision.nextSteps).toEqual([
      'Collect and clean 200 more training examples (500 in all) before the first run.',
      "Hold out about 30 examples as an evaluation set and compare the fine-tune with today's prompt on it before moving traffic.",
      'Run the first training job on example/small (3 epochs) by 2027-01-06 (the last day a new training job can start).',
      'Schedule retrains in months 4, 7, 10 and re-run the evaluation set after each.',
      'Keep the prompt version as a fallback and confirm real volume and cost after launch with tunewise usage import.',
    ]);
    expect(decision.factors.find((factor) => factor.id === 'model-lifecycle')?.reason).toBe(
      '2027-01-06 is the last day a new training job can start, 39 days after 2026-11-28, so later retrains need another model.',
    );
  });

  it('for prompt: cache the static prefix when nothing is cached and the model has a cached price', () => {
    const decision = decide(scenario({ requestsPerMonth: 50_000 }));
    expect(decision.recommendation).toBe('prompt');
    expect(decision.nextSteps[0]).toBe(
      'Cache the 2,500-token static prefix: this model bills cached input at $0.30 per 1M tokens against $3.00, about $169 a month saved if half the requests hit the cache.',
    );
    expect(decision.nextSteps.length).toBeGreaterThanOrEqual(3);
    expect(decision.nextSteps.length).toBeLessThanOrEqual(6);
  });

  it('for prompt: no caching step once the prefix is cached', () => {
    const decision = decide(scenario({ requestsPerMonth: 50_000, prompt: { cacheHitRate: 0.8 } }));
    expect(decision.nextSteps.join('\n')).not.toContain('Cache the');
  });
});

describe('wording', () => {
  const closingOn = (availableUntil: string, asOf: string) =>
    decide(
      scenario({
        requestsPerMonth: 2_000_000,
        asOf,
        modelPrices: {
          fineTune: {
            id: 'example/small',
            input: 0.2,
            output: 0.8,
            fineTuning: { training: 4, input: 0.4, output: 1.6, availableUntil },
          },
        },
      }),
    );
  const lifecycleReason = (decision: Decision) =>
    decision.factors.find((factor) => factor.id === 'model-lifecycle')?.reason;

  it('on the last day a training job can start, says today is that day and still offers the job', () => {
    const decision = closingOn('2027-01-06', '2027-01-06');
    expect(decision.recommendation).toBe('fine-tune');
    expect(lifecycleReason(decision)).toBe(
      'Today (2027-01-06) is the last day a new training job can start, so later retrains need another model.',
    );
    expect(decision.nextSteps).toContain(
      'Run the first training job on example/small (3 epochs) today: 2027-01-06 is the last day a new training job can start.',
    );
  });

  it('says "1 day", not "1 days", the day before', () => {
    const decision = closingOn('2027-01-06', '2027-01-05');
    expect(lifecycleReason(decision)).toBe(
      '2027-01-06 is the last day a new training job can start, 1 day after 2027-01-05, so later retrains need another model.',
    );
    expect(decision.nextSteps).toContain(
      'Run the first training job on example/small (3 epochs) by 2027-01-06 (the last day a new training job can start).',
    );
  });

  it('offers no training deadline once the last day has passed', () => {
    const decision = closingOn('2027-01-06', '2027-01-07');
    expect(lifecycleReason(decision)).toBeUndefined();
    expect(decision.nextSteps).toContain('Run the first training job on example/small (3 epochs).');
  });

  it('says "shrinking 100% a month" for a workload that stops, and "1 month" for a one-month horizon', () => {
    const decision = decide(
      scenario({ requestsPerMonth: 200_000, monthlyGrowth: -1, assumptions: { horizonMonths: 1 }, retrainMonths: [1] }),
    );
    const text = [...decision.factors.map((factor) => factor.reason), ...decision.whatWouldChange].join('\n');
    expect(text).toContain('200,000 requests/month shrinking 100% a month (200,000 on average over 1 month)');
    expect(text).toContain('shrinking 100% a month over 1 month, that means starting above');
    expect(text).not.toMatch(/growing -|\b1 months\b|\b1 days\b/);
  });

  it('says "1 retrain in 1 month"', () => {
    const decision = decide(
      scenario({
        monthlyGrowth: 0.05,
        assumptions: { horizonMonths: 1 },
        profile: { changeCadence: 'weekly' },
        retrainMonths: [1],
      }),
    );
    expect(decision.factors.find((factor) => factor.id === 'change-cadence')?.reason).toContain(
      '(1 retrain in 1 month)',
    );
  });
});

describe('wording: one of something', () => {
  it('says "1 more training example" one short of the domain bar and of the minimum', () => {
    const almostDomain = decide(
      scenario({
        requestsPerMonth: 2_000_000,
        profile: { regulated: true },
        trainingData: { examples: 499, quality: 'high' },
      }),
    );
    expect(almostDomain.nextSteps).toContain(
      'Collect and clean 1 more training example (500 in all) before the first run.',
    );
    expect(almostDomain.whatWouldChange.join('\n')).toContain(
      'With 1 more medium- or high-quality training example (500 in all)',
    );
    const almostPossible = decide(scenario({ trainingData: { examples: 49, quality: 'high' } }));
    expect(almostPossible.whatWouldChange).toContain(
      'With 1 more training example (50 in all) fine-tuning becomes possible.',
    );
  });

  it('says "1 engineering hour" and "1 example"', () => {
    const decision = decide(
      scenario({
        profile: { domain: 'legal' },
        trainingData: { examples: 1, quality: 'low' },
        assumptions: { mlExpertise: 'none', effortHours: { fineTuneSetup: 1, retrain: 1 } },
      }),
    );
    const reasons = decision.factors.map((factor) => factor.reason).join('\n');
    expect(reasons).toContain('the first fine-tune is budgeted at 1 engineering hour ($100)');
    expect(reasons).toContain('thin data for it (1 example of low quality,');
  });
});

describe('reasons', () => {
  it('never carry the workload id or name', () => {
    const input = scenario({ requestsPerMonth: 2_000_000, profile: { domain: 'legal', tasks: 2 } });
    input.workload = { ...input.workload, id: 'secret-slug', name: '**bold** | pipe' };
    const text = JSON.stringify(decide(input));
    expect(text).not.toContain('secret-slug');
    expect(text).not.toContain('**bold**');
  });

  it('reduce a hostile model id to characters that cannot open markdown', () => {
    const input = scenario({ requestsPerMonth: 2_000_000 });
    input.strategies.fineTune = { ...input.strategies.fineTune, model: 'acme/`evil`|[x](y)' };
    const steps = decide(input).nextSteps.join('\n');
    expect(steps).toContain('acme/?evil???x??y?');
    expect(steps).not.toMatch(/[`|[\]]/);
  });

  it('list every weighted factor with a positive weight and a sentence', () => {
    const decision = decide(scenario({ profile: { domain: 'legal', regulated: true, changeCadence: 'weekly' } }));
    for (const factor of decision.factors) {
      expect(factor.weight).toBeGreaterThan(0);
      expect(factor.reason).toMatch(/^[A-Z0-9].*\.$/);
    }
  });
});

it('keeps THRESHOLDS aligned with the framework figures', () => {
  expect(THRESHOLDS).toMatchObject({ minimumExamples: 50, domainExamples: 500, lowVolumeRequestsPerMonth: 100_000 });
});

it('has the public shape the report expects', () => {
  expectTypeOf(decide).parameter(0).toEqualTypeOf<DecisionInput>();
  expectTypeOf(decide).returns.toEqualTypeOf<Decision>();
  expectTypeOf<Decision['recommendation']>().toEqualTypeOf<StrategyName | 'none'>();
  expectTypeOf<Decision['factors']>().toEqualTypeOf<Factor[]>();
});

describe('fine-tune against hybrid (rule 6)', () => {
  it('answers fine-tune when nothing tells the two apart: same cost, one task, monthly change', () => {
    const sameCost = { fixedMonthly: 3000, perRequest: 0.002 };
    const card = scoreDecision(
      scenario({ requestsPerMonth: 2_000_000, costs: { fineTune: sameCost, hybrid: sameCost } }),
    );
    expect(card.recommendation).toBe('fine-tune');
    expect(card.candidates).toEqual(['prompt', 'fine-tune', 'hybrid']);
    // A tie between the variants leaves the hybrid level with the fine-tune.
    expect(card.scores.hybrid).toBe(card.scores['fine-tune']);
  });

  it('scores the losing variant below the winner by the variant factors that separate them', () => {
    const card = scoreDecision(scenario({ requestsPerMonth: 2_000_000, profile: { tasks: 2 } }));
    expect(card.recommendation).toBe('hybrid');
    const edge = (favors: StrategyName) =>
      sum(
        card.factors.filter((factor) => factor.favors === favors && isVariant(factor)).map((factor) => factor.weight),
      );
    const gap = Math.abs(edge('hybrid') - edge('fine-tune'));
    expect(gap).toBeGreaterThan(0);
    expect(card.scores['fine-tune']).toBeCloseTo((card.scores.hybrid ?? Number.NaN) - gap, 10);
    expect(card.scores.hybrid).toBeGreaterThan(card.scores['fine-tune'] ?? Number.POSITIVE_INFINITY);
  });
});

function isVariant(factor: Factor): boolean {
  return factor.id === 'variant-cost' || factor.id.startsWith('hybrid-for-');
}
