import { execFile } from 'node:child_process';
import { mkdtemp, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  installPacked,
  npmEnvironment,
  type PackedWorkspace,
  packWorkspaces,
} from '../../../scripts/consumer-project.mjs';

// What a user installs from the registry is what we test: pack the published packages, install the tarballs into
// fresh projects (one that depends on the libraries, one that depends only on the unscoped `tunewise`, as `npx
// tunewise` does), import them from ESM and CJS, and run the `tunewise` bin from there. The installs derive their
// lockfile from the repository's and run `npm ci --offline`: no registry round trip that could stall under load.
const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const workspaces = ['packages/core', 'packages/sdk', 'packages/tunewise'];
const packages = workspaces.map((directory) => path.join(repoRoot, directory));
const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

let workDir: string;
let packed: PackedWorkspace[];
let tarballs: string[];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'tunewise-pack-'));
  packed = await packWorkspaces(workspaces, workDir);
  tarballs = packed.map((entry) => entry.tarball);
  await installPacked(path.join(workDir, 'project'), packed, ['@tunewise/core', '@tunewise/sdk']);
  await installPacked(path.join(workDir, 'cli-project'), packed, ['tunewise']);
}, 300_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('published packages', () => {
  it('ship dist (or the bin) with a LICENSE, and no tests', async () => {
    for (const directory of packages) {
      const { stdout } = await run('npm', ['pack', '--dry-run', '--json'], { cwd: directory, env: npmEnvironment() });
      const [result] = JSON.parse(stdout) as Array<{ name: string; files: Array<{ path: string }> }>;
      const files = result!.files.map((file) => file.path);
      expect(files).toContain('LICENSE');
      if (result!.name === 'tunewise') {
        expect(files.sort()).toEqual(['LICENSE', 'README.md', 'bin/tunewise.js', 'package.json']);
      } else {
        expect(files).toContain('dist/index.js');
        expect(files).toContain('dist/index.cjs');
      }
      expect(files.filter((file) => file.includes('.test.'))).toEqual([]);
    }
  }, 120_000);

  it('pass publint', async () => {
    for (const directory of packages) {
      const { stdout } = await run(bin('publint'), ['--strict', directory]);
      expect(stdout).not.toMatch(/error|warning/i);
    }
  }, 180_000);

  it('pass @arethetypeswrong/cli for ESM and CJS consumers', async () => {
    for (const { name, tarball } of packed) {
      // `tunewise` has no importable entry point, only a bin; `@tunewise/sdk/cli` is that program, run on import.
      if (name === 'tunewise') continue;
      // Exits non-zero on any problem; the table is in the error message then.
      await run(bin('attw'), [
        tarball,
        '--format',
        'table-flipped',
        '--profile',
        'node16',
        '--exclude-entrypoints',
        './cli',
      ]);
    }
    expect(tarballs).toHaveLength(3);
  }, 300_000);

  it('import from ESM and from CJS in a fresh project', async () => {
    const project = path.join(workDir, 'project');
    const esm = `import { evaluate, parseUsageFile, VERSION } from '@tunewise/core';
import * as sdk from '@tunewise/sdk';
const parsed = parseUsageFile('version: 1\\nworkloads:\\n  - id: a\\n    model: openai/gpt-4.1-mini\\n    volume: { requestsPerMonth: 1000 }\\n    prompt: { inputTokens: 10, outputTokens: 10 }\\n', { fileName: 'x.yml' });
const report = evaluate(parsed.usageFile, { asOf: '2026-11-28' });
console.log(JSON.stringify({ version: VERSION, sdk: typeof sdk.evaluate, recommendation: report.workloads[0].recommendation }));`;
    const cjs = `const core = require('@tunewise/core');
const sdk = require('@tunewise/sdk');
console.log(JSON.stringify({ core: typeof core.evaluate, sdk: typeof sdk.loadConfig }));`;
    await writeFile(path.join(project, 'esm.mjs'), esm);
    await writeFile(path.join(project, 'cjs.cjs'), cjs);
    const fromEsm = JSON.parse((await run(process.execPath, ['esm.mjs'], { cwd: project })).stdout);
    expect(fromEsm).toMatchObject({
      sdk: 'function',
      recommendation: expect.stringMatching(/prompt|fine-tune|hybrid/),
    });
    expect(fromEsm.version).toMatch(/^\d+\.\d+\.\d+/);
    const fromCjs = JSON.parse((await run(process.execPath, ['cjs.cjs'], { cwd: project })).stdout);
    expect(fromCjs).toEqual({ core: 'function', sdk: 'function' });
  }, 120_000);

  it('put `tunewise` on PATH, whose --help documents check', async () => {
    const project = path.join(workDir, 'project');
    expect(await readdir(path.join(project, 'node_modules', '.bin'))).toContain('tunewise');
    const { stdout } = await run('npx', ['--no-install', 'tunewise', '--help'], {
      cwd: project,
      env: npmEnvironment(),
    });
    expect(stdout).toContain('Usage: tunewise');
    expect(stdout).toContain('check');
  }, 120_000);

  it('install `tunewise` alone (what `npx tunewise` installs), whose bin writes a usage file that checks', async () => {
    const project = path.join(workDir, 'cli-project');
    expect(await readdir(path.join(project, 'node_modules', '.bin'))).toContain('tunewise');
    // The unscoped package's own bin file, not only the sdk's copy npm may link first.
    const own = path.join(project, 'node_modules', 'tunewise', 'bin', 'tunewise.js');
    const { stdout: version } = await run(process.execPath, [own, '--version'], { cwd: project });
    expect(version.trim()).toBe(packed.find((entry) => entry.name === 'tunewise')!.version);
    const fresh = await realpath(await mkdtemp(path.join(workDir, 'fresh-')));
    const environment = {
      ...npmEnvironment(),
      PATH: `${path.join(project, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
    };
    await run('tunewise', ['init'], { cwd: fresh, env: environment });
    const { stdout } = await run('tunewise', ['check', '--as-of', '2026-11-28'], { cwd: fresh, env: environment });
    expect(stdout).toMatch(/Recommendation: (prompt|fine-tune|hybrid)/);
  }, 120_000);
});
