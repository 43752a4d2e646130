import { beforeEach, describe, expect, it } from 'vitest';
import { baseSha, headSha, number, runOnPullRequest, useFakeGitHub } from './support/pull-request-fixture.js';
import type { ActionRun } from './support/run-action.js';
import { usageFile } from './support/usage-files.js';

const configPath = 'llm-usage.yml';
const workload = (requestsPerMonth: number) => [{ id: 'support-triage', requestsPerMonth }];

const fake = useFakeGitHub();

beforeEach(() => {
  fake.github.setFile(baseSha, configPath, usageFile(workload(100000), { policyPercent: 20 }));
});

function run(headFile: string, eventName = 'pull_request'): Promise<ActionRun> {
  fake.github.setFile(headSha, configPath, headFile);
  return runOnPullRequest(fake.apiUrl, { eventName, workspace: { [configPath]: headFile } });
}

describe('a pull request cannot switch off its own gate', () => {
  it('deleting `policy:` and raising volume 5x still fails, by the base revision’s policy', async () => {
    const result = await run(usageFile(workload(500000)));
    expect(fake.github.violations).toEqual([]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::Policy violated: The monthly bill rises more than 20%/);
    const comment = fake.github.commentsOn(number)[0]!.body;
    expect(comment).toContain('Policy failed');
    expect(comment).toContain('applies after merge');
  });

  it('on pull_request_target too, where the head is read through the API', async () => {
    const result = await run(usageFile(workload(500000), { policyPercent: 10_000 }), 'pull_request_target');
    expect(fake.github.violations).toEqual([]);
    expect(result.exitCode).toBe(1);
    expect(fake.github.commentsOn(number)[0]!.body).toContain('applies after merge');
  });

  it('a tightened policy in the pull request does not fail the pull request that adds it', async () => {
    const result = await run(usageFile(workload(110000), { policyPercent: 0 }));
    expect(result.exitCode).toBe(0);
    expect(fake.github.commentsOn(number)[0]!.body).toContain('applies after merge');
  });
});
