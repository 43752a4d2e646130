import { describe, expect, it } from 'vitest';
import { baseSha, runOnPullRequest, token, useFakeGitHub } from './support/pull-request-fixture.js';
import type { ActionRun } from './support/run-action.js';
import { usageFile } from './support/usage-files.js';
import { parseWorkflowCommand, type WorkflowCommand, workflowCommands } from './support/workflow-commands.js';

const configPath = 'llm-usage.yml';

/** Runner command syntax placed where a runner would read it, and where it would not. */
const hostileTexts = [
  '##[set-output name=recommendation;]$(id)',
  'text ##[set-output name=monthly-cost;]0 more',
  '::set-output name=recommendation::pwned',
  '  ::add-mask::k',
  'a::stop-commands::b ##[stop-commands]resume',
  '#\u200b#[error]hidden',
  '\u200b::warning::zero-width',
  'x\n::error file=src/app.ts,line=1::Injected',
  'y\r##[endgroup]',
  'z\u2028::notice::separated',
];

const fake = useFakeGitHub();

function pullRequestRun(workspace: Record<string, string>, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runOnPullRequest(fake.apiUrl, { workspace, inputs });
}

/**
 * Every line the runner would read as a command is one the action means: the token's mask, annotations with only
 * the properties the action sets, and group markers. User text may sit in an annotation's data, never elsewhere.
 */
function expectOnlyOwnCommands(run: ActionRun): WorkflowCommand[] {
  const commands = workflowCommands(`${run.stdout}\n${run.stderr}`);
  for (const command of commands) {
    expect(command.form, command.line).toBe('::');
    expect(['add-mask', 'error', 'warning', 'notice', 'group', 'endgroup'], command.line).toContain(command.name);
    if (command.name === 'add-mask') expect(command.data).toBe(token);
    if (command.name === 'error' || command.name === 'warning' || command.name === 'notice') {
      expect(command.properties, command.line).toMatch(
        new RegExp(`^(title=[^,]*(,file=${configPath}(,line=\\d+)?(,col=\\d+)?)?)?$`),
      );
    }
  }
  expect(run.stdout).not.toContain(`\n${token}`);
  expect(fake.github.violations).toEqual([]);
  return commands;
}

describe('runner command syntax in untrusted text never becomes a workflow command', () => {
  it('the reader used here finds both forms the runner reads', () => {
    expect(parseWorkflowCommand('x ##[set-output name=recommendation;]$(id)')?.name).toBe('set-output');
    expect(parseWorkflowCommand('  ::add-mask::k')?.name).toBe('add-mask');
    expect(parseWorkflowCommand('#\u200b#[error]hidden')?.name).toBe('error');
    expect(parseWorkflowCommand('x ::add-mask::k')).toBeUndefined();
    expect(parseWorkflowCommand('##\\[error]x')).toBeUndefined();
  });

  it('in annotations, the problems group, its title and the failure message of a usage file with 12 problems', async () => {
    const workloads = hostileTexts.map((_, index) => ({ id: `w-${index}`, requestsPerMonth: 1000 }));
    let index = 0;
    const broken = usageFile(workloads).replace(
      /^( {2}- id: w-\d+)$/gm,
      (line) => `${line}\n    ${JSON.stringify(hostileTexts[index++ % hostileTexts.length])}: 1`,
    );
    const withMore = broken.replace(
      'models:',
      `${JSON.stringify('##[set-output name=report;]/etc/passwd')}: 1\nmodels:`,
    );
    const run = await pullRequestRun({ [configPath]: `${withMore}${JSON.stringify('::group::##[error]x')}: 2\n` });
    expect(run.exitCode).toBe(2); // bad input, as the CLI exits
    const commands = expectOnlyOwnCommands(run);
    expect(commands.filter((command) => command.name === 'error' && command.properties !== '')).toHaveLength(9);
    expect(run.stdout).toContain('::group::12 problems in the usage file');
    // The key is quoted in the log, escaped.
    expect(run.stdout).toContain('##\\[set-output name=recommendation;]$(id)');
    expect(run.outputs).toEqual({});
  });

  it('in the warning that quotes an invalid base file', async () => {
    fake.github.setFile(baseSha, configPath, `${usageFile([{ id: 'a', requestsPerMonth: 1 }])}"##[add-mask]x": 1\n`);
    const run = await pullRequestRun({ [configPath]: usageFile([{ id: 'a', requestsPerMonth: 2 }]) });
    expect(run.exitCode).toBe(0);
    expectOnlyOwnCommands(run);
    expect(run.stdout).toContain('##\\[add-mask]x');
  });

  it('in the failure message quoting what GitHub answered', async () => {
    fake.github.setFile(baseSha, configPath, usageFile([{ id: 'a', requestsPerMonth: 1 }]));
    fake.github.fail({
      operationId: 'issues/create-comment',
      status: 422,
      message: 'Validation Failed\n::set-output name=recommendation::x ##[set-output name=recommendation;]y',
    });
    const run = await pullRequestRun({ [configPath]: usageFile([{ id: 'a', requestsPerMonth: 2 }]) });
    expect(run.exitCode).toBe(1);
    expectOnlyOwnCommands(run);
    expect(run.stdout).toContain('##\\[set-output name=recommendation;]y');
  });
});
