import { parseUsageFile, UsageFileError } from '@tunewise/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalogModelId, mergeUsageIntoYaml, toWorkloadSlug } from './merge-yaml.js';
import type { MeasuredWorkload } from './meter.js';

const existing = `# Our LLM workloads
version: 1
workloads:
  # The support bot; owner: team-support
  - id: support-triage
    model: openai/gpt-4.1-mini
    volume:
      requestsPerMonth: { low: 1000, expected: 5000, high: 9000 } # a guess
      monthlyGrowth: 0.05
    prompt:
      instructionTokens: 1200 # system prompt
      exampleTokens: 800
      inputTokens: 350
      outputTokens: 200
    profile:
      stage: production
  - id: summarizer
    model: openai/gpt-4.1-mini
    volume:
      requestsPerMonth: 100
    prompt:
      instructionFiles: [prompts/summarize.md]
      inputTokens: 10
      outputTokens: 10
`;

function measured(overrides: Partial<MeasuredWorkload> & { id: string }): MeasuredWorkload {
  return {
    requests: 7000,
    firstSeen: '2026-11-01T00:00:00.000Z',
    lastSeen: '2026-11-08T00:00:00.000Z',
    windowDays: 7,
    requestsPerMonth: 30438,
    extrapolated: true,
    tokens: {
      input: { mean: 2600.4, p95: 4100 },
      cachedInput: { mean: 1500, p95: 2000 },
      output: { mean: 180.6, p95: 512 },
    },
    ...overrides,
  };
}

