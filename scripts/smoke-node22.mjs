#!/usr/bin/env node
// `npm run smoke:node22`: what a user on Node 22 gets from npm. Packs @tunewise/core, @tunewise/sdk and tunewise,
// installs the tarballs into a fresh project offline (scripts/consumer-project.mjs), then under Node 22 itself
// (the `node@22` package from the registry, since npm scripts put the pinned Node 24 first on PATH) imports the
// packages from ESM and CJS, evaluates a usage file whose prompt file is counted with the tokenizer, and runs the
// `tunewise` bin: --version, init, check. Run `npm run build` first.
//
//   npm run smoke:node22            (NODE22=/path/to/node skips the download of node@22)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installPacked, packWorkspaces } from './consumer-project.mjs';

const root = path.resolve(import.meta.dirname, '..');
const workDirectory = mkdtempSync(path.join(tmpdir(), 'tunewise-node22-'));
const project = path.join(workDirectory, 'project');
const run = (command, args, options = {}) =>
  execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });
const step = (text) => console.log(`\n» ${text}`);

function check(condition, message) {
  if (!condition) throw new Error(`smoke:node22: ${message}`);
  console.log(`  ok  ${message}`);
}

try {
  step('Node 22');
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: a local override, not read by a turbo task.
  const override = process.env.NODE22;
  const node22 = override || run('npx', ['--yes', '--package', 'node@22', 'node', '-p', 'process.execPath']).trim();
  const node22Version = run(node22, ['--version']).trim();
  check(node22Version.startsWith('v22.'), `${node22} is ${node22Version}`);

  step('pack the published packages, install the tarballs into a fresh project');
  const packed = await packWorkspaces(['packages/core', 'packages/sdk', 'packages/tunewise'], workDirectory);
  for (const entry of packed) console.log(`  ${path.basename(entry.tarball)}`);
  await installPacked(project, packed, ['tunewise', '@tunewise/sdk', '@tunewise/core']);
  cpSync(path.join(root, 'packages/sdk/examples/llm-usage.yml'), path.join(project, 'llm-usage.yml'));
  cpSync(path.join(root, 'packages/sdk/examples/prompts'), path.join(project, 'prompts'), { recursive: true });

  step('ESM: import core and sdk, evaluate a usage file with a prompt file');
  writeFileSync(
    path.join(project, 'esm.mjs'),
    `import { VERSION } from '@tunewise/core';
import { evaluate, countTokens } from '@tunewise/sdk';
const report = await evaluate('llm-usage.yml', { asOf: '2026-11-28' });
const tokens = await countTokens('hello world', 'openai/gpt-4o');
console.log(JSON.stringify({ node: process.version, version: VERSION, workloads: report.workloads.map((workload) => workload.recommendation), tokens: tokens.tokens }));`,
  );
  const esm = JSON.parse(run(node22, ['esm.mjs'], { cwd: project }));
  check(esm.node === node22Version, `ran under ${esm.node}`);
  check(
    esm.version === JSON.parse(readFileSync(path.join(root, 'packages/core/package.json'), 'utf8')).version,
    `core VERSION ${esm.version}`,
  );
  check(
    esm.workloads.length > 0 && esm.workloads.every((value) => /^(prompt|fine-tune|hybrid|none)$/.test(value)),
    `evaluate recommends ${esm.workloads.join(', ')}`,
  );
  check(esm.tokens === 2, 'countTokens loads o200k_base on demand: "hello world" is 2 tokens');

  step('CJS: require core and sdk, evaluate');
  writeFileSync(
    path.join(project, 'cjs.cjs'),
    `const core = require('@tunewise/core');
const sdk = require('@tunewise/sdk');
sdk.evaluate('llm-usage.yml', { asOf: '2026-11-28' }).then((report) =>
  console.log(JSON.stringify({ node: process.version, core: typeof core.evaluate, workloads: report.workloads.length })));`,
  );
  const cjs = JSON.parse(run(node22, ['cjs.cjs'], { cwd: project }));
  check(cjs.node === node22Version && cjs.core === 'function' && cjs.workloads > 0, `require works under ${cjs.node}`);

  step('the tunewise bin (from the unscoped package), with Node 22 first on PATH');
  const environment = { ...process.env, PATH: `${path.dirname(node22)}${path.delimiter}${process.env.PATH}` };
  const bin = path.join(project, 'node_modules', '.bin', 'tunewise');
  check(run(bin, ['--version'], { cwd: project, env: environment }).trim() === esm.version, 'tunewise --version');
  const fresh = path.join(workDirectory, 'fresh');
  mkdirSync(fresh);
  run(bin, ['init'], { cwd: fresh, env: environment });
  const checkOutput = run(bin, ['check', '--as-of', '2026-11-28'], { cwd: fresh, env: environment });
  check(/Recommendation: (prompt|fine-tune|hybrid)/.test(checkOutput), 'tunewise init, then tunewise check');
  console.log(`\nsmoke:node22 passed on ${node22Version}.`);
} finally {
  rmSync(workDirectory, { recursive: true, force: true });
}
