import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../catalog/index.js';
import { UsageFileError } from '../errors/usage-file-error.js';
import { MAX_USAGE_FILE_BYTES } from '../schema/defaults.js';
import { parseUsageFile, safeParseUsageFile } from './parse-usage-file.js';

const knownModelIds = ['openai/gpt-4o', 'openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5'];

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

function lines(...rows: string[]): string {
  return `${rows.join('\n')}\n`;
}

/** The issues of a file that must be refused. */
function issuesOf(text: string, fileName = 'llm-usage.yml', ids: readonly string[] | null = knownModelIds) {
  const result = safeParseUsageFile(text, ids === null ? { fileName } : { fileName, knownModelIds: ids });
  if (result.success) throw new Error('expected the usage file to be refused');
  return result.error.issues;
}

/** Line of the first occurrence of `needle` in `text`, 1-based. */
function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in the fixture`);
  return text.slice(0, index).split('\n').length;
}

/** A valid one-workload file; `rows` are appended to the workload. Lines 1-9 are fixed. */
function withWorkload(...rows: string[]): string {
  return lines(
    'version: 1',
    'workloads:',
    '  - id: support-triage',
    '    model: openai/gpt-4o',
    '    volume:',
    '      requestsPerMonth: 250000',
    '    prompt:',
    '      inputTokens: 350',
    '      outputTokens: 200',
    ...rows,
  );
}

describe('parseUsageFile on valid files', () => {
  it('parses the multi-workload fixture, fills defaults and resolves aliases', () => {
    const { usageFile } = parseUsageFile(fixture('valid-multi-workload.yml'), {
      fileName: 'llm-usage.yml',
      knownModelIds,
    });
    expect(usageFile.workloads.map((workload) => workload.id)).toEqual([
      'support-triage',
      'contract-review',
      'triage-copy',
    ]);
    const [triage, contract, copy] = usageFile.workloads;
    expect(triage?.volume).toEqual({ requestsPerMonth: 250000, monthlyGrowth: 0.05 });
    expect(triage?.fineTune).toEqual({
      model: 'openai/gpt-4o-mini',
      epochs: 3,
      retrainEveryMonths: 3,
      hosting: 'provider',
    });
    expect(contract?.volume.requestsPerMonth).toEqual({ low: 5000, expected: 20000, high: 60000 });
    expect(contract?.profile).toMatchObject({ stage: 'production', domain: 'legal', tasks: 1 });
    expect(contract?.fineTune.selfHosted).toEqual({
      gpuHourly: 2.5,
      tokensPerSecond: 2500,
      minReplicas: 1,
      peakFactor: 3,
    });
    expect(copy?.prompt).toEqual(triage?.prompt);
    expect(usageFile.assumptions).toEqual({
      horizonMonths: 12,
      engineerHourlyRate: 100,
      mlExpertise: 'some',
      effortHours: { fineTuneSetup: 60 },
      activeFineTuningProviders: [],
    });
    expect(usageFile.policy?.failOn).toEqual({ monthlyCostIncreasePercent: 20, recommendationChange: true });
  });

  it('parses the JSON fixture through the same path', () => {
    const { usageFile } = parseUsageFile(fixture('valid.json'), { fileName: 'llm-usage.json', knownModelIds });
    expect(usageFile.$schema).toBe('../../../schema.json');
    expect(usageFile.workloads[0]?.prompt).toEqual({
      instructionTokens: 1200,
      exampleTokens: 2400,
      inputTokens: 350,
      outputTokens: 200,
      cacheHitRate: 0,
    });
  });

  it('locates fields, through aliases, and falls back to the nearest existing ancestor', () => {
    const text = fixture('valid-multi-workload.yml');
    const { locate } = parseUsageFile(text, { fileName: 'llm-usage.yml' });
    expect(locate(['workloads', 1, 'prompt', 'instructionFiles', 0])).toEqual({
      line: lineOf(text, 'instructionFiles:'),
      column: 26,
    });
    expect(locate(['workloads', 0, 'volume', 'requestsPerMonth'])).toEqual({
      line: lineOf(text, 'requestsPerMonth: 250000'),
      column: 25,
    });
    // Missing: lands on the key that would hold it.
    expect(locate(['workloads', 1, 'prompt', 'cacheHitRate'])).toEqual({
      line: lineOf(text, '      instructionFiles:') - 1,
      column: 5,
    });
    // Through `prompt: *triage-prompt`: the anchored definition in the first workload.
    expect(locate(['workloads', 2, 'prompt', 'inputTokens'])).toEqual({
      line: lineOf(text, 'inputTokens: 350'),
      column: 20,
    });
    expect(locate(['workloads', 9, 'model'])).toEqual({ line: lineOf(text, 'workloads:'), column: 1 });
    expect(locate([])).toEqual({ line: 2, column: 1 });
  });

  it('does not check model ids without a catalog, and accepts keys of models with one', () => {
    const text = withWorkload('    fineTune:', '      model: acme/custom');
    expect(parseUsageFile(text, { fileName: 'llm-usage.yml' }).usageFile.workloads[0]?.fineTune.model).toBe(
      'acme/custom',
    );
    const withModels = `${text}models:\n  acme/custom: { input: 1, output: 2 }\n`;
    expect(parseUsageFile(withModels, { fileName: 'llm-usage.yml', knownModelIds }).usageFile.models).toEqual({
      'acme/custom': { input: 1, output: 2 },
    });
  });
});

describe('parseUsageFile errors', () => {
  it('throws a UsageFileError whose message names file, line, column and path', () => {
    const text = withWorkload().replace('outputTokens: 200', 'outputTokens: -200');
    let caught: unknown;
    try {
      parseUsageFile(text, { fileName: 'llm-usage.yml' });
    } catch (error) {
      caught = error;
    }
    expect(UsageFileError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toBe(
      'llm-usage.yml:9:21: workloads[0].prompt.outputTokens: must not be negative (expected a number ≥ 0, found -200).',
    );
  });

  it('refuses an empty file and a file of only comments', () => {
    expect(issuesOf('')).toEqual([
      {
        file: 'llm-usage.yml',
        line: 1,
        column: 1,
        path: '',
        message: 'the usage file is empty',
        expected: 'a mapping with version: 1 and workloads',
        found: 'an empty file',
      },
    ]);
    expect(issuesOf('# nothing yet\n\n# really\n')).toMatchObject([{ line: 1, column: 1, found: 'only comments' }]);
  });

  it('reports a YAML syntax error at the position yaml gives', () => {
    expect(issuesOf(lines('version: 1', 'workloads:', '  - id: a', '    model: openai: gpt-4o'))).toEqual([
      {
        file: 'llm-usage.yml',
        line: 4,
        column: 12,
        path: '',
        message: 'invalid YAML: nested mappings are not allowed in compact mappings',
        expected: 'valid YAML',
        found: '`openai: gpt-4o`',
      },
    ]);
    expect(issuesOf(lines('version: 1', 'workloads: [', '  { id: a }', 'models: {}'))).toEqual([
      {
        file: 'llm-usage.yml',
        line: 4,
        column: 1,
        path: '',
        message: 'invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]',
        expected: 'consistent indentation',
        found: '`models: {}`',
      },
    ]);
  });

  it('points an unclosed quote at its opening quote, not at the end of the file', () => {
    const text = lines('version: 1', 'workloads:', '  - id: a', '    model: "openai/gpt-4o', '    volume: {}');
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 4,
        column: 12,
        path: '',
        message: 'invalid YAML: the quoted text that starts here is never closed (it runs on to line 6)',
        expected: 'a closing quote',
        found: '`"openai/gpt-4o`',
      },
    ]);
  });

  it('refuses a document that is not a mapping', () => {
    expect(issuesOf(lines('- version: 1', '- workloads: []'))).toEqual([
      {
        file: 'llm-usage.yml',
        line: 1,
        column: 1,
        path: '',
        message: 'the usage file must be a mapping of fields',
        expected: 'a mapping with version: 1 and workloads',
        found: 'a list',
      },
    ]);
    expect(issuesOf('\n  just text\n')).toMatchObject([{ line: 2, column: 3, found: '`just text`' }]);
    expect(issuesOf('[1, 2]', 'llm-usage.json')).toMatchObject([
      { line: 1, column: 1, expected: 'a JSON object { "version": 1, "workloads": [...] }', found: 'a list' },
    ]);
  });

  it('requires version 1', () => {
    const text = withWorkload();
    expect(issuesOf(text.replace('version: 1\n', ''))).toEqual([
      {
        file: 'llm-usage.yml',
        line: 1,
        column: 1,
        path: 'version',
        message: 'missing required field',
        expected: '1',
        found: 'nothing',
      },
    ]);
    expect(issuesOf(text.replace('version: 1', 'version: 2'))).toEqual([
      {
        file: 'llm-usage.yml',
        line: 1,
        column: 10,
        path: 'version',
        message: 'unsupported usage-file version; this tunewise reads version 1',
        expected: '1',
        found: '2',
      },
    ]);
  });

  it('refuses non-finite numbers, once each', () => {
    const text = withWorkload()
      .replace('requestsPerMonth: 250000', 'requestsPerMonth: .inf')
      .replace('inputTokens: 350', 'inputTokens: .NaN')
      .replace('outputTokens: 200', 'outputTokens: 1e999');
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 6,
        column: 25,
        path: 'workloads[0].volume.requestsPerMonth',
        message: 'must be a finite number',
        expected: 'a finite number',
        found: '.inf',
      },
      expect.objectContaining({ line: 8, column: 20, path: 'workloads[0].prompt.inputTokens', found: '.NaN' }),
      expect.objectContaining({ line: 9, column: 21, path: 'workloads[0].prompt.outputTokens', found: '1e999' }),
    ]);
    const json =
      '{"version": 1, "workloads": [{"id": "a", "model": "m", "volume": {"requestsPerMonth": 1e999},\n "prompt": {"inputTokens": 1, "outputTokens": 1}}]}';
    expect(issuesOf(json, 'llm-usage.json', null)).toMatchObject([
      { line: 1, column: 87, path: 'workloads[0].volume.requestsPerMonth', found: '1e999' },
    ]);
  });

  it('refuses negative counts and token numbers', () => {
    const text = withWorkload('    trainingData:', '      examples: -1').replace(
      'outputTokens: 200',
      'outputTokens: -200',
    );
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 9,
        column: 21,
        path: 'workloads[0].prompt.outputTokens',
        message: 'must not be negative',
        expected: 'a number ≥ 0',
        found: '-200',
      },
      {
        file: 'llm-usage.yml',
        line: 11,
        column: 17,
        path: 'workloads[0].trainingData.examples',
        message: 'must not be negative',
        expected: 'a number ≥ 0',
        found: '-1',
      },
    ]);
  });

  it('refuses a volume range out of order', () => {
    const text = withWorkload().replace(
      'requestsPerMonth: 250000',
      'requestsPerMonth: { low: 300000, expected: 250000, high: 200000 }',
    );
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 6,
        column: 32,
        path: 'workloads[0].volume.requestsPerMonth.low',
        message: 'low must not be above expected',
        expected: 'a number ≤ expected (250000)',
        found: '300000',
      },
      {
        file: 'llm-usage.yml',
        line: 6,
        column: 64,
        path: 'workloads[0].volume.requestsPerMonth.high',
        message: 'high must not be below expected',
        expected: 'a number ≥ expected (250000)',
        found: '200000',
      },
    ]);
  });

  it('points at the second of two workloads with one id and names the first', () => {
    const text = `${withWorkload()}${withWorkload().split('workloads:\n')[1]}`;
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 10,
        column: 9,
        path: 'workloads[1].id',
        message: 'duplicate workload id; workloads[0] at line 3 already uses it',
        expected: 'an id no other workload uses',
        found: 'support-triage',
      },
    ]);
  });

  it('refuses unknown model ids with the closest ids', () => {
    const text = lines(
      'version: 1',
      'models:',
      '  acme/large:',
      '    input: 1',
      '    output: 2',
      '    fineTuning: { training: 3, input: 1, output: 2, successor: acme/larg }',
      'workloads:',
      '  - id: a',
      '    model: openai/gpt-4o-mni',
      '    volume: { requestsPerMonth: 1000 }',
      '    prompt: { inputTokens: 1, outputTokens: 1 }',
      '    fineTune:',
      '      model: claude-sonnet-4-5',
    );
    const expected = 'a catalog model id (provider/model) or a key of models';
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 6,
        column: 64,
        path: 'models["acme/large"].fineTuning.successor',
        message: 'unknown model',
        expected,
        found: 'acme/larg',
        suggestion: 'acme/large',
      },
      {
        file: 'llm-usage.yml',
        line: 9,
        column: 12,
        path: 'workloads[0].model',
        message: 'unknown model',
        expected,
        found: 'openai/gpt-4o-mni',
        suggestion: 'openai/gpt-4o-mini',
      },
      {
        file: 'llm-usage.yml',
        line: 13,
        column: 14,
        path: 'workloads[0].fineTune.model',
        message: 'unknown model',
        expected,
        found: 'claude-sonnet-4-5',
        suggestion: 'anthropic/claude-sonnet-4-5',
      },
    ]);
  });

  it('refuses unknown keys with a did-you-mean from the keys known at that level', () => {
    const text = withWorkload().replace(
      '      inputTokens: 350',
      '      instructonTokens: 900\n      inputTokens: 350',
    );
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 8,
        column: 7,
        path: 'workloads[0].prompt.instructonTokens',
        message: 'unknown key',
        expected:
          'one of instructionTokens, instructionFiles, exampleTokens, exampleFiles, inputTokens, outputTokens, cacheHitRate',
        found: 'instructonTokens',
        suggestion: 'instructionTokens',
      },
    ]);
    const range = withWorkload().replace('250000', '{ low: 1, expected: 2, hihg: 3 }');
    expect(issuesOf(range)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 6,
        column: 48,
        path: 'workloads[0].volume.requestsPerMonth.hihg',
        message: 'unknown key',
        expected: 'one of low, expected, high',
        found: 'hihg',
        suggestion: 'high',
      },
    ]);
    // With no close key, the missing field is reported too, at the key that would hold it.
    const unrelated = withWorkload().replace('250000', '{ low: 1, expected: 2, top: 3 }');
    expect(issuesOf(unrelated)).toEqual([
      expect.objectContaining({
        line: 6,
        column: 7,
        path: 'workloads[0].volume.requestsPerMonth.high',
        message: 'missing required field',
        expected: 'a number',
        found: 'nothing',
      }),
      expect.objectContaining({ line: 6, column: 48, path: 'workloads[0].volume.requestsPerMonth.top' }),
    ]);
  });

  it('reports a misspelt required key once, as the misspelling', () => {
    expect(issuesOf(lines('version: 1', 'workload:', '  - id: a'))).toEqual([
      {
        file: 'llm-usage.yml',
        line: 2,
        column: 1,
        path: 'workload',
        message: 'unknown key',
        expected: 'one of $schema, version, assumptions, models, workloads, policy',
        found: 'workload',
        suggestion: 'workloads',
      },
    ]);
  });

  it('refuses a wrong enum value with the allowed list and a did-you-mean', () => {
    expect(issuesOf(withWorkload('    profile:', '      stage: prod'))).toEqual([
      {
        file: 'llm-usage.yml',
        line: 11,
        column: 14,
        path: 'workloads[0].profile.stage',
        message: 'not an allowed value',
        expected: 'one of prototype, mvp, production',
        found: 'prod',
        suggestion: 'production',
      },
    ]);
  });

  it('requires a deployment block for GPU-hosted fine-tunes', () => {
    expect(issuesOf(withWorkload('    fineTune:', '      hosting: self-hosted'))).toEqual([
      {
        file: 'llm-usage.yml',
        line: 11,
        column: 16,
        path: 'workloads[0].fineTune.hosting',
        message: 'hosting: self-hosted needs a deployment block with the GPU and its throughput',
        expected:
          'fineTune.deployment: { gpu: a catalog GPU id or { hourly: USD }, tokensPerSecond?, gpusPerReplica?, minReplicas?, peakFactor? }',
        found: 'no deployment block',
      },
    ]);
  });

  /** A Llama 8B fine-tune (a small model) hosted as given, parsed against the shipped catalog's GPUs. */
  const hostedOn = (...rows: string[]) =>
    withWorkload('    trainingData: { examples: 2000 }', '    fineTune:', ...rows);
  const catalogIds = defaultCatalog.models.map((model) => model.id);
  const withCatalog = (text: string) => {
    const result = safeParseUsageFile(text, {
      fileName: 'llm-usage.yml',
      knownModelIds: catalogIds,
      catalog: defaultCatalog,
    });
    if (result.success) throw new Error('expected the usage file to be refused');
    return result.error.issues;
  };

  it('names an unknown GPU id at its line with the catalog ids it is close to', () => {
    const text = hostedOn(
      '      model: fireworks/accounts/fireworks/models/llama-v3p1-8b-instruct',
      '      hosting: self-hosted',
      '      deployment: { gpu: runpod/h10 }',
    );
    expect(withCatalog(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'deployment:'),
        path: 'workloads[0].fineTune.deployment.gpu',
        message: 'unknown GPU',
        found: 'runpod/h10',
        suggestion: expect.stringContaining('runpod/h100'),
      }),
    ]);
  });

  it('refuses a deployment block under hosting: provider', () => {
    const text = hostedOn('      hosting: provider', '      deployment: { gpu: together/h100 }');
    expect(withCatalog(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'deployment:'),
        path: 'workloads[0].fineTune.deployment',
        message: 'a deployment block prices GPUs, but hosting is provider (served per token by the provider)',
        suggestion: 'hosting: dedicated',
      }),
    ]);
  });

  it('refuses a negative hourly price at its line', () => {
    const text = hostedOn(
      '      hosting: dedicated',
      '      deployment: { gpu: { hourly: -2 }, tokensPerSecond: 5000 }',
    );
    expect(withCatalog(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, 'deployment:'),
        path: 'workloads[0].fineTune.deployment.gpu.hourly',
        found: '-2',
      }),
    ]);
  });

  it('asks for tokensPerSecond where the catalog cites no throughput for the size class, never inventing one', () => {
    const text = hostedOn(
      '      model: fireworks/accounts/fireworks/models/llama-v3p3-70b-instruct',
      '      hosting: self-hosted',
      '      deployment: { gpu: runpod/h100 }',
    );
    expect(withCatalog(text)).toEqual([
      expect.objectContaining({
        path: 'workloads[0].fineTune.deployment.gpu',
        message:
          'the catalog cites no throughput for large models on runpod/h100 (only small), and none is invented: set tokensPerSecond',
      }),
    ]);
    const explicit = text.replace('{ gpu: runpod/h100 }', '{ gpu: runpod/h100, tokensPerSecond: 4000 }');
    expect(
      safeParseUsageFile(explicit, { fileName: 'llm-usage.yml', knownModelIds: catalogIds, catalog: defaultCatalog })
        .success,
    ).toBe(true);
  });

  it('refuses a token number and files for the same part of the prompt', () => {
    const text = withWorkload().replace(
      '      inputTokens: 350',
      lines(
        '      instructionTokens: 1200',
        '      instructionFiles: [prompts/system.md]',
        '      exampleFiles: [prompts/examples.md]',
        '      exampleTokens: 2400',
        '      inputTokens: 350',
      ).trimEnd(),
    );
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 9,
        column: 7,
        path: 'workloads[0].prompt.instructionFiles',
        message: "give instructionTokens or instructionFiles, not both (the files' token count replaces the number)",
        expected: 'either instructionTokens or instructionFiles',
        found: 'both',
      },
      expect.objectContaining({ line: 10, column: 7, path: 'workloads[0].prompt.exampleFiles' }),
    ]);
  });

  it('refuses duplicate YAML keys, naming the first', () => {
    const text = withWorkload().replace('      outputTokens: 200', '      outputTokens: 200\n      outputTokens: 300');
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 10,
        column: 7,
        path: 'workloads[0].prompt.outputTokens',
        message: 'duplicate key; the first "outputTokens" is at line 9',
        expected: 'each key once per mapping',
        found: 'a second "outputTokens"',
      },
    ]);
  });

  it('refuses numbers written as strings', () => {
    const text = withWorkload().replace('inputTokens: 350', 'inputTokens: "350"').replace('250000', "'250000'");
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 6,
        column: 25,
        path: 'workloads[0].volume.requestsPerMonth',
        message: 'wrong type',
        expected: 'a number or a mapping of low, expected, high',
        found: "'250000' (text)",
      },
      {
        file: 'llm-usage.yml',
        line: 8,
        column: 20,
        path: 'workloads[0].prompt.inputTokens',
        message: 'must be a number',
        expected: 'a number',
        found: '"350" (text)',
      },
    ]);
  });

  it('suggests true or false for YAML 1.1 booleans', () => {
    expect(issuesOf(withWorkload('    profile:', '      regulated: yes'))).toEqual([
      {
        file: 'llm-usage.yml',
        line: 11,
        column: 18,
        path: 'workloads[0].profile.regulated',
        message: 'wrong type',
        expected: 'true or false',
        found: 'yes (text)',
        suggestion: 'true',
      },
    ]);
  });

  it('refuses more than one YAML document', () => {
    expect(issuesOf(`${withWorkload()}---\n${withWorkload()}`)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 10,
        column: 1,
        path: '',
        message: 'invalid YAML: more than one document (a "---" separator); a usage file holds exactly one',
        expected: 'a single YAML document',
        found: '`---`',
      },
    ]);
  });

  it('caps alias expansion and names a billion-laughs file', () => {
    expect(issuesOf(fixture('billion-laughs.yml'))).toEqual([
      {
        file: 'llm-usage.yml',
        line: 3,
        column: 8,
        path: '',
        message: 'YAML aliases expand to too much data; refusing to expand them (a "billion laughs" file?)',
        expected: 'aliases that expand at most 100 times',
        found: 'aliases that expand exponentially',
      },
    ]);
  });

  it('refuses files over 1 MiB of UTF-8 before parsing', () => {
    // 2 bytes per "é": under the limit in UTF-16 units, over it in UTF-8 bytes.
    const text = `# ${'é'.repeat(MAX_USAGE_FILE_BYTES / 2)}`;
    expect(text.length).toBeLessThan(MAX_USAGE_FILE_BYTES);
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 1,
        column: 1,
        path: '',
        message: 'is too large to be a usage file; refusing to parse it',
        expected: 'at most 1048576 bytes (1 MiB)',
        found: '1048578 bytes',
      },
    ]);
    // Exactly at the limit is parsed (and is empty: only a comment).
    const atLimit = `#${'a'.repeat(MAX_USAGE_FILE_BYTES - 1)}`;
    expect(issuesOf(atLimit)).toMatchObject([{ message: 'the usage file is empty' }]);
  });

  it('refuses nesting deeper than 64 levels without parsing it', () => {
    expect(issuesOf(`version: 1\nworkloads: ${'['.repeat(100_000)}`)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 2,
        column: 76,
        path: '',
        message: 'nested deeper than 64 levels',
        expected: 'a flatter structure',
        found: 'deeper nesting',
      },
    ]);
  });

  it('refuses keys that are lists or mappings', () => {
    expect(issuesOf(lines('version: 1', '? [a, b]', ': 1'))).toEqual([
      {
        file: 'llm-usage.yml',
        line: 2,
        column: 3,
        path: '',
        message: 'a key must be plain text',
        expected: 'a key such as "workloads"',
        found: 'a list',
      },
    ]);
  });

  it('reports every problem of a file at once, in file order', () => {
    const issues = issuesOf(fixture('many-problems.yml'), 'llm-usage.yml', [...knownModelIds]);
    expect(issues.map((issue) => [issue.line, issue.column, issue.path, issue.suggestion])).toEqual([
      [4, 3, 'assumptions.horizonMonth', 'horizonMonths'],
      [8, 13, 'models["acme/small"].output', undefined],
      [13, 25, 'workloads[0].volume.requestsPerMonth', undefined],
      [18, 14, 'workloads[0].profile.stage', 'production'],
      [19, 9, 'workloads[1].id', undefined],
      [20, 12, 'workloads[1].model', 'acme/small'],
    ]);
  });
});

