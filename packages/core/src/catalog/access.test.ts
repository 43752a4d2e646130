import { describe, expect, it } from 'vitest';
import { catalogListing, defaultCatalog, fineTuningAccessOn, openFineTuningModels } from './index.js';

// OpenAI's wind-down (DESIGN.md, "Additions of December 2026"): new teams refused from 2026-05-07.
const OPENAI_CLOSED_TO_NEW_TEAMS = '2026-05-07';

describe('fineTuningAccessOn', () => {
  it('closes OpenAI to a team new to its fine-tuning from 2026-05-07, naming the date', () => {
    expect(fineTuningAccessOn(defaultCatalog, 'openai', '2026-05-06').open).toBe(true);
    expect(fineTuningAccessOn(defaultCatalog, 'openai', OPENAI_CLOSED_TO_NEW_TEAMS)).toMatchObject({
      open: false,
      closedSince: OPENAI_CLOSED_TO_NEW_TEAMS,
      reason: expect.stringContaining(OPENAI_CLOSED_TO_NEW_TEAMS),
    });
  });

  it('keeps OpenAI open to a team that lists it as an active fine-tuning provider', () => {
    expect(fineTuningAccessOn(defaultCatalog, 'openai', '2026-12-01', ['openai']).open).toBe(true);
  });

  it('leaves providers without access dates open', () => {
    expect(fineTuningAccessOn(defaultCatalog, 'together', '2027-02-01')).toEqual({ open: true });
  });
});

describe('openFineTuningModels', () => {
  it('gives a new team no OpenAI model on 2026-12-01, but an active OpenAI team its open snapshots', () => {
    const newTeam = openFineTuningModels(defaultCatalog, '2026-12-01').map((model) => model.id);
    expect(newTeam.filter((id) => id.startsWith('openai/'))).toEqual([]);
    const activeTeam = openFineTuningModels(defaultCatalog, '2026-12-01', { activeFineTuningProviders: ['openai'] });
    expect(activeTeam.map((model) => model.id)).toEqual(
      expect.arrayContaining(['openai/gpt-4o', 'openai/gpt-4.1-mini']),
    );
    expect(activeTeam.map((model) => model.id)).not.toContain('openai/gpt-4.1-nano');
  });

  it('closes OpenAI for everyone after 2027-01-06 and keeps at least four other providers open on 2027-02-01', () => {
    const open = openFineTuningModels(defaultCatalog, '2027-02-01', { activeFineTuningProviders: ['openai'] });
    const providers = new Set(open.map((model) => model.provider));
    expect(providers).not.toContain('openai');
    expect(providers.size).toBeGreaterThanOrEqual(4);
  });

  it('filters by provider and rejects a malformed date', () => {
    const fireworks = openFineTuningModels(defaultCatalog, '2027-02-01', { provider: 'fireworks' });
    expect(fireworks.length).toBeGreaterThan(0);
    expect(fireworks.every((model) => model.provider === 'fireworks')).toBe(true);
    expect(() => openFineTuningModels(defaultCatalog, '2027-2-1')).toThrow(RangeError);
  });
});

describe('catalogListing', () => {
  it('has the DESIGN.md shape, with source, checked date and source kind on every model and GPU', () => {
    const listing = catalogListing(defaultCatalog, { asOf: '2026-12-01' });
    expect(listing.asOf).toBe('2026-12-01');
    expect(listing.models).toHaveLength(defaultCatalog.models.length);
    expect(listing.gpus).toHaveLength(defaultCatalog.gpus.length);
    for (const model of listing.models) {
      expect(Object.keys(model)).toEqual(
        expect.arrayContaining(['id', 'provider', 'input', 'output', 'source', 'checked', 'sourceKind']),
      );
      expect(Object.keys(model).every((key) => !['displayName', 'notes', 'speed'].includes(key))).toBe(true);
    }
    expect(Object.keys(listing.gpus[0]!).sort()).toEqual([
      'checked',
      'hourly',
      'id',
      'provider',
      'source',
      'sourceKind',
    ]);
  });

  it('keeps only one provider, and with fineTunable only what a new team can train on', () => {
    const runpod = catalogListing(defaultCatalog, { asOf: '2026-12-01', provider: 'runpod' });
    expect(runpod.models).toEqual([]);
    expect(runpod.gpus.every((gpu) => gpu.provider === 'runpod')).toBe(true);
    const fineTunable = catalogListing(defaultCatalog, { asOf: '2027-02-01', fineTunable: true });
    expect(fineTunable.models.map((model) => model.id)).toEqual(
      openFineTuningModels(defaultCatalog, '2027-02-01').map((model) => model.id),
    );
  });
});
