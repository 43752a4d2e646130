import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compare,
  countTokens,
  evaluate,
  findConfig,
  gradeSummary,
  loadConfig,
  mergeEvalIntoYaml,
  parseUsageFile,
  TunewiseError,
  type UsageFile,
  UsageFileError,
} from '../src/index.js';

// The sdk's programmatic API on real files in a temp directory: nothing is mocked, prompt files are counted with the
// real tokenizer, and every report is pinned to an `asOf` date.
const asOf = '2026-11-28';
const systemPrompt = [
  'You triage support tickets for an online bookshop.',
  'Answer with one JSON object: {"category": "billing" | "shipping" | "returns" | "other", "priority": "low" | "urgent"}.',
  'Never promise a refund, a delivery date or a discount.',
].join('\n');

const usageYaml = (options: { requestsPerMonth: number; extraWorkload?: boolean }) => `version: 1
workloads:
  - id: support-triage
    model: openai/gpt-4.1-mini
    volume:
      requestsPerMonth: ${options.requestsPerMonth}
    prompt:
      instructionFiles: [prompts/system.md]
      exampleTokens: 2400
      inputTokens: 350
      outputTokens: 200
    trainingData:
      examples: 3000
      quality: high
${
  options.extraWorkload
    ? `  - id: ticket-summary
    model: anthropic/claude-haiku-4-5
    volume:
      requestsPerMonth: 50000
    prompt:
      instructionTokens: 400
      inputTokens: 800
      outputTokens: 120
`
    : ''
}`;

// An OpenAI fine-tune: self-serve training closes on 2027-01-06 and gpt-4o-mini retires on 2027-01-14 (the catalog's dates; docs/lifecycle.md).
const openAiFineTune: UsageFile = parseUsageFile(
  `version: 1
workloads:
  - id: contract-tagging
    model: openai/gpt-4o-mini
    volume: { requestsPerMonth: 500000 }
    prompt: { instructionTokens: 800, exampleTokens: 3000, inputTokens: 600, outputTokens: 100 }
    trainingData: { examples: 2000, quality: high }
`,
  { fileName: 'llm-usage.yml' },
).usageFile;

let directory: string;
let configPath: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'tunewise-api-'));
  await mkdir(path.join(directory, 'prompts'));
  await mkdir(path.join(directory, 'deep', 'er', 'still'), { recursive: true });
  await writeFile(path.join(directory, 'prompts', 'system.md'), systemPrompt);
  configPath = path.join(directory, 'llm-usage.yml');
  await writeFile(configPath, usageYaml({ requestsPerMonth: 250000 }));
  await writeFile(
    path.join(directory, 'llm-usage.base.yml'),
    usageYaml({ requestsPerMonth: 100000, extraWorkload: true }),
  );
});

afterAll(() => rm(directory, { recursive: true, force: true }));

describe('evaluate', () => {
  it('reads a path, counts its prompt file with the real tokenizer and carries the count into the report', async () => {
    const expected = await countTokens(systemPrompt, 'openai/gpt-4.1-mini');
    expect(expected).toMatchObject({ method: 'exact', encoding: 'o200k_base' });
    expect(expected.tokens).toBeGreaterThan(40);

    const report = await evaluate(configPath, { asOf });
    const workload = report.workloads[0]!;
    expect(report.asOf).toBe(asOf);
    expect(workload.id).toBe('support-triage');
    expect(workload.inputs.instructionTokens).toBe(expected.tokens);
    // What the prompt strategy sends: the counted file, the examples and the variable input.
    expect(workload.strategies.prompt.promptTokens).toBe(expected.tokens + 2400 + 350);
  });

  it('moves the prompt cost when the prompt file grows', async () => {
    const before = await evaluate(configPath, { asOf });
    const grownDirectory = await mkdtemp(path.join(tmpdir(), 'tunewise-api-grown-'));
    try {
      await mkdir(path.join(grownDirectory, 'prompts'));
      await writeFile(path.join(grownDirectory, 'prompts', 'system.md'), `${systemPrompt}\n${systemPrompt}`);
      await writeFile(path.join(grownDirectory, 'llm-usage.yml'), usageYaml({ requestsPerMonth: 250000 }));
      const after = await evaluate(path.join(grownDirectory, 'llm-usage.yml'), { asOf });
      const tokensBefore = before.workloads[0]!.inputs.instructionTokens;
      const tokensAfter = after.workloads[0]!.inputs.instructionTokens;
      expect(tokensAfter).toBeGreaterThan(tokensBefore * 1.9);
      expect(after.workloads[0]!.strategies.prompt.perRequest).toBeGreaterThan(
        before.workloads[0]!.strategies.prompt.perRequest,
      );
    } finally {
      await rm(grownDirectory, { recursive: true, force: true });
    }
  });

  it('gives the same report from a path, a loaded file and its UsageFile', async () => {
    const loaded = await loadConfig(configPath);
    const fromPath = await evaluate(configPath, { asOf });
    const fromLoaded = await evaluate(loaded, { asOf });
    const fromUsageFile = await evaluate(loaded.usageFile, { asOf });
    expect(fromLoaded).toEqual(fromPath);
    expect(fromUsageFile).toEqual(fromPath);
  });

  it('evaluates a UsageFile built in code, without touching the disk', async () => {
    const report = await evaluate(openAiFineTune, { asOf });
    expect(report.workloads.map((workload) => workload.id)).toEqual(['contract-tagging']);
    expect(report.workloads[0]!.strategies.prompt.promptTokens).toBe(800 + 3000 + 600);
  });

  it('judges catalog deadlines against asOf: an OpenAI fine-tune retires in the horizon, then training closes', async () => {
    const before = await evaluate(openAiFineTune, { asOf: '2026-11-28' });
    const after = await evaluate(openAiFineTune, { asOf: '2027-01-07' });
    const blockerIds = (report: typeof before) =>
      report.workloads[0]!.strategies.fineTune.blockers.map((blocker) => blocker.id);

    expect(before.asOf).toBe('2026-11-28');
    expect(blockerIds(before)).toContain('retires-in-horizon');
    expect(blockerIds(before)).not.toContain('training-closed');
    expect(after.asOf).toBe('2027-01-07');
    expect(blockerIds(after)).toContain('training-closed');
    const closed = after.workloads[0]!.strategies.fineTune.blockers.find((blocker) => blocker.id === 'training-closed');
    expect(closed!.message).toContain('2027-01-06');
    for (const report of [before, after]) {
      expect(report.workloads[0]!.strategies.fineTune.feasible).toBe(false);
      expect(report.workloads[0]!.recommendation).not.toBe('fine-tune');
    }
  });

  it('defaults asOf to today in UTC', async () => {
    const dayBefore = new Date().toISOString().slice(0, 10);
    const report = await evaluate(openAiFineTune);
    const dayAfter = new Date().toISOString().slice(0, 10);
    // Either side of midnight UTC, never anything else.
    expect([dayBefore, dayAfter]).toContain(report.asOf);
  });
});

