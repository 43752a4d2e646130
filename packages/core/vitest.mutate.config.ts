import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The suites a mutation run (../../stryker.config.json) tests each mutant against: the model's own. Suites that
 * build whole reports while their module loads (the render goldens, the error classes) would make nearly every
 * cost-model mutant "static", which Stryker then tests against every suite — hours on two cores — and they pin
 * renderers rather than the model anyway.
 *
 * Property suites run a tenth of their generated cases here (TUNEWISE_PROPERTY_RUNS_SCALE, read by
 * src/__fixtures__/property-runs.ts), from one fixed seed (vitest.mutate.setup.ts): at full counts they were most of
 * the run's time, and a seed that changes between runs would let a mutant be killed in one run and survive the next.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'src/cost/**/*.test.ts',
      'src/decision/**/*.test.ts',
      'src/diff/**/*.test.ts',
      'src/uncertainty/**/*.test.ts',
      'src/quality/**/*.test.ts',
      'src/report/**/*.test.ts',
    ],
    env: { TUNEWISE_PROPERTY_RUNS_SCALE: '0.1' },
    // Absolute: Stryker runs vitest from the repository root.
    setupFiles: [fileURLToPath(new URL('./vitest.mutate.setup.ts', import.meta.url))],
  },
});
