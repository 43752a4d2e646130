/**
 * The pull-request comment the action posts and `tunewise check --format markdown --base-ref` print the same text
 * for the same base, head and date: both render through core's `renderMarkdown`. The built CLI runs as a child
 * process in a git repository whose `main` is the base and whose working tree is the head; the built action runs
 * against the loopback fake GitHub serving the same base. The only lines the CLI cannot write are the two markers
 * naming the head commit (its time and SHA), which only GitHub knows; they are removed before comparing.
 *
 * Figures: the worked examples (packages/core/src/cost/__fixtures__, copies of shared/scenarios) and
 * examples/llm-usage.yml; nothing here asserts a number, only that the two outputs agree.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeGitRepo, removeTempDirectory, writeFiles } from '../../sdk/src/sources/__fixtures__/temp-git-repo.js';
import { baseSha, number, runOnPullRequest, useFakeGitHub } from './support/pull-request-fixture.js';
import { runNode } from './support/run-action.js';

const configPath = 'llm-usage.yml';
const asOf = '2026-11-28';
const cliPath = fileURLToPath(new URL('../../sdk/dist/cli.js', import.meta.url));

function read(relative: string): string {
  return readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');
}

const w1 = read('../../core/src/cost/__fixtures__/w1-support-bot.yml');
const w1Base = read('../../core/src/render/__fixtures__/scenarios/w1-support-bot.base.yml');
const w2 = read('../../core/src/cost/__fixtures__/w2-self-hosted.yml');
const w2Base = w2.replace('requestsPerMonth: 5000000', 'requestsPerMonth: 2500000');
const example = read('../../../examples/llm-usage.yml');

const cases: Array<{ name: string; base: string | undefined; head: string }> = [
  { name: 'w1: 100k flat, 40 examples → 250k growing, 2,000 examples', base: w1Base, head: w1 },
  { name: 'w2 (self-hosted): first report, no base', base: undefined, head: w2 },
  { name: 'w2 (self-hosted): volume halved at the base', base: w2Base, head: w2 },
  { name: 'examples/llm-usage.yml, unchanged', base: example, head: example },
];

const fake = useFakeGitHub();
let repositories: string[] = [];

afterEach(() => {
  for (const directory of repositories) removeTempDirectory(directory);
  repositories = [];
});

/** `tunewise check --base-ref main --format markdown` in a repository whose main holds `base` and whose tree holds `head`. */
async function cliMarkdown(base: string | undefined, head: string): Promise<string> {
  const root = makeGitRepo(base === undefined ? { 'README.md': 'base\n' } : { [configPath]: base });
  repositories.push(root);
  writeFiles(root, { [configPath]: head });
  const { exitCode, stdout, stderr } = await runNode(
    [cliPath, 'check', '--config', configPath, '--base-ref', 'main', '--format', 'markdown', '--as-of', asOf],
    { cwd: root, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } },
  );
  // 1 is a policy violation, reported after the markdown; anything else is a failure of the test's input.
  expect([0, 1], stderr).toContain(exitCode);
  return stdout;
}

/** The comment the action posts on a pull request from `base` to `head`. */
async function actionComment(base: string | undefined, head: string): Promise<string> {
  if (base !== undefined) fake.github.setFile(baseSha, configPath, base);
  const run = await runOnPullRequest(fake.apiUrl, { workspace: { [configPath]: head }, inputs: { 'as-of': asOf } });
  expect(fake.github.violations).toEqual([]);
  const comments = fake.github.commentsOn(number);
  expect(comments, run.stdout).toHaveLength(1);
  return comments[0]!.body;
}

/** The markers naming the head commit, which the CLI cannot know. */
function withoutHeadCommitMarkers(body: string): string {
  return body.replace(/^<!-- tunewise:head-(?:time|sha)=[^\n]* -->\n/gm, '');
}

describe('the action’s comment and `tunewise check --format markdown`', () => {
  it.each(cases)('are identical: $name', { timeout: 120_000 }, async ({ base, head }) => {
    const [cli, comment] = await Promise.all([cliMarkdown(base, head), actionComment(base, head)]);
    expect(comment).toMatch(/^<!-- tunewise:llm-usage.yml -->\n<!-- tunewise:head-time=2026-11-28T10:00:00/);
    expect(withoutHeadCommitMarkers(comment)).toBe(cli);
  });

  it('draw the self-hosted fine-tune and hybrid curves in both', { timeout: 120_000 }, async () => {
    const [cli, comment] = await Promise.all([cliMarkdown(undefined, w2), actionComment(undefined, w2)]);
    for (const body of [cli, comment]) {
      expect(body).toContain('prompt blue, fine-tune vermillion, hybrid green');
      expect(body).not.toContain('Not drawn');
    }
  });
});
