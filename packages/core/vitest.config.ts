import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Sized for a slow, shared 2-core runner (vitest's 5 s default timed out there under load): tests that start git
    // or Node, and property suites, take seconds then. Suites that need more say so themselves.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
