import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo, removeTempDirectory } from '../src/sources/__fixtures__/temp-git-repo.js';

// These tests start the built CLI or Node as child processes; on a slow, shared runner one can take seconds.
const CHILD_PROCESS_TIMEOUT_MS = 120_000;

// The built CLI, run as a child process under the Node that runs the tests (Node 24 through npm scripts).
const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
const example = path.resolve(import.meta.dirname, '../../../examples/llm-usage.yml');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function tunewise(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** `check --config HEAD --base BASE` as JSON. */
function checkAgainstBase(head: string, base: string): Promise<Run> {
  return tunewise(['check', '--config', head, '--base', base, '--format', 'json', '--as-of', '2026-11-28']);
}

let workDir: string;
const created: string[] = [];
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'tunewise-check-'));
}, CHILD_PROCESS_TIMEOUT_MS);
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  for (const directory of created) removeTempDirectory(directory);
});

const small = (requestsPerMonth: number, extra = '') => `version: 1
workloads:
  - id: bot
    model: openai/gpt-4.1
    volume: { requestsPerMonth: ${requestsPerMonth} }
    prompt: { instructionTokens: 800, exampleTokens: 1200, inputTokens: 300, outputTokens: 200 }
${extra}`;

describe('tunewise check', { timeout: CHILD_PROCESS_TIMEOUT_MS }, () => {
  it('prints per-strategy costs for the example, as a table', async () => {
    const run = await tunewise(['check', '--config', example, '--as-of', '2026-11-28']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('as of 2026-11-28');
    for (const id of ['support-triage', 'invoice-extraction', 'contract-review', 'internal-assistant']) {
      expect(run.stdout).toContain(id);
    }
    expect(run.stdout).toMatch(/prompt\s+openai\/gpt-4\.1\s+\$/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('gives the report as JSON in the shape docs/report.md describes', async () => {
    const run = await tunewise(['check', '--config', example, '--format', 'json', '--as-of', '2026-11-28']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ schemaVersion: 1, asOf: '2026-11-28', currency: 'USD', horizonMonths: 12 });
    expect(report.tool.name).toBe('tunewise');
    const workload = report.workloads[0];
    for (const key of ['prompt', 'fineTune', 'hybrid']) {
      expect(Object.keys(workload.strategies[key])).toEqual(
        expect.arrayContaining([
          'feasible',
          'blockers',
          'perRequest',
          'upfront',
          'monthly',
          'averageMonthly',
          'total',
          'latencyMs',
        ]),
      );
      // A strategy the catalog cannot price (no confirmed fine-tuning price) has no months.
      expect(workload.strategies[key].monthly).toHaveLength(workload.strategies[key].priced ? 12 : 0);
    }
    expect(Object.keys(workload)).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'model',
        'recommendation',
        'confidence',
        'breakEven',
        'factors',
        'whatWouldChange',
        'nextSteps',
      ]),
    );
    expect(Object.keys(report.totals)).toEqual(['bill', 'prompt', 'fineTune', 'hybrid', 'recommended']);
  });

  it('renders a pull-request comment with --format markdown', async () => {
    const run = await tunewise(['check', '--config', example, '--format', 'markdown', '--as-of', '2026-11-28']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('xychart-beta');
    expect(run.stdout).toContain('<details>');
  });

  it('finds llm-usage.yml upward from the working directory', async () => {
    const project = path.join(workDir, 'upward');
    await mkdir(path.join(project, 'src', 'deep'), { recursive: true });
    await writeFile(path.join(project, 'llm-usage.yml'), small(1000));
    const run = await tunewise(['check', '--format', 'json', '--as-of', '2026-11-28'], {
      cwd: path.join(project, 'src', 'deep'),
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).workloads[0].id).toBe('bot');
  });

  it('says where to start when there is no usage file', async () => {
    const empty = path.join(workDir, 'empty');
    await mkdir(empty);
    const run = await tunewise(['check'], { cwd: empty });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no usage file found');
    expect(run.stderr).toContain('tunewise init');
  });

  it('exits 2 with file:line:column, the field and a did-you-mean, without a stack trace', async () => {
    const file = path.join(workDir, 'bad.yml');
    await writeFile(
      file,
      'version: 1\nworkloads:\n  - id: a\n    model: openai/gpt-4.1-minii\n    volume: { requestsPerMonth: 1000 }\n    prompt: { inputTokens: 10, outputTokens: 10 }\n',
    );
    const run = await tunewise(['check', '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${file}:4:12: workloads[0].model`);
    expect(run.stderr).toContain('Did you mean openai/gpt-4.1-mini?');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a bad flag value', async () => {
    const badDate = await tunewise(['check', '--config', example, '--as-of', '2026-02-30']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('YYYY-MM-DD');
    const badFormat = await tunewise(['check', '--config', example, '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('text, markdown, json');
  });

  it('on a gpt-5-mini workload names its 2026-12-11 retirement and successor, and never recommends an infeasible strategy', async () => {
    const config = path.join(workDir, 'gpt-5-mini.yml');
    await writeFile(
      config,
      `version: 1
workloads:
  - id: bot
    model: openai/gpt-5-mini
    volume: { requestsPerMonth: 300000 }
    prompt: { instructionTokens: 1200, exampleTokens: 2400, inputTokens: 350, outputTokens: 200 }
    trainingData: { examples: 3000, quality: high }
`,
    );
    const before = await tunewise(['check', '--config', config, '--as-of', '2026-12-01']);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain(
      'The prompt model openai/gpt-5-mini retires on 2026-12-11: the prompt moves to its successor openai/gpt-6.1-terra in month 1',
    );
    const after = await tunewise(['check', '--config', config, '--as-of', '2026-12-12', '--format', 'json']);
    expect(after.code).toBe(0);
    const report = JSON.parse(after.stdout);
    const [workload] = report.workloads;
    const key = { prompt: 'prompt', 'fine-tune': 'fineTune', hybrid: 'hybrid' }[workload.recommendation as string];
    if (key === undefined) {
      expect(workload.recommendation).toBe('none');
      expect(report.totals.countedAtPromptCost).toEqual(['bot']);
    } else {
      expect(workload.strategies[key].feasible).toBe(true);
    }
    expect(workload.strategies.prompt.blockers[0].message).toContain('retired on 2026-12-11');
    const text = await tunewise(['check', '--config', config, '--as-of', '2026-12-12']);
    expect(text.stdout).toContain('Recommendation: none (no feasible strategy: see the blockers)');
  });

  it('suggests a live path that, pasted into the usage file, runs and is feasible', async () => {
    const config = path.join(workDir, 'closed-provider.yml');
    const file = (fineTune: string) => `version: 1
workloads:
  - id: invoices
    model: openai/gpt-4.1-mini
    volume: { requestsPerMonth: 900000 }
    prompt: { instructionTokens: 600, exampleTokens: 3000, inputTokens: 900, outputTokens: 150 }
    trainingData: { examples: 2500, quality: high }
    ${fineTune}
`;
    await writeFile(config, file('fineTune: { model: openai/gpt-4.1-mini }'));
    const first = await tunewise(['check', '--config', config, '--as-of', '2026-12-01', '--format', 'json']);
    expect(first.code).toBe(0);
    const [before] = JSON.parse(first.stdout).workloads;
    expect(before.strategies.fineTune.feasible).toBe(false);
    const suggestion = (before.whatWouldChange as string[]).find((sentence) => sentence.startsWith('A live path'));
    const snippet = /(fineTune: \{ model: [^{}]*(?:\{[^{}]*\}[^{}]*)?\})/.exec(suggestion ?? '')?.[1];
    expect(snippet).toBeDefined();
    await writeFile(config, file(snippet!));
    const second = await tunewise(['check', '--config', config, '--as-of', '2026-12-01', '--format', 'json']);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const [after] = JSON.parse(second.stdout).workloads;
    expect(after.strategies.fineTune).toMatchObject({ feasible: true, priced: true, blockers: [] });
    // The figure the suggestion quoted is the one the file now gets.
    const quoted = /about \$([\d,]+) a month/.exec(suggestion!)?.[1]?.replaceAll(',', '');
    expect(Math.round(after.strategies.fineTune.averageMonthly)).toBe(Number(quoted));
  });

  it('compares against --base and exits 1 when the policy fails', async () => {
    const base = path.join(workDir, 'base.yml');
    const head = path.join(workDir, 'head.yml');
    const policy = 'policy:\n  failOn:\n    monthlyCostIncreasePercent: 20\n';
    // gpt-4.1 moves to its cheaper successor in month 2, so a tenfold volume is what lifts the bill past 20%.
    await writeFile(base, small(100000, policy));
    await writeFile(head, small(1000000, policy));
    const failing = await checkAgainstBase(head, base);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('policy');
    const diff = JSON.parse(failing.stdout);
    expect(diff.kind).toBe('report-diff');
    expect(diff.policy.passed).toBe(false);
    expect(diff.changed).toEqual(['bot']);
    const passing = await tunewise(['check', '--config', base, '--base', head, '--as-of', '2026-11-28']);
    expect(passing.code).toBe(0);
  });

  it('judges a change by the base file’s policy: deleting it and raising volume 5x still fails', async () => {
    const base = path.join(workDir, 'gate-base.yml');
    const head = path.join(workDir, 'gate-head.yml');
    await writeFile(base, small(100000, 'policy:\n  failOn:\n    monthlyCostIncreasePercent: 20\n'));
    await writeFile(head, small(500000));
    const run = await checkAgainstBase(head, base);
    expect(run.code).toBe(1);
    const diff = JSON.parse(run.stdout);
    expect(diff.policy.passed).toBe(false);
    expect(diff.policy.message).toContain('applies after merge');
    expect(run.stderr).toContain('policy.failOn of the base usage file');
  });

  it('judges a change at --base-ref by the policy committed there, not the edited one', async () => {
    const policy = 'policy:\n  failOn:\n    monthlyCostIncreasePercent: 20\n';
    const repo = makeGitRepo({ 'llm-usage.yml': small(100000, policy) });
    created.push(repo);
    await writeFile(
      path.join(repo, 'llm-usage.yml'),
      small(500000, 'policy:\n  failOn:\n    monthlyCostIncreasePercent: 1000\n'),
    );
    const run = await tunewise(['check', '--base-ref', 'HEAD', '--format', 'markdown', '--as-of', '2026-11-28'], {
      cwd: repo,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('applies after merge');
  });

  it('reads the base from git with --base-ref, prompt files included', async () => {
    const config = `version: 1
workloads:
  - id: bot
    model: openai/gpt-4.1
    volume: { requestsPerMonth: 100000 }
    prompt: { instructionFiles: [prompts/system.md], inputTokens: 300, outputTokens: 200 }
`;
    const repo = makeGitRepo({ 'llm-usage.yml': config, 'prompts/system.md': 'You are a helpful support agent.\n' });
    created.push(repo);
    // The pull request makes the system prompt much longer.
    await writeFile(path.join(repo, 'prompts', 'system.md'), 'Answer politely and cite the policy. '.repeat(200));
    const run = await tunewise(['check', '--base-ref', 'HEAD', '--format', 'json', '--as-of', '2026-11-28'], {
      cwd: repo,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const diff = JSON.parse(run.stdout);
    const base = diff.base.workloads[0].inputs.instructionTokens;
    const head = diff.head.workloads[0].inputs.instructionTokens;
    expect(base).toBeGreaterThan(3);
    expect(base).toBeLessThan(15);
    expect(head).toBeGreaterThan(1000);
    expect(diff.totals.averageMonthly.delta).toBeGreaterThan(0);
  });

  it('says why the cost moved when the volume doubles and a prompt file grows, in JSON and markdown', async () => {
    const config = (requestsPerMonth: number) => `version: 1
workloads:
  - id: bot
    model: openai/gpt-4.1
    volume: { requestsPerMonth: ${requestsPerMonth} }
    prompt: { instructionFiles: [prompts/system.md], inputTokens: 300, outputTokens: 200 }
    profile: { stage: prototype }
`;
    const repo = makeGitRepo({ 'llm-usage.yml': config(100000), 'prompts/system.md': 'Answer politely.\n' });
    created.push(repo);
    await writeFile(path.join(repo, 'llm-usage.yml'), config(200000));
    await writeFile(path.join(repo, 'prompts', 'system.md'), 'Answer politely and cite the policy. '.repeat(60));
    const args = ['check', '--base-ref', 'HEAD', '--as-of', '2026-11-28'];

    const json = await tunewise([...args, '--format', 'json'], { cwd: repo });
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const diff = JSON.parse(json.stdout);
    const entry = diff.workloads[0];
    const parts = Object.fromEntries(
      entry.attribution.parts.map((part: { driver: string }) => [part.driver, part]),
    ) as Record<string, { averageMonthly: number; promptFiles?: Array<{ path: string; delta: number }> }>;
    expect(Object.keys(parts)).toEqual(['volume', 'tokens', 'models', 'quality', 'assumptions', 'recommendation']);
    const grown = diff.head.workloads[0].inputs.instructionTokens - diff.base.workloads[0].inputs.instructionTokens;
    expect(grown).toBeGreaterThan(300);
    expect(parts.tokens!.promptFiles).toEqual([expect.objectContaining({ path: 'prompts/system.md', delta: grown })]);
    expect(parts.volume!.averageMonthly).toBeGreaterThan(0);
    expect(parts.tokens!.averageMonthly).toBeGreaterThan(0);
    for (const driver of ['models', 'quality', 'assumptions', 'recommendation'])
      expect(parts[driver]!.averageMonthly).toBe(0);
    const sum = Object.values(parts).reduce((total, part) => total + part.averageMonthly, 0);
    expect(Math.abs(sum - entry.averageMonthly.delta)).toBeLessThan(0.005);

    const markdown = await tunewise([...args, '--format', 'markdown'], { cwd: repo });
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('### Why the bill moved');
    expect(markdown.stdout).toMatch(
      new RegExp(
        `- \\*\\*bot\\*\\*: volume \\+\\$[\\d,.]+; prompt tokens \\+\\$[\\d,.]+ \\(prompts/system\\.md \\+${grown.toLocaleString('en-US')} tokens\\)`,
      ),
    );
  }, 60_000);

  it('treats a usage file missing at --base-ref as a first report', async () => {
    const repo = makeGitRepo({ 'README.md': 'hello\n' });
    created.push(repo);
    await cp(example, path.join(repo, 'llm-usage.yml'));
    const run = await tunewise(['check', '--base-ref', 'main', '--format', 'json', '--as-of', '2026-11-28'], {
      cwd: repo,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).isFirstReport).toBe(true);
  });

  it('colours only on a TTY and never with NO_COLOR', async () => {
    // Not a TTY here (a pipe), so no colour even without NO_COLOR.
    const run = await tunewise(['check', '--config', example, '--as-of', '2026-11-28'], { env: { NO_COLOR: '' } });
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('documents every flag in --help', async () => {
    const run = await tunewise(['check', '--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--config', '--format', '--base', '--base-ref', '--as-of', 'Exit codes']) {
      expect(run.stdout).toContain(flag);
    }
    const top = await tunewise(['--help']);
    for (const command of ['check', 'usage', 'init', 'schema']) expect(top.stdout).toContain(command);
  });
});
