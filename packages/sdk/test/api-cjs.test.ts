import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// These tests start the built CLI or Node as child processes; on a slow, shared runner one can take seconds.
const CHILD_PROCESS_TIMEOUT_MS = 120_000;

// The built package, from both module systems, in child processes under this Node: what a consumer's `require` and
// `import` load. `npm run build -w @tunewise/core -w @tunewise/sdk` must come first (turbo's `test` depends on `build`).
const run = promisify(execFile);
const dist = path.resolve(import.meta.dirname, '../dist');
const cjsEntry = path.join(dist, 'index.cjs');
const esmEntry = path.join(dist, 'index.js');

const usageYaml = `version: 1
workloads:
  - id: support-triage
    model: openai/gpt-4.1-mini
    volume: { requestsPerMonth: 250000 }
    prompt:
      instructionFiles: [prompts/system.md]
      inputTokens: 350
      outputTokens: 200
`;

let directory: string;

beforeAll(async () => {
  for (const entry of [cjsEntry, esmEntry]) {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build -w @tunewise/sdk\` first`);
  }
  directory = await mkdtemp(path.join(tmpdir(), 'tunewise-api-cjs-'));
  await mkdir(path.join(directory, 'prompts'));
  await writeFile(path.join(directory, 'prompts', 'system.md'), 'Classify the ticket as billing, shipping or other.');
  await writeFile(path.join(directory, 'llm-usage.yml'), usageYaml);
  await writeFile(
    path.join(directory, 'bad.yml'),
    [
      'version: 1',
      'workloads:',
      '  - id: a',
      '    model: openai/gpt-4.1',
      '    volume: { requestsPerMonth: 10 }',
      '    prompt:',
      '      inputTokens: 10',
      '      outputTokens: 10',
      '      cacheHitRat: 0.5',
      '',
    ].join('\n'),
  );
}, CHILD_PROCESS_TIMEOUT_MS);

afterAll(() => rm(directory, { recursive: true, force: true }));

async function runScript(name: string, source: string): Promise<Record<string, unknown>> {
  const file = path.join(directory, name);
  await writeFile(file, source);
  const { stdout } = await run(process.execPath, [file], { cwd: directory });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('the built package', { timeout: CHILD_PROCESS_TIMEOUT_MS }, () => {
  it('evaluates, compares and loads from a CommonJS require', async () => {
    const output = await runScript(
      'consumer.cjs',
      `const sdk = require(${JSON.stringify(cjsEntry)});
(async () => {
  const loaded = await sdk.loadConfig('llm-usage.yml');
  const report = await sdk.evaluate('llm-usage.yml', { asOf: '2026-11-28' });
  const diff = await sdk.compare(null, loaded, { asOf: '2026-11-28' });
  const error = await sdk.loadConfig('bad.yml').catch((caught) => caught);
  console.log(JSON.stringify({
    asOf: report.asOf,
    recommendation: report.workloads[0].recommendation,
    instructionTokens: report.workloads[0].inputs.instructionTokens,
    counted: loaded.promptFiles[0].tokens,
    added: diff.added,
    isUsageFileError: sdk.UsageFileError.isInstance(error),
    issue: error.issues[0],
  }));
})();
`,
    );
    expect(output).toMatchObject({
      asOf: '2026-11-28',
      recommendation: expect.stringMatching(/^(prompt|fine-tune|hybrid)$/),
      added: ['support-triage'],
      isUsageFileError: true,
      issue: {
        file: 'bad.yml',
        line: 9,
        column: 7,
        path: 'workloads[0].prompt.cacheHitRat',
        suggestion: 'cacheHitRate',
      },
    });
    expect(output.instructionTokens).toBe(output.counted);
    expect(output.instructionTokens).toBeGreaterThan(5);
  });

  it('gives the same report from ESM and CJS, and isInstance holds across the two copies where instanceof fails', async () => {
    const output = await runScript(
      'consumer.mjs',
      `import { createRequire } from 'node:module';
import * as esm from ${JSON.stringify(esmEntry)};
const cjs = createRequire(import.meta.url)(${JSON.stringify(cjsEntry)});
const [fromEsm, fromCjs] = await Promise.all([esm, cjs].map((sdk) => sdk.evaluate('llm-usage.yml', { asOf: '2026-11-28' })));
const error = await esm.loadConfig('bad.yml').catch((caught) => caught);
console.log(JSON.stringify({
  same: JSON.stringify(fromEsm) === JSON.stringify(fromCjs),
  twoCopies: esm.UsageFileError !== cjs.UsageFileError,
  instanceOfOtherCopy: error instanceof cjs.UsageFileError,
  isInstanceOfOtherCopy: cjs.UsageFileError.isInstance(error),
  isTunewiseError: cjs.TunewiseError.isInstance(error),
}));
`,
    );
    expect(output).toEqual({
      same: true,
      twoCopies: true,
      instanceOfOtherCopy: false,
      isInstanceOfOtherCopy: true,
      isTunewiseError: true,
    });
  });
});
