import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// One self-contained file: GitHub runs dist/index.js as committed, with no node_modules.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  outExtension: () => ({ js: '.js' }),
  target: 'node24',
  platform: 'node',
  noExternal: [/.*/],
  splitting: false,
  sourcemap: false,
  clean: true,
  minify: false,
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  banner: {
    js: "import { createRequire as __tunewiseCreateRequire } from 'node:module'; const require = __tunewiseCreateRequire(import.meta.url);",
  },
});