describe('parseUsageFile on JSON', () => {
  it.each([
    [
      'a trailing comma',
      '{\n  "version": 1,\n}',
      2,
      15,
      'invalid JSON: trailing comma: JSON allows no comma before "}"',
    ],
    [
      'a missing comma',
      '{\n  "version": 1\n  "workloads": []\n}',
      3,
      3,
      'invalid JSON: missing "," or "}" after a property value',
    ],
    ['single quotes', "{'version': 1}", 1, 2, 'invalid JSON: JSON strings use double quotes'],
    ['a comment', '{\n  // the version\n  "version": 1\n}', 2, 3, 'invalid JSON: JSON has no comments'],
    ['an unquoted key', '{ version: 1 }', 1, 3, 'invalid JSON: property names must be in double quotes'],
    ['a missing brace', '{ "version": 1', 1, 15, 'invalid JSON: the JSON ends before every bracket is closed'],
    ['YAML in a .json file', 'version: 1\n', 1, 1, 'invalid JSON: unexpected character'],
    ['an unclosed string', '{ "version": "1\n}', 1, 14, 'invalid JSON: this string is not closed on its line'],
    ['text after the value', '{ "version": 1 } x', 1, 18, 'invalid JSON: unexpected text after the JSON value'],
  ])('reports %s at its position', (_name, text, line, column, message) => {
    expect(issuesOf(text, 'llm-usage.json')).toEqual([
      expect.objectContaining({ file: 'llm-usage.json', line, column, path: '', message }),
    ]);
  });

  it('reports schema problems of a JSON file at their line and column', () => {
    const text =
      '{\n  "version": 1,\n  "workloads": [\n    { "id": "a", "model": "openai/gpt-4o", "volumes": {} }\n  ]\n}\n';
    expect(issuesOf(text, 'llm-usage.json')).toEqual([
      // `volume` is not reported missing: the misspelt `volumes` stands for it.
      expect.objectContaining({ line: 4, column: 5, path: 'workloads[0].prompt', message: 'missing required field' }),
      expect.objectContaining({
        line: 4,
        column: 44,
        path: 'workloads[0].volumes',
        message: 'unknown key',
        suggestion: 'volume',
      }),
    ]);
  });
});

