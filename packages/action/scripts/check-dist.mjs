#!/usr/bin/env node
// Fails when the committed dist/ is not what a fresh build of src/ produces: index.js and every chunk it imports,
// file for file. GitHub runs the committed files as they are, so a stale bundle would ship old behaviour. Run
// after building the workspace packages it bundles.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const tsupCli = path.join(path.dirname(require.resolve('tsup/package.json')), 'dist', 'cli-default.js');
const outDirectory = mkdtempSync(path.join(tmpdir(), 'tunewise-action-dist-'));
const committedDirectory = path.join(packageDirectory, 'dist');

try {
  try {
    execFileSync(process.execPath, [tsupCli, '--out-dir', outDirectory], { cwd: packageDirectory, stdio: 'pipe' });
  } catch (error) {
    console.error(`The fresh build failed:\n${error.stderr?.toString() ?? error}`);
    process.exit(1);
  }
  const fresh = readdirSync(outDirectory).sort();
  const committed = readdirSync(committedDirectory).sort();
  const problems = [
    ...fresh.filter((file) => !committed.includes(file)).map((file) => `dist/${file} is missing`),
    ...committed.filter((file) => !fresh.includes(file)).map((file) => `dist/${file} is left over from an old build`),
    ...fresh
      .filter((file) => committed.includes(file))
      .filter(
        (file) =>
          readFileSync(path.join(outDirectory, file), 'utf8') !==
          readFileSync(path.join(committedDirectory, file), 'utf8'),
      )
      .map((file) => `dist/${file} differs from a fresh build`),
  ];
  if (problems.length > 0) {
    console.error(
      `packages/action/dist is stale:\n  ${problems.join('\n  ')}\n` +
        'Run `npm run build -w @tunewise/action` and commit dist/.',
    );
    process.exitCode = 1;
  } else {
    console.log(`packages/action/dist matches a fresh build (${fresh.length} files).`);
  }
} finally {
  rmSync(outDirectory, { recursive: true, force: true });
}
