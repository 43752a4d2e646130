#!/usr/bin/env node
// The release workflow's version step (changesets/action/version runs it), and what test/release.test.ts runs in a
// clone: `changeset version`, then the lockfile follows the new versions, then everything is rebuilt and
// packages/action/dist staged. The action bundles core and sdk with their versions compiled in, so a version commit
// without the rebuilt bundle would ship a stale action and fail the dist check on main.
//
//   node scripts/version-packages.mjs
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (command, args) => {
  console.log(`$ ${[path.basename(command), ...args].join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
};

run(bin('changeset'), ['version']);
// Workspace versions are recorded in package-lock.json; `npm ci` fails on the version commit if they are stale.
// Only the workspaces' own entries change, so npm needs no registry metadata it has not cached.
run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline']);
run(bin('turbo'), ['run', 'build', '--output-logs=errors-only']);
// -A stages removed chunks too: chunk file names carry a content hash.
run('git', ['add', '-A', '--', 'packages/action/dist', 'package-lock.json']);
