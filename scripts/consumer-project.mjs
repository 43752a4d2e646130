// Packs published workspace packages and installs the tarballs into a fresh project the way a user's `npm ci` would,
// without asking the registry anything: the project's package-lock.json is derived from the repository's (same
// versions and integrity of every third-party dependency, whose tarballs `npm ci` of the repository has cached),
// so `npm ci --offline` reads only the cache. A plain `npm install` of the tarballs has to fetch packuments to
// resolve their ranges, which can stall for minutes when several npm processes share one cache under load.
// Used by packages/sdk/test/packaging.test.ts and scripts/smoke-node22.mjs.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repositoryRoot = path.resolve(import.meta.dirname, '..');
const registry = 'https://registry.npmjs.org';

/** Child npm processes get no npm_* variables from an enclosing `npm test`, which would reconfigure them. */
export function npmEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** `npm pack` of each workspace directory (e.g. `packages/core`) into `destination`: name, version and tarball path. */
export async function packWorkspaces(directories, destination) {
  const packed = [];
  for (const directory of directories) {
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
      cwd: path.join(repositoryRoot, directory),
      env: npmEnvironment(),
    });
    const [result] = JSON.parse(stdout);
    packed.push({
      directory,
      name: result.name,
      version: result.version,
      tarball: path.join(destination, result.filename),
    });
  }
  return packed;
}

/**
 * Writes `project` with `dependencies` (names of packed workspaces) and a lockfile placing every packed package and
 * its third-party dependencies at the versions the repository's lockfile resolves, then runs `npm ci --offline`.
 */
export async function installPacked(project, packed, dependencies) {
  const rootLock = JSON.parse(await readFile(path.join(repositoryRoot, 'package-lock.json'), 'utf8')).packages;
  const byName = new Map(packed.map((entry) => [entry.name, entry]));
  const entries = {};
  const integrityOf = async (file) =>
    `sha512-${createHash('sha512')
      .update(await readFile(file))
      .digest('base64')}`;

  // Node's lookup in the repository: the dependent's own node_modules, then each parent's, then the root's.
  const resolveInRepository = (fromKey, name) => {
    let key = fromKey;
    while (true) {
      const candidate = `${key === '' ? '' : `${key}/`}node_modules/${name}`;
      if (rootLock[candidate] !== undefined) return candidate;
      if (key === '') return undefined;
      const index = key.lastIndexOf('/node_modules/');
      key = index === -1 ? '' : key.slice(0, index);
    }
  };

  // Places `name` for a dependent installed at `parentKey` (consumer paths); nests it when the top level is taken.
  const place = async (name, sourceKey, parentKey) => {
    const source = byName.has(name) ? undefined : rootLock[sourceKey];
    const version = byName.get(name)?.version ?? source.version;
    const topKey = `node_modules/${name}`;
    const key =
      entries[topKey] === undefined || entries[topKey].version === version
        ? topKey
        : `${parentKey}/node_modules/${name}`;
    if (entries[key] !== undefined) return;
    if (byName.has(name)) {
      const workspace = byName.get(name);
      const manifest = rootLock[workspace.directory];
      entries[key] = {
        version,
        resolved: `file:${path.relative(project, workspace.tarball)}`,
        integrity: await integrityOf(workspace.tarball),
        ...(manifest.license ? { license: manifest.license } : {}),
        ...(manifest.dependencies ? { dependencies: manifest.dependencies } : {}),
        ...(manifest.bin ? { bin: manifest.bin } : {}),
        ...(manifest.engines ? { engines: manifest.engines } : {}),
      };
      for (const dependency of Object.keys(manifest.dependencies ?? {})) {
        await place(dependency, resolveInRepository(workspace.directory, dependency), key);
      }
      return;
    }
    if (source === undefined) throw new Error(`package-lock.json has no entry for ${name} (needed by ${parentKey})`);
    const basename = name.slice(name.lastIndexOf('/') + 1);
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...rest } = source;
    entries[key] = { ...rest, resolved: source.resolved ?? `${registry}/${name}/-/${basename}-${version}.tgz` };
    for (const dependency of Object.keys(source.dependencies ?? {})) {
      await place(dependency, resolveInRepository(sourceKey, dependency), key);
    }
  };

  const manifestDependencies = {};
  for (const name of dependencies) {
    const workspace = byName.get(name);
    manifestDependencies[name] = `file:${path.relative(project, workspace.tarball)}`;
  }
  for (const name of dependencies) await place(name, undefined, '');
  // Every workspace is a dependency by its tarball, so transitive @tunewise/* resolve to the packed copies too.
  for (const [name, workspace] of byName) {
    if (entries[`node_modules/${name}`] && !manifestDependencies[name]) {
      entries[`node_modules/${name}`].resolved = `file:${path.relative(project, workspace.tarball)}`;
    }
  }

  const manifest = { name: 'consumer', version: '1.0.0', private: true, dependencies: manifestDependencies };
  const lockfile = {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: manifest.name, version: manifest.version, dependencies: manifestDependencies },
      ...entries,
    },
  };
  await mkdir(project, { recursive: true });
  await writeFile(path.join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(path.join(project, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: project,
    env: npmEnvironment(),
  });
}
