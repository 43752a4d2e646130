import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a user installs from the registry is what we test: pack the published packages, install the tarballs into a
// fresh project, import them from ESM and CJS, and run the `tunewise` bin from there.
const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const packages = ['core', 'sdk'].map((name) => path.join(repoRoot, 'packages', name));
const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

let workDir: string;
let tarballs: string[];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'tunewise-pack-'));
  tarballs = [];
  for (const directory of packages) {
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', workDir], { cwd: directory });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
    tarballs.push(path.join(workDir, packed!.filename));
  }
  const project = path.join(workDir, 'project');
  await run('mkdir', ['-p', project]);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], { cwd: project });
}, 180_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('published packages', () => {
  it('ship dist and no tests', async () => {
    for (const directory of packages) {
      const { stdout } = await run('npm', ['pack', '--dry-run', '--json'], { cwd: directory });
      const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
      const files = packed!.files.map((file) => file.path);
      expect(files).toContain('dist/index.js');
      expect(files).toContain('dist/index.cjs');
      expect(files.filter((file) => file.includes('.test.'))).toEqual([]);
    }
  });

  it('pass publint', async () => {
    for (const directory of packages) {
      const { stdout } = await run(bin('publint'), ['--strict', directory]);
      expect(stdout).not.toMatch(/error|warning/i);
    }
  }, 60_000);

  it('pass @arethetypeswrong/cli for ESM and CJS consumers', async () => {
    for (const tarball of tarballs) {
      // Exits non-zero on any problem; the table is in the error message then.
      await run(bin('attw'), [tarball, '--format', 'table-flipped', '--profile', 'node16']);
    }
  }, 120_000);

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
  }, 60_000);

  it('put `tunewise` on PATH, whose --help documents check', async () => {
    const project = path.join(workDir, 'project');
    expect(await readdir(path.join(project, 'node_modules', '.bin'))).toContain('tunewise');
    const { stdout } = await run('npx', ['--no-install', 'tunewise', '--help'], { cwd: project });
    expect(stdout).toContain('Usage: tunewise');
    expect(stdout).toContain('check');
  }, 60_000);
});