describe('mergeUsageIntoYaml', () => {
  it('writes volume and prompt numbers, keeps comments and order, and explains each number', () => {
    const merged = mergeUsageIntoYaml(existing, [measured({ id: 'support-triage' })], { asOf: '2026-11-28' });
    const value = parse(merged);
    const workload = value.workloads[0];
    expect(workload.volume).toEqual({ requestsPerMonth: 30438, monthlyGrowth: 0.05 });
    // 2600.4 measured − (1200 + 800) static = 600.4 → 600
    expect(workload.prompt).toEqual({
      instructionTokens: 1200,
      exampleTokens: 800,
      inputTokens: 600,
      outputTokens: 181,
      cacheHitRate: 0.75, // 1500 cached / 2000 static
    });
    for (const comment of ['# Our LLM workloads', '# The support bot; owner: team-support', '# system prompt']) {
      expect(merged).toContain(comment);
    }
    expect(merged).toContain(
      '# measured 2026-11-28: 7,000 requests in 7 days (2026-11-01T00:00Z to 2026-11-08T00:00Z), extrapolated to a 30.4375-day month\n      requestsPerMonth: 30438',
    );
    expect(merged).toContain('# measured: mean input 2,600.4 tokens (p95 4,100) minus 2,000 static');
    expect(merged).toContain('# measured: mean output 180.6 tokens (p95 512)');
    // Untouched workload and key order.
    expect(value.workloads[1]).toEqual(parse(existing).workloads[1]);
    expect(Object.keys(workload)).toEqual(['id', 'model', 'volume', 'prompt', 'profile']);
  });

  it('replaces its own comments on a re-run instead of stacking them', () => {
    const once = mergeUsageIntoYaml(existing, [measured({ id: 'support-triage' })], { asOf: '2026-11-28' });
    const twice = mergeUsageIntoYaml(
      once,
      [measured({ id: 'support-triage', requests: 8000, requestsPerMonth: 34786 })],
      {
        asOf: '2026-11-29',
      },
    );
    expect(twice.match(/# measured/g)?.length).toBe(once.match(/# measured/g)?.length);
    expect(twice).toContain('measured 2026-11-29: 8,000 requests');
    expect(twice).not.toContain('2026-11-28');
    expect(parse(twice).workloads[0].volume.requestsPerMonth).toBe(34786);
  });

  it('never goes below 0 and does not subtract static tokens it cannot know (files) unless given', () => {
    const small = measured({
      id: 'support-triage',
      tokens: { input: { mean: 900, p95: 1000 }, cachedInput: { mean: 0, p95: 0 }, output: { mean: 1, p95: 1 } },
    });
    expect(parse(mergeUsageIntoYaml(existing, [small])).workloads[0].prompt.inputTokens).toBe(0);

    const summarizer = measured({ id: 'summarizer' });
    const withoutCount = parse(mergeUsageIntoYaml(existing, [summarizer])).workloads[1].prompt;
    expect(withoutCount.inputTokens).toBe(2600);
    expect(withoutCount.cacheHitRate).toBeUndefined();
    const withCount = parse(mergeUsageIntoYaml(existing, [summarizer], { staticTokens: { summarizer: 2400 } }))
      .workloads[1].prompt;
    expect(withCount).toMatchObject({ inputTokens: 200, cacheHitRate: 0.625 });
  });

  it('appends an unknown workload with a slug id, a catalog model id and a comment', () => {
    const merged = mergeUsageIntoYaml(existing, {
      workloads: [
        measured({
          id: 'gpt-4.1-nano',
          model: 'gpt-4.1-nano',
          provider: 'openai',
          extrapolated: false,
          requests: 3,
          requestsPerMonth: 3,
        }),
      ],
      warnings: [],
    });
    const added = parse(merged).workloads[2];
    expect(added).toEqual({
      id: 'gpt-4.1-nano',
      model: 'openai/gpt-4.1-nano',
      volume: { requestsPerMonth: 3 },
      prompt: { inputTokens: 2600, outputTokens: 181 },
    });
    expect(merged).toContain('# Added by tunewise from measured usage (2026-11-08)');
    expect(merged).toContain('3 requests in a window under an hour, too short to extrapolate: given as-is');
  });

  it('starts a workloads list in a file that has none, and rejects broken YAML with a location', () => {
    const merged = mergeUsageIntoYaml('version: 1\n', [measured({ id: 'Team/Bot' })]);
    expect(parse(merged).workloads[0]).toMatchObject({ id: 'team-bot', model: 'unknown/model' });
    let caught: unknown;
    try {
      mergeUsageIntoYaml('version: 1\nworkloads: [\n', [], { file: 'usage.yml' });
    } catch (error) {
      caught = error;
    }
    expect(UsageFileError.isInstance(caught)).toBe(true);
    expect((caught as UsageFileError).issues[0]).toMatchObject({ file: 'usage.yml', line: expect.any(Number) });
  });
});

describe('mergeUsageIntoYaml: the window comment', () => {
  const windowLine = (windowDays: number, requests = 48) => {
    const merged = mergeUsageIntoYaml(existing, [measured({ id: 'support-triage', windowDays, requests })], {
      asOf: '2026-11-28',
    });
    return merged.split('\n').find((line) => line.includes('# measured 2026-11-28:'));
  };

  it('says "1 day" for one day and "days" for more, as the number is shown', () => {
    expect(windowLine(1)).toContain('48 requests in 1 day (');
    expect(windowLine(2)).toContain('48 requests in 2 days (');
    expect(windowLine(7.25)).toContain('48 requests in 7.3 days (');
    // 1.00001 days is shown as "1", so it reads "1 day"
    expect(windowLine(1.00001)).toContain('48 requests in 1 day (');
    expect(windowLine(3, 1)).toContain('1 request in 3 days (');
  });

  it('gives a window under a day in hours', () => {
    expect(windowLine(1 / 24)).toContain('48 requests in 1 hour (');
    expect(windowLine(0.25)).toContain('48 requests in 6 hours (');
    expect(windowLine(0.1)).toContain('48 requests in 2.4 hours (');
  });
});

describe('mergeUsageIntoYaml: flow-style maps', () => {
  const flowFile = `# Our LLM workloads
version: 1
workloads:
  # The support bot
  - id: support-triage
    model: openai/gpt-4.1-mini
    volume: { requestsPerMonth: 1000 } # a guess
    prompt: { instructionTokens: 1200, inputTokens: 300, outputTokens: 200 } # from the playground
    profile: { stage: production, tasks: 2 } # untouched
`;
  const merge = (text: string) =>
    mergeUsageIntoYaml(text, [measured({ id: 'support-triage' })], { asOf: '2026-11-28' });

  it('turns a flow map it comments into block style, so each comment sits on its own line outside braces', () => {
    const merged = merge(flowFile);
    expect(merged).toBe(`# Our LLM workloads
version: 1
workloads:
  # The support bot
  - id: support-triage
    model: openai/gpt-4.1-mini
    volume:
      # a guess
      # measured 2026-11-28: 7,000 requests in 7 days (2026-11-01T00:00Z to 2026-11-08T00:00Z), extrapolated to a 30.4375-day month
      requestsPerMonth: 30438
    prompt:
      # from the playground
      instructionTokens: 1200
      # measured: mean input 2,600.4 tokens (p95 4,100) minus 1,200 static (instructionTokens + exampleTokens), at least 0
      inputTokens: 1400
      # measured: mean output 180.6 tokens (p95 512)
      outputTokens: 181
      # measured: mean cached input 1,500 tokens (p95 2,000) / 1,200 static, at most 1
      cacheHitRate: 1
    profile: { stage: production, tasks: 2 } # untouched
`);
  });

  it('still parses as a usage file with the measured numbers, and a re-run changes nothing', () => {
    const merged = merge(flowFile);
    const workload = parseUsageFile(merged, { fileName: 'llm-usage.yml' }).usageFile.workloads[0]!;
    expect(workload.volume.requestsPerMonth).toBe(30438);
    expect(workload.prompt).toMatchObject({
      instructionTokens: 1200,
      inputTokens: 1400,
      outputTokens: 181,
      cacheHitRate: 1,
    });
    expect(workload.profile).toMatchObject({ stage: 'production', tasks: 2 });
    expect(merge(merged)).toBe(merged);
  });

  it('leaves a flow map inside a block map it did not need to comment as it was', () => {
    const text = flowFile.replace(
      'prompt: { instructionTokens: 1200, inputTokens: 300, outputTokens: 200 }',
      'prompt:\n      inputTokens: 300\n      outputTokens: 200\n      instructionFiles: [prompts/a.md, prompts/b.md]',
    );
    const merged = merge(text);
    expect(merged).toContain('      instructionFiles: [ prompts/a.md, prompts/b.md ] # from the playground\n');
    expect(merged).toContain('    profile: { stage: production, tasks: 2 } # untouched\n');
    expect(parseUsageFile(merged, { fileName: 'llm-usage.yml' }).usageFile.workloads[0]!.prompt.inputTokens).toBe(2600);
  });
});

describe('helpers', () => {
  it('slugs ids and prefixes providers', () => {
    expect(toWorkloadSlug('openai/GPT 4o')).toBe('openai-gpt-4o');
    expect(toWorkloadSlug('///')).toBe('workload');
    expect(catalogModelId({ model: 'gemini-2.5-flash', provider: 'gcp.vertex_ai' })).toBe('google/gemini-2.5-flash');
    expect(catalogModelId({ model: 'openai/gpt-4o', provider: 'openai' })).toBe('openai/gpt-4o');
    expect(catalogModelId({})).toBeUndefined();
  });
});
