import { readdirSync, readFileSync } from 'node:fs';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repositoryRoot = new URL('../../../', import.meta.url);
const actionYaml = readFileSync(new URL('../action.yml', import.meta.url), 'utf8');
// The root action.yml (`tunewise/tunewise@v1`) and this folder's (`tunewise/tunewise/packages/action@v1`) are the same action.
const isTunewiseAction = (uses: string | undefined) =>
  uses !== undefined && /^tunewise\/tunewise(\/packages\/action)?@/.test(uses);

describe('action.yml', () => {
  it('is a valid action (against action-validator’s schema, which predates node24)', () => {
    // @action-validator/cli 0.6.0 only knows node12/16/20 as `runs.using`; GitHub added node24 in 2025. Validate
    // everything else with node20 put in its place, and check node24 on its own.
    const state = validateAction(actionYaml.replace('using: node24', 'using: node20'));
    expect(state.errors).toEqual([]);
    expect(parse(actionYaml).runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('would catch a broken action', () => {
    expect(
      validateAction(actionYaml.replace('using: node24', 'using: node20').replace('main:', 'mian:')).errors,
    ).not.toEqual([]);
  });

  it('declares the inputs and outputs the action reads and writes', () => {
    const action = parse(actionYaml) as {
      inputs: Record<string, { default?: string }>;
      outputs: Record<string, unknown>;
    };
    expect(Object.keys(action.inputs)).toEqual([
      'config',
      'github-token',
      'comment',
      'comment-when',
      'comment-author',
      'fail-on-policy',
      'as-of',
      'mode',
      'report-file',
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a template literal.
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}');
    expect(action.inputs.config?.default).toBe('llm-usage.yml');
    expect(Object.keys(action.outputs)).toEqual([
      'recommendation',
      'monthly-cost',
      'monthly-cost-delta',
      'recommended-monthly-cost',
      'report',
    ]);
  });
});

describe('workflows', () => {
  const directory = new URL('.github/workflows/', repositoryRoot);
  const files = readdirSync(directory).filter((file) => file.endsWith('.yml') || file.endsWith('.yaml'));

  it.each(files)('.github/workflows/%s is valid', (file) => {
    expect(validateWorkflow(readFileSync(new URL(file, directory), 'utf8')).errors).toEqual([]);
  });

  it('runs the repository’s own action on the example usage file with least privilege', () => {
    const workflow = parse(readFileSync(new URL('tunewise.yml', directory), 'utf8')) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }>;
    };
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    expect(steps.find((step) => step.uses === './packages/action')?.with).toEqual({ config: 'examples/llm-usage.yml' });
  });

  it('the README’s workflows are valid, and its fork pair uses the inputs the action has', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(blocks.length).toBe(3);
    for (const block of blocks) expect(validateWorkflow(block).errors).toEqual([]);
    const inputs = Object.keys((parse(actionYaml) as { inputs: Record<string, unknown> }).inputs);
    for (const block of blocks) {
      const workflow = parse(block) as {
        jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }>;
      };
      for (const step of Object.values(workflow.jobs).flatMap((job) => job.steps)) {
        if (!isTunewiseAction(step.uses)) continue;
        for (const name of Object.keys(step.with ?? {})) expect(inputs).toContain(name);
      }
    }
    expect(blocks[2]).toContain('mode: comment');
    expect(blocks[2]).toContain('workflow_run');
  });

  it('the README’s comment workflow reads contents, is serialised, and ends quietly without a report', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1]!));
    const [, compute, comment] = blocks as Array<{
      permissions: Record<string, string>;
      concurrency?: { group: string };
      jobs: Record<
        string,
        { steps: Array<{ id?: string; uses?: string; if?: string; 'continue-on-error'?: boolean }> }
      >;
    }>;
    expect(compute!.concurrency?.group).toContain('github.event.pull_request.number');
    expect(comment!.permissions).toEqual({ actions: 'read', contents: 'read', 'pull-requests': 'write' });
    expect(comment!.concurrency?.group).toContain('github.event.workflow_run.head_branch');
    const steps = Object.values(comment!.jobs).flatMap((job) => job.steps);
    const download = steps.find((step) => step.uses?.startsWith('actions/download-artifact'));
    expect(download).toMatchObject({ id: 'download', 'continue-on-error': true });
    const action = steps.find((step) => isTunewiseAction(step.uses));
    expect(action?.if).toContain("steps.download.outcome == 'success'");
  });

  it('the README’s Example shows the comment the end-to-end test posted', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const copy = /<!-- example-comment:start -->\n([\s\S]*?)<!-- example-comment:end -->/.exec(readme)?.[1];
    const written = readFileSync(new URL('./__output__/example-comment.md', import.meta.url), 'utf8');
    // The formatter aligns markdown tables in the README and spaces out blocks; compare text, not padding.
    const normalize = (markdown: string) =>
      markdown
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) =>
          line.startsWith('|')
            ? line
                .split('|')
                .map((cell) => cell.trim().replace(/^(:?)-+(:?)$/, '$1-$2'))
                .join('|')
            : line,
        )
        .join('\n');
    expect(
      copy !== undefined && normalize(copy) === normalize(written),
      'README.md’s Example differs from test/__output__/example-comment.md (rewritten by action.e2e.test.ts): paste it in',
    ).toBe(true);
  });
});

describe('the action-validator CLI', () => {
  it('accepts the repository’s own workflow', async () => {
    const { execFileSync } = await import('node:child_process');
    const { createRequire } = await import('node:module');
    const cli = createRequire(import.meta.url).resolve('@action-validator/cli/cli.mjs');
    const output = execFileSync(
      process.execPath,
      [cli, new URL('tunewise.yml', new URL('.github/workflows/', repositoryRoot)).pathname],
      {
        encoding: 'utf8',
      },
    );
    expect(output).toBe('');
  });
});
