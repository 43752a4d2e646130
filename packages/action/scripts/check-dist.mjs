#!/usr/bin/env node
// Fails when the committed dist/index.js is not what a fresh build of src/ produces. GitHub runs the committed
// file as is, so a stale bundle would ship old behaviour. Run after building the workspace packages it bundles.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const tsupCli = path.join(path.dirname(require.resolve('tsup/package.json')), 'dist', 'cli-default.js');
const outDirectory = mkdtempSync(path.join(tmpdir(), 'tunewise-action-dist-'));

try {
  try {
    execFileSync(process.execPath, [tsupCli, '--out-dir', outDirectory], { cwd: packageDirectory, stdio: 'pipe' });
  } catch (error) {
    console.error(`The fresh build failed:\n${error.stderr?.toString() ?? error}`);
    process.exit(1);
  }
  const fresh = readFileSync(path.join(outDirectory, 'index.js'), 'utf8');
  const committed = readFileSync(path.join(packageDirectory, 'dist', 'index.js'), 'utf8');
  if (fresh !== committed) {
    const freshLines = fresh.split('\n');
    const committedLines = committed.split('\n');
    const first = freshLines.findIndex((line, index) => line !== committedLines[index]);
    console.error(
      `packages/action/dist/index.js is stale: it differs from a fresh build from line ${first + 1}.\n` +
        'Run `npm run build -w @tunewise/action` and commit dist/index.js.',
    );
    process.exitCode = 1;
  } else {
    console.log(`packages/action/dist/index.js matches a fresh build (${fresh.length} bytes).`);
  }
} finally {
  rmSync(outDirectory, { recursive: true, force: true });
}
