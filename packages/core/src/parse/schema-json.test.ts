import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The shipped schema.json is what editors validate llm-usage.yml with: it must accept every file we call valid
// and reject the mistakes an editor should underline.
const schema = JSON.parse(readFileSync(new URL('../../schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

const load = (relative: string) => parse(readFileSync(new URL(relative, import.meta.url), 'utf8'));

describe('schema.json in an editor', () => {
  it.each([
    '../../../../examples/llm-usage.yml',
    '../cost/__fixtures__/w1-support-bot.yml',
    '../cost/__fixtures__/w2-self-hosted.yml',
    './__fixtures__/valid-multi-workload.yml',
    '../report/__fixtures__/example.yml',
  ])('accepts %s', (file) => {
    expect(validate(load(file)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('underlines an unknown key, a wrong enum value and a missing version', () => {
    const example = load('../../../../examples/llm-usage.yml');
    expect(validate({ ...example, workload: [] })).toBe(false);
    const wrongStage = structuredClone(example);
    wrongStage.workloads[0].profile.stage = 'prod';
    expect(validate(wrongStage)).toBe(false);
    const { version: _version, ...withoutVersion } = example;
    expect(validate(withoutVersion)).toBe(false);
  });

  it('completes measured quality and underlines a misspelt strategy, a total of 0 and a negative cost', () => {
    const example = load('../../../../examples/llm-usage.yml');
    const withQuality = (quality: unknown) => {
      const copy = structuredClone(example);
      copy.workloads[0].quality = quality;
      return copy;
    };
    const measured = { metric: 'exact match', failureCostUsd: 0.4, prompt: { passed: 431, total: 500 } };
    expect(validate(withQuality(measured)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(withQuality({ 'fine-tune': { passed: 1, total: 2 } }))).toBe(false);
    expect(validate(withQuality({ hybrid: { passed: 0, total: 0 } }))).toBe(false);
    expect(validate(withQuality({ failureCostUsd: -1 }))).toBe(false);
  });
});