describe('parseUsageFile on measured quality', () => {
  it('reads quality per strategy and fills failureCostUsd from the defaults', () => {
    const text = withWorkload(
      '    quality:',
      '      metric: exact match on 500 held-out tickets',
      '      prompt: { passed: 431, total: 500 }',
      '      fineTune: { passed: 472, total: 500 }',
    );
    const { usageFile } = parseUsageFile(text, { fileName: 'llm-usage.yml', knownModelIds });
    expect(usageFile.workloads[0]?.quality).toEqual({
      metric: 'exact match on 500 held-out tickets',
      failureCostUsd: 0,
      prompt: { passed: 431, total: 500 },
      fineTune: { passed: 472, total: 500 },
    });
    // A workload without the block stays unmeasured: no quality, not an empty one.
    expect(parseUsageFile(withWorkload(), { fileName: 'x.yml' }).usageFile.workloads[0]?.quality).toBeUndefined();
  });

  it('refuses passed above total, a total of 0 and a negative failure cost, each at its line and column', () => {
    const text = withWorkload(
      '    quality:',
      '      failureCostUsd: -0.4',
      '      prompt: { passed: 501, total: 500 }',
      '      hybrid: { passed: 0, total: 0 }',
    );
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 11,
        column: 23,
        path: 'workloads[0].quality.failureCostUsd',
        message: 'must not be negative',
        expected: 'a number ≥ 0',
        found: '-0.4',
      },
      {
        file: 'llm-usage.yml',
        line: 12,
        column: 25,
        path: 'workloads[0].quality.prompt.passed',
        message: 'passed must not be above total',
        expected: 'a whole number ≤ total (500)',
        found: '501',
      },
      {
        file: 'llm-usage.yml',
        line: 13,
        column: 35,
        path: 'workloads[0].quality.hybrid.total',
        message: 'must be at least 1',
        expected: 'a number ≥ 1',
        found: '0',
      },
    ]);
  });

  it('refuses an unknown strategy key with the key it meant', () => {
    const text = withWorkload('    quality:', '      fine-tune: { passed: 472, total: 500 }');
    expect(issuesOf(text)).toEqual([
      {
        file: 'llm-usage.yml',
        line: 11,
        column: 7,
        path: 'workloads[0].quality["fine-tune"]',
        message: 'unknown key',
        expected: 'one of metric, failureCostUsd, prompt, fineTune, hybrid',
        found: 'fine-tune',
        suggestion: 'fineTune',
      },
    ]);
  });

  it('refuses a fractional case count', () => {
    expect(issuesOf(withWorkload('    quality:', '      prompt: { passed: 4.5, total: 10 }'))).toEqual([
      expect.objectContaining({
        line: 11,
        path: 'workloads[0].quality.prompt.passed',
        message: 'must be a whole number',
      }),
    ]);
  });
});
