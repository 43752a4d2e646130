import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The committed packages/*/etc/*.api.md must be what API Extractor makes of each built dist/index.d.ts (`npm test`
// builds first, and the sdk's build needs core's), so a change to the public surface is always in the diff a reviewer
// reads. Fix: `npm run api-report`, then commit. See docs/api.md.
interface ApiReportModule {
  REPORTED_PACKAGES: string[];
  apiReport(packageName: string): {
    changed: boolean;
    errors: string[];
    committedPath: string;
    fresh(): string;
  };
}

const root = path.resolve(import.meta.dirname, '../../..');
const { REPORTED_PACKAGES, apiReport } = (await import(path.join(root, 'scripts/api-report.mjs'))) as ApiReportModule;
const committed = (packageName: string) =>
  readFileSync(path.join(root, 'packages', packageName, 'etc', `${packageName}.api.md`), 'utf8');

describe('API reports', () => {
  for (const packageName of REPORTED_PACKAGES) {
    it(`packages/${packageName}/etc/${packageName}.api.md matches the built package`, () => {
      const report = apiReport(packageName);
      expect(report.errors).toEqual([]);
      // On a change, compare the texts so the failure shows what moved.
      if (report.changed) expect(report.fresh(), 'run `npm run api-report` and commit').toBe(committed(packageName));
      expect(report.changed).toBe(false);
      // A finding API Extractor cannot place carries a d.ts line number, which every doc-comment edit would move:
      // fix its cause (usually a type used in a public signature but not exported) instead.
      expect(committed(packageName)).not.toMatch(/\.d\.ts:\d+/);
    }, 120_000);
  }

  it('keep core internals out of the public surface', () => {
    const internals = [
      'createRandom',
      'triangular',
      'replicasFor',
      'DECISION_WEIGHTS',
      'workloadSchema',
      'promptSchema',
    ];
    for (const internal of internals) {
      expect(committed('core')).not.toMatch(new RegExp(`export (const|function|class|type|interface) ${internal}\\b`));
    }
  });

  it('give the sdk one evaluate, its own, and no `export *` from core', () => {
    expect(committed('sdk')).toMatch(/export function evaluate\(configOrPath: string \| UsageFile \| LoadedUsageFile/);
    expect(committed('sdk')).not.toMatch(/import \{ evaluate \} from '@tunewise\/core'/);
    const source = readFileSync(path.join(root, 'packages/sdk/src/index.ts'), 'utf8');
    expect(source).not.toMatch(/export \* from '@tunewise\/core'/);
  });
});
