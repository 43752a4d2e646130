import { describe, expect, it } from 'vitest';
import { baseSha, headSha, number, runOnPullRequest, useFakeGitHub } from './support/pull-request-fixture.js';
import { usageFile } from './support/usage-files.js';

const configPath = 'llm-usage.yml';

const fake = useFakeGitHub();

/** A usage file whose workload's instructions are the files `entries` name, and a 3,000-file repository at `sha`. */
function repositoryAt(sha: string, entries: string[]): string {
  const text = usageFile([{ id: 'support-triage', requestsPerMonth: 100000 }]).replace(
    '      instructionTokens: 1200\n',
    `      instructionFiles: ${JSON.stringify(entries)}\n`,
  );
  fake.github.setFile(sha, configPath, text);
  for (let index = 0; index < 3000; index += 1) {
    fake.github.setFile(sha, `src/module-${index % 30}/file-${index}.ts`, `export const value${index} = ${index};\n`);
  }
  for (let index = 0; index < 12; index += 1)
    fake.github.setFile(sha, `prompts/part-${index}.md`, `Rule ${index} (${sha.slice(0, 1)}).\n`);
  return text;
}

describe('on pull_request_target, prompt files cost one tree listing and one blob each', () => {
  it('refuses `instructionFiles: ["**/*"]` over 3,000 files at its line, after one tree listing and no file reads', async () => {
    const text = repositoryAt(headSha, ['**/*']);
    repositoryAt(baseSha, ['prompts/*.md']);
    const run = await runOnPullRequest(fake.apiUrl, { eventName: 'pull_request_target', workspace: {} });
    expect(fake.github.violations).toEqual([]);
    expect(run.exitCode).toBe(2); // bad input, as the CLI exits
    const line = text.split('\n').findIndex((candidate) => candidate.includes('instructionFiles')) + 1;
    expect(run.stdout).toContain(`::error title=tunewise%3A invalid usage file,file=${configPath},line=${line},col=`);
    expect(run.stdout).toContain('matches 3013 files');
    expect(fake.github.requestsTo('git/get-tree')).toHaveLength(1);
    expect(fake.github.requestsTo('git/get-blob')).toHaveLength(0);
    expect(fake.github.requestsTo('repos/get-content')).toHaveLength(1);
    // With the replacing of an earlier comment: the pull request and its comments; 5 requests in all.
    expect(fake.github.requests.length).toBeLessThanOrEqual(5);
  });

  it('a glob over 12 prompt files of 3,012: per revision one tree, one blob per prompt file, one contents request', async () => {
    repositoryAt(headSha, ['prompts/*.md']);
    repositoryAt(baseSha, ['prompts/*.md']);
    const run = await runOnPullRequest(fake.apiUrl, { eventName: 'pull_request_target', workspace: {} });
    expect(fake.github.violations).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(fake.github.requestsTo('git/get-tree').map((call) => call.path)).toEqual([
      `/repos/octo-org/llm-app/git/trees/${headSha}?recursive=true`,
      `/repos/octo-org/llm-app/git/trees/${baseSha}?recursive=true`,
    ]);
    expect(fake.github.requestsTo('git/get-blob')).toHaveLength(24);
    expect(fake.github.requestsTo('repos/get-content')).toHaveLength(2);
    expect(fake.github.commentsOn(number)).toHaveLength(1);
  });
});
