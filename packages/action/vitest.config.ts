import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __PACKAGE_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // End-to-end tests start the bundled action as a child process, a few times per test.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
