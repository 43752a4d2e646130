import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from './usage-helpers.js';

// The built CLI as a child process, against the catalog shipped inside it.
beforeAll(() => assertBuilt());

interface ListedModel {
  id: string;
  provider: string;
  input: number;
  output: number;
  fineTuning?: { serving?: string[]; training?: number; availableUntil?: string };
  source: string;
  checked: string;
  sourceKind: string;
}

describe('tunewise catalog', () => {
  it('--fine-tunable --as-of 2027-02-01 --format json lists live fine-tunable models from at least four providers', async () => {
    const run = await runCli(['catalog', '--fine-tunable', '--as-of', '2027-02-01', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const listing = JSON.parse(run.stdout) as { asOf: string; models: ListedModel[]; gpus: unknown[] };
    expect(listing.asOf).toBe('2027-02-01');
    const providers = new Set(listing.models.map((model) => model.provider));
    expect(providers.size).toBeGreaterThanOrEqual(4);
    // OpenAI's self-serve fine-tuning refuses new teams since 2026-05-07 and everyone after 2027-01-06.
    expect(providers).not.toContain('openai');
    for (const model of listing.models) {
      expect(model.fineTuning, model.id).toBeDefined();
      expect(model.source).toMatch(/^https:\/\//);
      expect(model.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['primary', 'secondary']).toContain(model.sourceKind);
    }
  });

  it('drops OpenAI for a new team on 2026-12-01 already, though training is open to active teams until 2027-01-06', async () => {
    const run = await runCli([
      'catalog',
      '--fine-tunable',
      '--as-of',
      '2026-12-01',
      '--provider',
      'openai',
      '--format',
      'json',
    ]);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).models).toEqual([]);
    const all = await runCli(['catalog', '--as-of', '2026-12-01', '--provider', 'openai', '--format', 'json']);
    const gpt5Mini = (
      JSON.parse(all.stdout).models as Array<ListedModel & { retiresOn?: string; successor?: string }>
    ).find((model) => model.id === 'openai/gpt-5-mini');
    expect(gpt5Mini).toMatchObject({ retiresOn: '2026-12-11', successor: 'openai/gpt-6.1-terra' });
  });

  it('prints a table with every model and GPU, each with its checked date and source kind', async () => {
    const run = await runCli(['catalog', '--as-of', '2026-12-01', '--provider', 'runpod']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('tunewise catalog, as of 2026-12-01');
    expect(run.stdout).toContain('model: none');
    expect(run.stdout).toMatch(/runpod\/h100\s+\$3\.49\/h\s+2026-09-25 secondary\s+https:\/\//);
  });

  it('rejects an unknown provider with a did-you-mean and a malformed date, exit 2, no stack trace', async () => {
    const provider = await runCli(['catalog', '--provider', 'fireworkz']);
    expect(provider.exitCode).toBe(2);
    expect(provider.stderr).toContain('unknown provider "fireworkz"; did you mean "fireworks"?');
    expect(provider.stderr).not.toMatch(/\n\s+at /);
    const date = await runCli(['catalog', '--as-of', '2027-02-30']);
    expect(date.exitCode).toBe(2);
    expect(date.stderr).toContain('expected a date as YYYY-MM-DD');
  });
});

describe('tunewise check and stale prices', () => {
  const example = path.resolve(import.meta.dirname, '../../../examples/llm-usage.yml');

  it('lists in pricing.stale each price it used that was checked more than 90 days before --as-of', async () => {
    const fresh = await runCli(['check', '--config', example, '--format', 'json', '--as-of', '2026-12-01']);
    expect(fresh.exitCode).toBe(0);
    expect(JSON.parse(fresh.stdout).pricing.stale).toEqual([]);
    // gpt-4.1's prices were checked on 2026-11-28: 91 days before 2027-02-27.
    const later = await runCli(['check', '--config', example, '--format', 'json', '--as-of', '2027-02-27']);
    const stale = JSON.parse(later.stdout).pricing.stale as Array<{ id: string; what: string; ageDays: number }>;
    expect(stale).toContainEqual(expect.objectContaining({ id: 'openai/gpt-4.1', what: 'prices', ageDays: 91 }));
    expect(stale.every((entry) => entry.ageDays > 90)).toBe(true);
  });
});