describe('compare', () => {
  it('treats a null base as a first report: every workload added, no percentages', async () => {
    const diff = await compare(null, configPath, { asOf });
    expect(diff.kind).toBe('report-diff');
    expect(diff.isFirstReport).toBe(true);
    expect(diff.base).toBeNull();
    expect(diff.added).toEqual(['support-triage']);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([]);
    expect(diff.totals.averageMonthly.percent).toBeNull();
  });

  it('lists added, removed and changed workloads between two usage files', async () => {
    // Base: less triage traffic and a summary workload; head: more traffic, no summaries, and the fine-tune example.
    const head = await loadConfig(configPath);
    const headFile: UsageFile = {
      ...head.usageFile,
      workloads: [...head.usageFile.workloads, openAiFineTune.workloads[0]!],
    };
    const diff = await compare(path.join(directory, 'llm-usage.base.yml'), headFile, { asOf });

    expect(diff.isFirstReport).toBe(false);
    expect(diff.added).toEqual(['contract-tagging']);
    expect(diff.removed).toEqual(['ticket-summary']);
    expect(diff.changed).toEqual(['support-triage']);
    const triage = diff.workloads.find((workload) => workload.id === 'support-triage')!;
    expect(triage.kind).toBe('changed');
    expect(triage.averageMonthly.delta).toBeGreaterThan(0);
    expect(triage.averageMonthly.delta).toBeCloseTo(triage.averageMonthly.head - triage.averageMonthly.base, 6);
    expect(diff.totals.averageMonthly.delta).toBeCloseTo(
      diff.head.totals.recommended.averageMonthly - diff.base!.totals.recommended.averageMonthly,
      6,
    );
  });

  it('accepts finished reports and reports nothing changed between equal sides', async () => {
    const report = await evaluate(configPath, { asOf });
    const diff = await compare(report, configPath, { asOf });
    expect(diff.head).toEqual(report);
    expect(diff.unchanged).toEqual(['support-triage']);
    expect([...diff.added, ...diff.removed, ...diff.changed]).toEqual([]);
    expect(diff.totals.averageMonthly.delta).toBe(0);
  });
});

describe('measured quality through the API', () => {
  it('gradeSummary results written with mergeEvalIntoYaml come back from loadConfig, and evaluate takes the file', {
    timeout: 60_000,
  }, async () => {
    // A team grading its held-out set in code: 500 cases, every eighth one wrong.
    const graded = Array.from({ length: 500 }, (_, index) => ({ pass: index % 8 !== 0 }));
    const summary = gradeSummary(graded);
    expect(summary).toEqual({ passed: 437, total: 500 });
    const { readFile } = await import('node:fs/promises');
    const measuredPath = path.join(directory, 'llm-usage.quality.yml');
    const merged = mergeEvalIntoYaml(
      await readFile(configPath, 'utf8'),
      { workload: 'support-triage', strategy: 'prompt', ...summary, source: 'graded in code', asOf },
      { file: measuredPath },
    );
    await writeFile(measuredPath, merged);
    const loaded = await loadConfig(measuredPath);
    expect(loaded.usageFile.workloads[0]?.quality).toEqual({ failureCostUsd: 0, prompt: { passed: 437, total: 500 } });
    const report = await evaluate(loaded, { asOf });
    expect(report.workloads.map((workload) => workload.id)).toEqual(['support-triage']);
  });
});

