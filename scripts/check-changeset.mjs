#!/usr/bin/env node
// CI: a pull request that changes what a published package ships must carry a changeset naming that package (or a
// package of its `fixed` group, which is released with it). An empty changeset (`npx changeset --empty`) says on
// purpose that nothing needs a release. Tests, fixtures, goldens, benchmarks and Markdown do not ship as behaviour,
// so changing only those needs no changeset.
//
//   node scripts/check-changeset.mjs --base <git ref of the pull request's base>   (default origin/main)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import parseChangeset from '@changesets/parse';

const notShipped = [/\.test\.[cm]?[jt]sx?$/, /(^|\/)(test|bench|__fixtures__|__golden__|__output__)\//, /\.md$/];

/** Published (non-private) workspace packages: `{ name, directory }`, directory relative to the root, with `/`. */
export function publishedPackages(root) {
  const { workspaces = [] } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return workspaces
    .map((directory) => ({
      directory,
      manifest: JSON.parse(readFileSync(path.join(root, directory, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ directory, manifest }) => ({ name: manifest.name, directory: directory.replace(/\/$/, '') }));
}

/**
 * The published packages a change touches that no changeset covers, sorted by name.
 * @param {{ changedFiles: string[], packages: Array<{ name: string, directory: string }>,
 *   changesets: Array<{ releases: Array<{ name: string }> }>, fixed?: string[][] }} change
 */
export function packagesMissingAChangeset({ changedFiles, packages, changesets, fixed = [] }) {
  if (changesets.some((changeset) => changeset.releases.length === 0)) return [];
  const named = new Set(changesets.flatMap((changeset) => changeset.releases.map((release) => release.name)));
  const covered = (name) =>
    named.has(name) || fixed.some((group) => group.includes(name) && group.some((member) => named.has(member)));
  const touched = packages.filter(({ directory }) =>
    changedFiles.some(
      (file) =>
        file.startsWith(`${directory}/`) &&
        !notShipped.some((pattern) => pattern.test(file.slice(directory.length + 1))),
    ),
  );
  return touched
    .map(({ name }) => name)
    .filter((name) => !covered(name))
    .sort();
}

function main() {
  const root = path.resolve(import.meta.dirname, '..');
  const baseIndex = process.argv.indexOf('--base');
  const base = baseIndex === -1 ? 'origin/main' : process.argv[baseIndex + 1];
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  const mergeBase = git('merge-base', base, 'HEAD').trim();
  const changedFiles = git('diff', '--name-only', '--no-renames', mergeBase, 'HEAD').split('\n').filter(Boolean);
  const changesetFiles = changedFiles.filter(
    (file) =>
      /^\.changeset\/[^/]+\.md$/.test(file) && file !== '.changeset/README.md' && existsSync(path.join(root, file)),
  );
  const changesets = changesetFiles.map((file) => parseChangeset(readFileSync(path.join(root, file), 'utf8')));
  const { fixed = [] } = JSON.parse(readFileSync(path.join(root, '.changeset/config.json'), 'utf8'));
  const missing = packagesMissingAChangeset({ changedFiles, packages: publishedPackages(root), changesets, fixed });
  if (missing.length > 0) {
    console.error(
      `This change touches ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} published, but no ` +
        'changeset names it.\nAdd one with `npx changeset` (or `npx changeset --empty` when no release is needed) ' +
        'and commit the file under .changeset/.',
    );
    process.exitCode = 1;
  } else {
    console.log(`Changesets: ${changesetFiles.length ? changesetFiles.join(', ') : 'none needed'}.`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
