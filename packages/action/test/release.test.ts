import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmEnvironment } from '../../../scripts/consumer-project.mjs';

// The release itself, as the "Version Packages" pull request makes it: in a clone of this repository's HEAD, add a
// changeset and run scripts/version-packages.mjs (what release.yml's version step runs: changeset version, the
// lockfile, a full build, packages/action/dist staged), then check the tree a maintainer would merge and publish.
// node_modules is linked from this checkout (no npm ci), with the workspaces pointing at the clone's own packages.
// One swap: the changelog generator is changesets' git one, because @changesets/changelog-github asks the GitHub
// API about each commit, which a test (and this machine) cannot reach.
const run = promisify(execFile);
const repositoryRoot = path.resolve(import.meta.dirname, '../../..');
const RELEASE_TIMEOUT_MS = 600_000;
const published = ['core', 'sdk', 'tunewise'];
const workspaceLinks: Record<string, string> = {
  '@tunewise/core': 'packages/core',
  '@tunewise/sdk': 'packages/sdk',
  '@tunewise/action': 'packages/action',
  tunewise: 'packages/tunewise',
};

let clone: string;
const before: Record<string, string> = {};
const readJson = async (file: string) => JSON.parse(await readFile(path.join(clone, file), 'utf8'));
const git = async (...args: string[]) => (await run('git', args, { cwd: clone, maxBuffer: 64 * 1024 * 1024 })).stdout;

/** `target`'s entries linked one by one into a real directory, so the clone's own files never land in this checkout. */
async function linkEntries(target: string, directory: string, skip: (name: string) => boolean = () => false) {
  await mkdir(directory, { recursive: true });
  for (const name of await readdir(target)) {
    if (!skip(name)) await symlink(path.join(target, name), path.join(directory, name));
  }
}

beforeAll(async () => {
  clone = await mkdtemp(path.join(tmpdir(), 'tunewise-release-'));
  await run('git', ['clone', '--quiet', repositoryRoot, clone]);
  const rootModules = path.join(repositoryRoot, 'node_modules');
  // Hidden files such as .package-lock.json stay out: npm would write them through the link into this checkout.
  await linkEntries(
    rootModules,
    path.join(clone, 'node_modules'),
    (name) => name === '@tunewise' || name in workspaceLinks || (name.startsWith('.') && name !== '.bin'),
  );
  await mkdir(path.join(clone, 'node_modules', '@tunewise'));
  for (const [name, directory] of Object.entries(workspaceLinks)) {
    await symlink(path.join(clone, directory), path.join(clone, 'node_modules', name));
  }
  for (const name of ['core', 'sdk', 'action']) {
    const nested = path.join(repositoryRoot, 'packages', name, 'node_modules');
    await linkEntries(nested, path.join(clone, 'packages', name, 'node_modules')).catch(() => undefined);
  }
  for (const name of published) before[name] = (await readJson(`packages/${name}/package.json`)).version;
  before.action = (await readJson('packages/action/package.json')).version;
  before.dist = (await git('ls-tree', '--name-only', 'HEAD', 'packages/action/dist/')).trim();

  const config = await readJson('.changeset/config.json');
  await writeFile(
    path.join(clone, '.changeset/config.json'),
    JSON.stringify({ ...config, changelog: '@changesets/cli/changelog' }, null, 2),
  );
  await writeFile(
    path.join(clone, '.changeset/release-test.md'),
    '---\n"@tunewise/core": patch\n---\n\nThe release test’s own change, to core alone.\n',
  );
  await run(process.execPath, ['scripts/version-packages.mjs'], {
    cwd: clone,
    env: npmEnvironment(),
    maxBuffer: 64 * 1024 * 1024,
  });
}, RELEASE_TIMEOUT_MS);

afterAll(async () => {
  if (clone) await rm(clone, { recursive: true, force: true });
});

describe('a release made by scripts/version-packages.mjs', { timeout: RELEASE_TIMEOUT_MS }, () => {
  it('bumps core, sdk and tunewise together to one new version, though only core had a changeset', async () => {
    const versions = await Promise.all(
      published.map(async (name) => (await readJson(`packages/${name}/package.json`)).version),
    );
    expect(new Set(versions).size).toBe(1);
    expect(versions[0]).not.toBe(before.core);
    const sdk = await readJson('packages/sdk/package.json');
    const tunewise = await readJson('packages/tunewise/package.json');
    expect(sdk.dependencies['@tunewise/core']).toBe(versions[0]);
    expect(tunewise.dependencies['@tunewise/sdk']).toBe(versions[0]);
  });

  it('releases the action too (it bundles the sdk), and the lockfile follows every version', async () => {
    const action = await readJson('packages/action/package.json');
    expect(action.version).not.toBe(before.action);
    const core = await readJson('packages/core/package.json');
    expect(action.dependencies['@tunewise/sdk']).toBe(core.version);
    const lock = (await readJson('package-lock.json')).packages;
    for (const name of [...published, 'action']) {
      expect(lock[`packages/${name}`].version).toBe((await readJson(`packages/${name}/package.json`)).version);
    }
  });

  it('writes each package’s changelog under the new version and consumes the changesets', async () => {
    const { version } = await readJson('packages/core/package.json');
    for (const name of [...published, 'action']) {
      const changelog = await readFile(path.join(clone, 'packages', name, 'CHANGELOG.md'), 'utf8');
      expect(changelog, name).toContain(`## ${(await readJson(`packages/${name}/package.json`)).version}`);
    }
    expect(await readFile(path.join(clone, 'packages/core/CHANGELOG.md'), 'utf8')).toContain(
      'The release test’s own change',
    );
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const left = (await readdir(path.join(clone, '.changeset'))).filter(
      (file) => file.endsWith('.md') && file !== 'README.md',
    );
    expect(left).toEqual([]);
  });

  it('rebuilds the action’s dist with the new version compiled in, and stages all of it', async () => {
    const { version } = await readJson('packages/core/package.json');
    const distDirectory = path.join(clone, 'packages/action/dist');
    const files = await readdir(distDirectory);
    const index = await readFile(path.join(distDirectory, 'index.js'), 'utf8');
    expect(index).toContain(`"${version}"`);
    expect(index).not.toContain(`"${before.core}"`);
    // Staged: new chunk names added, old ones removed; nothing in dist/ left unstaged or untracked.
    expect(
      (await git('status', '--porcelain', '--', 'packages/action/dist'))
        .split('\n')
        .filter((line) => /^.[^ ]/.test(line)),
    ).toEqual([]);
    const staged = (await git('diff', '--cached', '--name-only', '--', 'packages/action/dist')).trim().split('\n');
    expect(staged).toContain('packages/action/dist/index.js');
    const stagedTree = (await git('ls-files', '--', 'packages/action/dist'))
      .trim()
      .split('\n')
      .map((file) => path.basename(file));
    expect(stagedTree.sort()).toEqual(files.sort());
    expect(before.dist).toContain('packages/action/dist/index.js');
  });

  it('publishes cleanly: npm publish --dry-run of every public package, no warning but the login one', async () => {
    for (const name of published) {
      const { stdout, stderr } = await run('npm', ['publish', '--dry-run'], {
        cwd: path.join(clone, 'packages', name),
        env: npmEnvironment(),
      });
      const { name: packageName, version } = await readJson(`packages/${name}/package.json`);
      expect(stdout).toContain(`+ ${packageName}@${version}`);
      const warnings = stderr
        .split('\n')
        .filter((line) => /npm (warn|error)/i.test(line) && !/requires you to be logged in/.test(line));
      expect(warnings, name).toEqual([]);
    }
  });
});