describe('loadConfig', () => {
  it('returns the validated file, its path and the counted prompt files', async () => {
    const loaded = await loadConfig(configPath);
    expect(loaded.path).toBe(configPath);
    expect(loaded.promptFiles).toEqual([
      expect.objectContaining({
        workload: 'support-triage',
        field: 'instructionFiles',
        path: 'prompts/system.md',
        tokens: loaded.usageFile.workloads[0]!.prompt.instructionTokens,
      }),
    ]);
  });

  it('rejects a bad file with a UsageFileError whose issues carry line and column', async () => {
    const bad = path.join(directory, 'bad.yml');
    await writeFile(
      bad,
      'version: 1\nworkloads:\n  - id: a\n    model: openai/gpt-4.1-mini\n    volume:\n      requestsPerMonth: lots\n    prompt: { inputTokens: 10, outputTokens: 10, cacheHitRat: 0.5 }\n',
    );
    const error = await loadConfig(bad).catch((caught: unknown) => caught);
    expect(UsageFileError.isInstance(error)).toBe(true);
    expect(TunewiseError.isInstance(error)).toBe(true);
    if (!UsageFileError.isInstance(error)) throw error;
    expect(error.name).toBe('UsageFileError');
    expect(error.issues).toEqual([
      expect.objectContaining({ file: bad, line: 6, column: 25, path: 'workloads[0].volume.requestsPerMonth' }),
      expect.objectContaining({
        file: bad,
        line: 7,
        path: 'workloads[0].prompt.cacheHitRat',
        suggestion: 'cacheHitRate',
      }),
    ]);
    expect(error.message).toContain(`${bad}:6:25`);
    // evaluate from the same path rejects the same way: no report from a half-valid file.
    await expect(evaluate(bad, { asOf })).rejects.toSatisfy(UsageFileError.isInstance);
  });

  it('rejects a missing file and a prompt file outside the repository with located UsageFileErrors', async () => {
    const missing = await loadConfig(path.join(directory, 'nope.yml')).catch((caught: unknown) => caught);
    expect(UsageFileError.isInstance(missing)).toBe(true);
    expect((missing as UsageFileError).issues[0]).toMatchObject({ line: 0, column: 0 });

    const escaping = path.join(directory, 'escaping.yml');
    await writeFile(
      escaping,
      'version: 1\nworkloads:\n  - id: a\n    model: openai/gpt-4.1-mini\n    volume: { requestsPerMonth: 10 }\n    prompt:\n      instructionFiles: [../outside.md]\n      inputTokens: 10\n      outputTokens: 10\n',
    );
    const outside = await loadConfig(escaping).catch((caught: unknown) => caught);
    expect(UsageFileError.isInstance(outside)).toBe(true);
    expect((outside as UsageFileError).issues[0]).toMatchObject({
      line: 7,
      path: 'workloads[0].prompt.instructionFiles[0]',
    });
  });

  it('is not fooled by an error that only looks like one', () => {
    const lookalike = Object.assign(new Error('x'), { name: 'UsageFileError', issues: [] });
    expect(UsageFileError.isInstance(lookalike)).toBe(false);
    expect(UsageFileError.isInstance(new UsageFileError([]))).toBe(true);
    expect(UsageFileError.isInstance(new TunewiseError({ name: 'TunewiseError', message: 'x' }))).toBe(false);
  });
});

describe('findConfig', () => {
  it('walks upward from a nested directory to the nearest usage file', async () => {
    expect(await findConfig(path.join(directory, 'deep', 'er', 'still'))).toBe(configPath);
    expect(await findConfig(directory)).toBe(configPath);
  });

  it('prefers the nearest directory and, within one, llm-usage.yml over .yaml and .json', async () => {
    const nested = path.join(directory, 'deep', 'er');
    await writeFile(path.join(nested, 'llm-usage.json'), '{"version": 1, "workloads": []}');
    await writeFile(path.join(nested, 'llm-usage.yaml'), 'version: 1\nworkloads: []\n');
    try {
      expect(await findConfig(path.join(nested, 'still'))).toBe(path.join(nested, 'llm-usage.yaml'));
    } finally {
      await rm(path.join(nested, 'llm-usage.yaml'));
    }
    expect(await findConfig(path.join(nested, 'still'))).toBe(path.join(nested, 'llm-usage.json'));
    await rm(path.join(nested, 'llm-usage.json'));
  });

  it('resolves to undefined when no directory up to the root has one', async () => {
    const lonely = await mkdtemp(path.join(tmpdir(), 'tunewise-api-none-'));
    try {
      // Only meaningful when nothing above the temp dir holds a usage file; say so instead of passing vacuously.
      const aboveTemp = await findConfig(path.dirname(lonely));
      expect(aboveTemp).toBeUndefined();
      expect(await findConfig(lonely)).toBeUndefined();
    } finally {
      await rm(lonely, { recursive: true, force: true });
    }
  });
});
