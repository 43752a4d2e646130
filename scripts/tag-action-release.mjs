#!/usr/bin/env node
// After `changeset publish`: when the release included @tunewise/action, tag the release commit `vX.Y.Z` and move
// the major tag `vX` to it, both derived from the action's version, so `uses: tunewise/tunewise@v1` follows every
// 1.x release and never jumps to 2.0.0. Releases of only the npm packages leave the action's tags alone, and a
// prerelease gets its `vX.Y.Z-tag` but does not move `vX`.
//
//   PUBLISHED_PACKAGES='[{"name":"@tunewise/action","version":"1.2.3"}]' node scripts/tag-action-release.mjs [--push]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const actionPackageName = '@tunewise/action';

/**
 * The tags one release gets, from changesets/action's `published-packages` output: `undefined` when the action
 * was not among them, else `{ version, release: 'vX.Y.Z', major: 'vX' | undefined }`.
 */
export function actionTags(publishedPackagesJson) {
  const published = JSON.parse(publishedPackagesJson);
  if (!Array.isArray(published)) throw new Error(`published-packages is not a JSON array: ${publishedPackagesJson}`);
  const action = published.find((entry) => entry?.name === actionPackageName);
  if (action === undefined) return undefined;
  const match = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/.exec(String(action.version));
  if (match === null) throw new Error(`${actionPackageName} has no semver version: ${JSON.stringify(action.version)}`);
  return { version: action.version, release: `v${action.version}`, major: match[4] ? undefined : `v${match[1]}` };
}

function main() {
  const root = path.resolve(import.meta.dirname, '..');
  const push = process.argv.includes('--push');
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: set by the release workflow's step, not read by a turbo task.
  const tags = actionTags(process.env.PUBLISHED_PACKAGES ?? '[]');
  if (tags === undefined) {
    console.log(`${actionPackageName} was not released: its tags stay where they are.`);
    return;
  }
  const checkedOut = JSON.parse(readFileSync(path.join(root, 'packages/action/package.json'), 'utf8')).version;
  if (checkedOut !== tags.version) {
    throw new Error(`${actionPackageName} was released as ${tags.version}, but this checkout holds ${checkedOut}.`);
  }
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: 'inherit' });
  // A release tag never moves: creating an existing one fails, which is what should happen.
  git('tag', '-a', tags.release, '-m', `${actionPackageName} ${tags.version}`);
  if (tags.major !== undefined) git('tag', '-f', '-a', tags.major, '-m', `${actionPackageName} ${tags.version}`);
  if (push) {
    git('push', 'origin', `refs/tags/${tags.release}`);
    if (tags.major !== undefined) git('push', '--force', 'origin', `refs/tags/${tags.major}`);
  }
  console.log(`Tagged ${tags.release}${tags.major ? ` and moved ${tags.major}` : ''}.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
