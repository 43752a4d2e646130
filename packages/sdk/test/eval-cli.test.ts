import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assertBuilt, runCli } from './usage-helpers.js';

// A real promptfoo 0.121.20 run: its own summary said 6 passed, 2 failed, 1 error (see the fixture's README).
const promptfoo = fileURLToPath(new URL('../src/quality/__fixtures__/promptfoo/results.json', import.meta.url));
let directory: string;
/** A folder with no usage file above it, so no workload is checked. */
let bare: string;

/** A usage file with comments and DESIGN.md's measured fine-tune (472/500), in a flow map. */
const USAGE_FILE = `version: 1
workloads:
  # the busiest workload: triage every incoming ticket
  - id: support-triage
    model: openai/gpt-4.1-mini # cheap and fast enough
    volume:
      requestsPerMonth: 400000
    prompt:
      inputTokens: 350
      outputTokens: 20
    quality:
      metric: exact label on held-out tickets # labelled by the support leads
      failureCostUsd: 0.4
      fineTune: { passed: 472, total: 500 }
`;

beforeAll(async () => {
  assertBuilt();
  directory = await mkdtemp(path.join(tmpdir(), 'tunewise-eval-cli-'));
  bare = await mkdtemp(path.join(tmpdir(), 'tunewise-eval-cli-bare-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
  await rm(bare, { recursive: true, force: true });
});

/** `tunewise eval import <promptfoo fixture> --workload support-triage --strategy prompt`, then `extra`. */
const importPromptfoo = (...extra: string[]) =>
  runCli(['eval', 'import', promptfoo, '--workload', 'support-triage', '--strategy', 'prompt', ...extra]);

// Each test runs the built CLI as a process, some of them several times: generous timeouts for a loaded machine.
describe('tunewise eval import (built CLI)', () => {
  it("counts promptfoo's results.json as promptfoo's summary did, in text", { timeout: 60_000 }, async () => {
    const run = await runCli(['eval', 'import', promptfoo, '--workload', 'support-triage', '--strategy', 'prompt'], {
      cwd: bare,
    });
    expect(run.exitCode).toBe(0);
    // 90% interval: scipy 1.17.1 beta.ppf(0.05 | 0.95, 7, 4) = 0.39338, 0.84997.
    expect(run.stdout).toBe(
      [
        'support-triage, prompt: 6 of 9 passed (66.7%, 90% interval 39.3%–85.0%)',
        `  from ${promptfoo} (promptfoo results)`,
        "  promptfoo's own summary: 6 passed, 2 failed, 1 error (errors count as not passed)",
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('');
  });

  it('prints the documented JSON, and compares with the strategies the usage file measured', {
    timeout: 60_000,
  }, async () => {
    const config = path.join(directory, 'compare.yml');
    await writeFile(config, USAGE_FILE);
    const run = await importPromptfoo('--config', config, '--format', 'json');
    expect(run.exitCode).toBe(0);
    const output = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual([
      'workload',
      'strategy',
      'format',
      'passed',
      'total',
      'passRate',
      'reportedStats',
      'skipped',
      'comparisons',
    ]);
    expect(output).toMatchObject({
      workload: 'support-triage',
      strategy: 'prompt',
      format: 'promptfoo',
      passed: 6,
      total: 9,
      reportedStats: { successes: 6, failures: 2, errors: 1 },
      skipped: { count: 0, examples: [] },
    });
    // 6/9 against 472/500: the fine-tune is clearly better. n for 66.7% against 94.4% is 25 (the formula in
    // core/src/quality/quality.ts: (1.64485·√(2·0.80533·0.19467) + 0.84162·√(0.22222 + 0.05286))² / 0.27733²
    // = 24.13, up to 25), so the prompt's 9 cases are 16 short of it.
    const [fineTune] = output.comparisons as Array<Record<string, unknown>>;
    expect(fineTune).toMatchObject({ strategy: 'fine-tune', passed: 472, total: 500, distinguishable: true });
    expect(fineTune?.probabilityHigher).toBeLessThan(0.05);
    expect(fineTune?.moreCasesPerStrategy).toBe(16);
  });

  it('--write puts passed/total into the workload, keeping every comment, and the file stays valid', {
    timeout: 60_000,
  }, async () => {
    const usageFile = path.join(directory, 'llm-usage.yml');
    await writeFile(usageFile, USAGE_FILE);
    const run = await importPromptfoo('--write', usageFile, '--as-of', '2026-12-01');
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe(`Wrote quality.prompt: { passed: 6, total: 9 } for support-triage into ${usageFile}.\n`);
    expect(run.stdout).toContain('Against the other strategies measured in');
    const text = await readFile(usageFile, 'utf8');
    for (const comment of [
      '# the busiest workload: triage every incoming ticket',
      '# cheap and fast enough',
      '# labelled by the support leads',
      '# measured 2026-12-01: 6 of 9 passed (66.7%) in results.json (promptfoo results)',
    ]) {
      expect(text).toContain(comment);
    }
    const quality = (parse(text) as { workloads: Array<{ quality: Record<string, unknown> }> }).workloads[0]?.quality;
    expect(quality).toEqual({
      metric: 'exact label on held-out tickets',
      failureCostUsd: 0.4,
      fineTune: { passed: 472, total: 500 },
      prompt: { passed: 6, total: 9 },
    });

    // A second import replaces the numbers and its own comment, rather than stacking them.
    const again = await importPromptfoo('--write', usageFile, '--as-of', '2026-12-02');
    expect(again.exitCode).toBe(0);
    const rewritten = await readFile(usageFile, 'utf8');
    expect(rewritten).toContain('# measured 2026-12-02: 6 of 9 passed');
    expect(rewritten).not.toContain('# measured 2026-12-01');

    const check = await runCli(['check', '--config', usageFile, '--format', 'json', '--as-of', '2026-12-01']);
    expect(check.stderr).toBe('');
    expect(check.exitCode).toBe(0);
  });

  it('counts JSONL of pass and score/threshold lines, skipping and reporting malformed ones', {
    timeout: 60_000,
  }, async () => {
    const graded = path.join(directory, 'graded.jsonl');
    await writeFile(
      graded,
      '{"pass": true}\n{"score": 0.9, "threshold": 0.5}\n{"pass": false}\n{broken\n{"pass": true}\n',
    );
    const run = await runCli(['eval', 'import', graded, '--workload', 'w', '--strategy', 'hybrid'], { cwd: bare });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('w, hybrid: 3 of 4 passed (75.0%');
    expect(run.stdout).toContain('Skipped 1 record that could not be graded:\n  line 4: not valid JSON\n');
  });

  it('exits 2 with file:line for an unknown workload, a malformed document and a file with no graded case', {
    timeout: 60_000,
  }, async () => {
    const config = path.join(directory, 'unknown.yml');
    await writeFile(config, USAGE_FILE);
    const unknown = await runCli([
      'eval',
      'import',
      promptfoo,
      '--workload',
      'suport-triage',
      '--strategy',
      'fine-tune',
      '--config',
      config,
    ]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toBe(
      `tunewise: ${config}:2:1: workloads: no workload with this id (expected one of support-triage, found suport-triage). Did you mean support-triage?\n`,
    );
    expect(unknown.stdout).toBe('');

    const broken = path.join(directory, 'broken.json');
    await writeFile(broken, '{\n  "results": {\n    "results": [\n      {"success": tru}\n    ]\n  }\n}\n');
    const malformed = await runCli(['eval', 'import', broken, '--workload', 'w', '--strategy', 'prompt'], {
      cwd: bare,
    });
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toBe(`tunewise: ${broken}:4:22: not valid JSON here\n`);

    const nothing = path.join(directory, 'nothing.jsonl');
    await writeFile(nothing, '{"label": "billing"}\n');
    const empty = await runCli(['eval', 'import', nothing, '--workload', 'w', '--strategy', 'prompt'], {
      cwd: bare,
    });
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toContain(`tunewise: no graded case found in ${nothing}; nothing counted.`);

    const badStrategy = await runCli(['eval', 'import', nothing, '--workload', 'w', '--strategy', 'finetune'], {
      cwd: bare,
    });
    expect(badStrategy.exitCode).toBe(2);
    expect(badStrategy.stderr).toContain(
      "argument 'finetune' is invalid. Allowed choices are prompt, fine-tune, hybrid.",
    );
  });
});
