import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Self-contained: GitHub runs the committed dist/ as is, with no node_modules. Splitting puts each tokenizer
// encoding (1-3 MB each) in its own chunk that count-tokens.ts imports only when a prompt file needs it, so a run
// without prompt files never reads them; minifying keeps the first load (index.js and its static chunks) under 2 MB.
// `undici` is replaced by a stub (src/bundle-stubs/undici.ts says why): a run no longer parses its 400 kB.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  outExtension: () => ({ js: '.js' }),
  target: 'node24',
  platform: 'node',
  noExternal: [/.*/],
  splitting: true,
  sourcemap: false,
  clean: true,
  minify: true,
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  esbuildOptions(options) {
    options.alias = { undici: fileURLToPath(new URL('./src/bundle-stubs/undici.ts', import.meta.url)) };
  },
  banner: {
    js: "import { createRequire as __tunewiseCreateRequire } from 'node:module'; const require = __tunewiseCreateRequire(import.meta.url);",
  },
});
