import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { USAGE_FILE_SCHEMA_ID, usageFileJsonSchema, usageFileJsonSchemaText } from './json-schema.js';

const schemaJsonUrl = new URL('../../schema.json', import.meta.url);

describe('usageFileJsonSchema', () => {
  it('is a draft 2020-12 schema with an id and a title', () => {
    const schema = usageFileJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(USAGE_FILE_SCHEMA_ID);
    expect(schema.title).toBe('tunewise usage file (llm-usage.yml)');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['version', 'workloads']);
  });

  it('describes the input form: defaulted fields optional, unknown keys refused, `$schema` allowed', () => {
    const schema = usageFileJsonSchema() as {
      properties: Record<string, { properties?: Record<string, unknown>; items?: Record<string, unknown> }>;
    };
    expect(Object.keys(schema.properties)).toEqual([
      '$schema',
      'version',
      'assumptions',
      'models',
      'workloads',
      'policy',
    ]);
    const workload = schema.properties.workloads?.items as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { required?: string[]; properties?: Record<string, { default?: unknown }> }>;
    };
    expect(workload.required).toEqual(['id', 'model', 'volume', 'prompt']);
    expect(workload.additionalProperties).toBe(false);
    expect(workload.properties.prompt?.required).toEqual(['inputTokens', 'outputTokens']);
    expect(workload.properties.profile?.properties?.stage?.default).toBe('production');
  });

  it('matches the committed schema.json', () => {
    const committed = readFileSync(schemaJsonUrl, 'utf8');
    expect(
      committed === usageFileJsonSchemaText(),
      'packages/core/schema.json is out of date: run `npm run generate:schema -w @tunewise/core` and commit it',
    ).toBe(true);
  });
});
