import { mkdir, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionsBot, FakeGitHub } from './support/fake-github.js';
import { baseSha, headSha, number, owner, repo, runOnPullRequest, token } from './support/pull-request-fixture.js';
import { type ActionRun, pullRequestPayload, runAction } from './support/run-action.js';
import { requestsLine, type TestWorkload, usageFile } from './support/usage-files.js';

const olderHeadSha = 'a'.repeat(40);
const configPath = 'llm-usage.yml';
const marker = `<!-- tunewise:${configPath} -->`;
/** Every output action.yml declares: a pull request run sets each of them. */
const OUTPUT_NAMES = Object.keys(
  (parse(await readFile(new URL('../action.yml', import.meta.url), 'utf8')) as { outputs: Record<string, unknown> })
    .outputs,
).sort();

// Measured quality on both sides: 474/500 against 470/500 cannot be told apart, so failures are priced at the
// prompt's rate for both and the answer stays on cost (the comment says how many more cases to label).
const quality = { prompt: [470, 500], fineTune: [474, 500], failureCostUsd: 0.05 } satisfies TestWorkload['quality'];
const baseFile = usageFile([
  { id: 'support-triage', name: 'Support ticket triage', requestsPerMonth: 250000, quality },
]);
const headFile = usageFile([
  { id: 'support-triage', name: 'Support ticket triage', requestsPerMonth: 400000, quality },
]);
// The base revision's policy is the one that gates a pull request.
const baseWithPolicy = usageFile(
  [{ id: 'support-triage', name: 'Support ticket triage', requestsPerMonth: 250000, quality }],
  { policyPercent: 20 },
);

let github: FakeGitHub;
let apiUrl: string;

beforeEach(async () => {
  github = new FakeGitHub({ owner, repo, token });
  apiUrl = await github.start();
  github.setFile(baseSha, configPath, baseFile);
  github.setCommit(headSha, '2026-11-28T10:00:00Z');
  github.setCommit(olderHeadSha, '2026-11-27T10:00:00Z');
  github.setPull(number, { headSha, baseSha });
});

afterEach(async () => {
  await github.close();
});

function pullRequestRun(
  options: {
    workspace?: Record<string, string>;
    sha?: string;
    inputs?: Record<string, string>;
    headOwner?: string;
    eventName?: string;
    environment?: Record<string, string>;
  } = {},
): Promise<ActionRun> {
  const { sha, workspace, ...rest } = options;
  return runOnPullRequest(apiUrl, {
    ...rest,
    workspace: workspace ?? { [configPath]: headFile },
    ...(sha === undefined ? {} : { headSha: sha }),
  });
}

function expectCleanRun(run: ActionRun): void {
  expect(github.violations).toEqual([]);
  // `::add-mask::` is the command that tells the runner to mask the token; the runner never prints it.
  const printed = `${run.stdout}${run.stderr}`.replace(`::add-mask::${token}\n`, '');
  expect(printed).not.toContain(token);
  expect(run.stdout).toContain(`::add-mask::${token}`);
}

describe('on a pull request', () => {
  it('creates one sticky comment with the head time, writes the summary, the outputs and the JSON report', async () => {
    const run = await pullRequestRun();
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    const comments = github.commentsOn(number);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.startsWith(`${marker}\n<!-- tunewise:head-time=2026-11-28T10:00:00.000Z -->\n`)).toBe(true);
    expect(body).toContain('Support ticket triage');
    // Only the volume moved (250,000 → 400,000 requests a month): it moved the bill of what runs (prompt) and the
    // answer from prompt to fine-tune, which the comment offers as a saving.
    expect(body).toContain('### Why the bill moved');
    expect(body).toMatch(/- \*\*Support ticket triage\*\*: volume \+\$[\d,.]+\n/);
    expect(body).toMatch(/Switching support-triage to fine-tune would save \*\*\$[\d,.]+ a month\*\*/);
    // The measured quality, with intervals and n, and how many more cases would tell the two apart.
    expect(body).toContain('| fine-tune | 94.8% | 92.9%–96.2% | 500 |');
    expect(body).toContain('fine-tune against prompt: not yet distinguishable');
    expect(body).toContain('label about 9,713 more cases per strategy');
    expect(run.summary).toContain('Support ticket triage');
    expect(Object.keys(run.outputs).sort()).toEqual(OUTPUT_NAMES);
    expect(Number(run.outputs['monthly-cost-delta'])).toBeGreaterThan(0);
    expect(run.outputs.report).toBe(path.join(run.runnerTemp, 'tunewise', 'report.json'));
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as {
      schemaVersion: number;
      asOf: string;
      totals: { bill: { averageMonthly: number }; recommended: { averageMonthly: number } };
    };
    expect(report).toMatchObject({ schemaVersion: 1, asOf: '2026-11-28' });
    // The outputs are the headline's figures: the bill of what runs (prompt here), not the recommended strategies'.
    expect(run.outputs['monthly-cost']).toBe(report.totals.bill.averageMonthly.toFixed(2));
    expect(run.outputs['recommended-monthly-cost']).toBe(report.totals.recommended.averageMonthly.toFixed(2));
    expect(report.totals.recommended.averageMonthly).toBeLessThan(report.totals.bill.averageMonthly);
    expect(github.requestsTo('repos/get-content')[0]!.path).toBe(
      `/repos/${owner}/${repo}/contents/${configPath}?ref=${baseSha}`,
    );

    const outputFolder = new URL('./__output__/', import.meta.url);
    await mkdir(outputFolder, { recursive: true });
    // Written aside and renamed, so the README test (another file, run in parallel) never reads half a file.
    await writeFile(new URL('example-comment.md.partial', outputFolder), body);
    await rename(new URL('example-comment.md.partial', outputFolder), new URL('example-comment.md', outputFolder));
  });

  it('updates the same comment on the next push', async () => {
    github.setPull(number, { headSha: olderHeadSha, baseSha });
    await pullRequestRun({ sha: olderHeadSha });
    github.setPull(number, { headSha, baseSha });
    const run = await pullRequestRun({
      workspace: { [configPath]: usageFile([{ id: 'support-triage', requestsPerMonth: 500000 }]) },
    });
    expectCleanRun(run);
    expect(github.commentsOn(number)).toHaveLength(1);
    expect(github.requestsTo('issues/update-comment')).toHaveLength(1);
    expect(github.commentsOn(number)[0]!.body).toContain('head-time=2026-11-28T10:00:00.000Z');
  });

  it('finds its comment among 150 others across pages and never edits a person quoting the marker', async () => {
    for (let index = 0; index < 150; index += 1) {
      github.addComment(number, index === 3 ? `quoting ${marker}` : `comment ${index}`, {
        login: 'octocat',
        type: 'User',
      });
    }
    const ownId = github.addComment(number, `${marker}\nold report`);
    const run = await pullRequestRun();
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    const listCalls = github.requestsTo('issues/list-comments');
    expect(listCalls.map((call) => call.path)).toEqual([
      `/repos/${owner}/${repo}/issues/${number}/comments?per_page=100`,
      `/repos/${owner}/${repo}/issues/${number}/comments?per_page=100&page=2`,
    ]);
    expect(github.requestsTo('issues/create-comment')).toHaveLength(0);
    expect(github.requestsTo('issues/update-comment').map((call) => call.path)).toEqual([
      `/repos/${owner}/${repo}/issues/comments/${ownId}`,
    ]);
    expect(github.commentsOn(number)[3]!.body).toBe(`quoting ${marker}`);
  });

  it('does not re-send an identical body', async () => {
    await pullRequestRun();
    const run = await pullRequestRun();
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requestsTo('issues/create-comment')).toHaveLength(1);
    expect(github.requestsTo('issues/update-comment')).toHaveLength(0);
    expect(run.stdout).toContain('Comment not written: unchanged.');
  });

  it('skips, with a notice, a run whose commit is no longer the pull request’s head', async () => {
    await pullRequestRun();
    const before = github.commentsOn(number)[0]!.body;
    // A run for an earlier push that finishes late: the pull request's head is already headSha.
    const run = await pullRequestRun({ sha: olderHeadSha, workspace: { [configPath]: baseFile } });
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requestsTo('issues/update-comment')).toHaveLength(0);
    expect(github.commentsOn(number)[0]!.body).toBe(before);
    expect(run.stdout).toContain(
      `::notice::Comment not written: pull request #${number}'s head is now ${headSha}, and this run is for ${olderHeadSha}`,
    );
  });

  it('after a force-push to an older commit, the run for the current head still updates the comment', async () => {
    await pullRequestRun();
    // The branch is reset to a commit whose committer date is earlier than the one the comment records.
    github.setPull(number, { headSha: olderHeadSha, baseSha });
    const run = await pullRequestRun({ sha: olderHeadSha, workspace: { [configPath]: baseFile } });
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requestsTo('issues/update-comment')).toHaveLength(1);
    const body = github.commentsOn(number)[0]!.body;
    expect(body).toContain('<!-- tunewise:head-time=2026-11-27T10:00:00.000Z -->');
    expect(body).toContain(`<!-- tunewise:head-sha=${olderHeadSha} -->`);
  });

  it('treats a read-only token (a fork) as summary-only with a warning, not a failure', async () => {
    github.commentsWritable = false;
    const run = await pullRequestRun({ headOwner: 'a-contributor' });
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.commentsOn(number)).toHaveLength(0);
    expect(run.stdout).toMatch(/::warning::Could not comment on pull request #42 \(HTTP 403\)/);
    expect(run.summary).toContain('Support ticket triage');
    expect(run.summary).toContain('workflow_run');
  });

  it('retries a 500 and succeeds', async () => {
    github.fail({ operationId: 'issues/create-comment', status: 500, message: 'Server Error' });
    const run = await pullRequestRun();
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requestsTo('issues/create-comment').map((call) => call.status)).toEqual([500, 201]);
    expect(github.commentsOn(number)).toHaveLength(1);
  });

  it('waits out a secondary rate limit (429 with retry-after)', async () => {
    github.fail({
      operationId: 'issues/list-comments',
      status: 429,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '1' },
    });
    const run = await pullRequestRun();
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requestsTo('issues/list-comments').map((call) => call.status)).toEqual([429, 200]);
    expect(github.commentsOn(number)).toHaveLength(1);
  });

  it('does not wait an hour for a primary rate limit, and does not mistake it for a fork', async () => {
    const resetSeconds = Math.floor(Date.now() / 1000) + 3600;
    github.fail({
      operationId: 'issues/create-comment',
      status: 403,
      message: 'API rate limit exceeded for installation ID 1.',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetSeconds) },
    });
    const run = await pullRequestRun();
    expectCleanRun(run);
    expect(run.exitCode).toBe(1);
    expect(github.requestsTo('issues/create-comment').map((call) => call.status)).toEqual([403]);
    expect(run.stdout).toContain('giving up');
    expect(run.stdout).not.toContain('read-only');
    expect(run.summary).toContain('Support ticket triage');
  });

  it('annotates a config error at its file and line, fails, and does not comment', async () => {
    const broken = usageFile([
      { id: 'support-triage', requestsPerMonth: 1000 },
      { id: 'summaries', requestsPerMonth: '"lots"' },
    ]);
    const run = await pullRequestRun({ workspace: { [configPath]: broken } });
    expectCleanRun(run);
    expect(run.exitCode).toBe(2); // bad input, as the CLI exits
    expect(run.stdout).toMatch(
      new RegExp(`::error title=[^,]*,file=${configPath},line=${requestsLine(broken, 1)},col=\\d+::`),
    );
    expect(github.commentsOn(number)).toHaveLength(0);
    expect(run.summary).toContain(`${configPath}:${requestsLine(broken, 1)}:`);
  });

  it('posts the comment and then fails the step on a policy violation', async () => {
    github.setFile(baseSha, configPath, baseWithPolicy);
    const run = await pullRequestRun({
      workspace: {
        [configPath]: usageFile(
          [{ id: 'support-triage', name: 'Support ticket triage', requestsPerMonth: 400000, quality }],
          {
            policyPercent: 20,
          },
        ),
      },
    });
    expectCleanRun(run);
    expect(run.exitCode).toBe(1);
    expect(github.commentsOn(number)).toHaveLength(1);
    expect(run.stdout).toMatch(/::error::Policy violated: /);
    const commentIndex = run.stdout.indexOf('Comment created');
    expect(commentIndex).toBeGreaterThan(-1);
    expect(commentIndex).toBeLessThan(run.stdout.indexOf('::error::Policy violated'));
  });

  it('passes a policy violation as a warning with fail-on-policy false', async () => {
    github.setFile(baseSha, configPath, baseWithPolicy);
    const run = await pullRequestRun({
      workspace: {
        [configPath]: usageFile([{ id: 'support-triage', requestsPerMonth: 400000, quality }], { policyPercent: 20 }),
      },
      inputs: { 'fail-on-policy': 'false' },
    });
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/::warning::Policy violated: /);
  });

  it('reports a config that is new in the pull request (404 at base) as a first report', async () => {
    const run = await pullRequestRun({
      workspace: { 'ops/llm-usage.yml': headFile },
      inputs: { config: './ops/llm-usage.yml' },
    });
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requestsTo('repos/get-content').map((call) => call.status)).toEqual([404]);
    expect(run.outputs['monthly-cost-delta']).toBe(run.outputs['monthly-cost']);
    expect(github.commentsOn(number)[0]!.body.startsWith('<!-- tunewise:ops/llm-usage.yml -->')).toBe(true);
  });

  it('keeps a 400-workload comment under GitHub’s 65,536-character limit', async () => {
    const workloads = Array.from({ length: 400 }, (_, index) => ({
      id: `workload-${index}`,
      name: `Workload number ${index} with a long descriptive name`,
      requestsPerMonth: 1000 * (index + 1),
    }));
    const run = await pullRequestRun({ workspace: { [configPath]: usageFile(workloads) } });
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    const body = github.commentsOn(number)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_000);
    expect(body.startsWith(marker)).toBe(true);
    // The comment drops details of the last workloads; the job summary has room for many more.
    const detailsBlocks = (markdown: string) => markdown.split('<details>').length - 1;
    expect(detailsBlocks(run.summary)).toBeGreaterThan(2 * detailsBlocks(body));
    expect(run.summary.length).toBeLessThanOrEqual(300_000 + 1_000);
    expect(run.summary.length).toBeGreaterThan(body.length);
  });

  it('escapes markdown, HTML and @-mentions in workload names', async () => {
    const name = '<img src=x onerror=alert(1)> **Triage** @octocat [click](https://evil.example) | pipe';
    const run = await pullRequestRun({
      workspace: { [configPath]: usageFile([{ id: 'triage', name, requestsPerMonth: 1000 }]) },
    });
    expectCleanRun(run);
    const body = github.commentsOn(number)[0]!.body;
    expect(body).not.toContain('<img');
    expect(body).not.toMatch(/(^|[^\w`&#;])@octocat/);
    expect(body).not.toContain('[click](');
    expect(body).not.toContain('**Triage**');
  });

  it('on pull_request_target reads the head config through the API and ignores the checked-out base', async () => {
    github.setFile(headSha, configPath, headFile);
    const run = await pullRequestRun({
      eventName: 'pull_request_target',
      workspace: { [configPath]: 'not: [the head' },
    });
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requestsTo('repos/get-content').map((call) => call.path)).toEqual([
      `/repos/${owner}/${repo}/contents/${configPath}?ref=${headSha}`,
      `/repos/${owner}/${repo}/contents/${configPath}?ref=${baseSha}`,
    ]);
    expect(github.commentsOn(number)).toHaveLength(1);
  });
});

describe('untrusted text in the log and the summary', () => {
  it('never lets a usage-file key become a workflow command, even past the 9 annotated problems', async () => {
    const key = 'k x\n::error file=src/app.ts,line=1::Injected annotation\n';
    const workloads = Array.from({ length: 11 }, (_, index) => ({ id: `w-${index}`, requestsPerMonth: 1000 }));
    const broken = usageFile(workloads).replace(/^( {2}- id: w-\d+)$/gm, `$1\n    ${JSON.stringify(key)}: 1`);
    const run = await pullRequestRun({ workspace: { [configPath]: broken } });
    expectCleanRun(run);
    expect(run.exitCode).toBe(2);
    for (const line of run.stdout.split(/\r?\n|\r/)) {
      expect(line.trimStart().startsWith('::error file=src/app.ts')).toBe(false);
      expect(line.trimStart().startsWith('::add-mask::k x')).toBe(false);
    }
    // 9 annotations, then every problem in the log, one escaped line each.
    expect(run.stdout.match(/^::error title=/gm)).toHaveLength(9);
    expect(run.stdout).toContain('::error::The usage file has 11 problems (2 more not annotated; see the log).');
    expect(run.stdout).toContain('::group::11 problems in the usage file');
    expect(
      // core's formatUsageFileIssue shows the key's line breaks as \u{a}: one line, never a command.
      run.stdout.match(/found k x\\u\{a\}::error file=src\/app\.ts,line=1::Injected annotation\\u\{a\}\)\.$/gm),
    ).toHaveLength(11);
  });

  it('keeps policy violations out of the summary as raw HTML: the report’s Policy section lists them', async () => {
    github.setFile(baseSha, configPath, baseWithPolicy);
    const run = await pullRequestRun({
      workspace: {
        [configPath]: usageFile([{ id: 'support-triage', requestsPerMonth: 400000, quality }], { policyPercent: 20 }),
      },
    });
    expectCleanRun(run);
    expect(run.exitCode).toBe(1);
    expect(run.summary).toContain('Policy failed');
    expect(run.summary).not.toContain('<li>');
  });
});

describe('whose comment, and what GitHub answered', () => {
  it('leaves another bot’s comment carrying the marker alone, and follows comment-author', async () => {
    const otherBot = { login: 'other-app[bot]', type: 'Bot' as const };
    const otherId = github.addComment(number, `${marker}\nanother bot's report`, otherBot);
    const run = await pullRequestRun();
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requestsTo('issues/update-comment')).toHaveLength(0);
    expect(github.commentsOn(number).find((comment) => comment.id === otherId)!.body).toBe(
      `${marker}\nanother bot's report`,
    );
    expect(github.commentsOn(number)).toHaveLength(2);

    const asApp = await pullRequestRun({ inputs: { 'comment-author': 'other-app[bot]' } });
    expectCleanRun(asApp);
    expect(github.requestsTo('issues/update-comment').map((call) => call.path)).toEqual([
      `/repos/${owner}/${repo}/issues/comments/${otherId}`,
    ]);
  });

  it('fails, naming the permission, when a same-repository pull request’s token may not comment', async () => {
    github.commentsWritable = false;
    const run = await pullRequestRun();
    expectCleanRun(run);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      '::error::Could not comment on pull request #42 (HTTP 403): the token lacks the "pull-requests: write" permission.',
    );
    expect(run.summary).toContain('Support ticket triage');
  });

  it('treats Dependabot’s read-only token like a fork’s: a warning, not a failure', async () => {
    github.commentsWritable = false;
    const run = await pullRequestRun({ environment: { GITHUB_ACTOR: 'dependabot[bot]' } });
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/::warning::Could not comment on pull request #42 \(HTTP 403\)/);
  });

  it('posts exactly one comment when GitHub stores it but answers 502', async () => {
    github.fail({ operationId: 'issues/create-comment', status: 502, message: 'Bad Gateway', afterEffect: true });
    const run = await pullRequestRun();
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requestsTo('issues/create-comment').map((call) => call.status)).toEqual([502]);
    expect(github.requestsTo('issues/list-comments')).toHaveLength(2);
    expect(github.commentsOn(number)).toHaveLength(1);
  });

  it('waits out a secondary rate limit sent as 403 with retry-after', async () => {
    github.fail({
      operationId: 'issues/create-comment',
      status: 403,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '1' },
    });
    const run = await pullRequestRun();
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requestsTo('issues/create-comment').map((call) => call.status)).toEqual([403, 201]);
    expect(run.stdout).toContain('GitHub secondary rate limit on POST');
    expect(github.commentsOn(number)).toHaveLength(1);
  });

  it('still writes the outputs, summary and comment when the base cannot be read, and says so', async () => {
    github.fail({
      operationId: 'repos/get-content',
      status: 500,
      message: 'Server Error',
      times: Number.POSITIVE_INFINITY,
    });
    const run = await pullRequestRun();
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requestsTo('repos/get-content').length).toBeGreaterThan(1);
    expect(Object.keys(run.outputs).sort()).toEqual(OUTPUT_NAMES);
    expect(run.stdout).toMatch(/::warning::Could not read the base revision .* \(HTTP 500\)/);
    expect(run.summary).toContain('Support ticket triage');
    expect(run.summary).toContain('could not be read');
    expect(github.commentsOn(number)[0]!.body).toContain(
      `The base revision (${owner}/${repo} at ${baseSha.slice(0, 7)}) could not be read (GitHub answered HTTP 500)`,
    );
  });

  it('replaces the sticky comment with a short notice when the usage file becomes invalid', async () => {
    await pullRequestRun();
    const broken = usageFile([
      { id: 'support-triage', requestsPerMonth: 1000 },
      { id: 'summaries', requestsPerMonth: '"lots"' },
    ]);
    const run = await pullRequestRun({ workspace: { [configPath]: broken } });
    expectCleanRun(run);
    expect(run.exitCode).toBe(2);
    const comments = github.commentsOn(number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(
      `The usage file at ${headSha.slice(0, 7)} is invalid: 1 problem, see the check's annotations.`,
    );
    expect(comments[0]!.body).not.toContain('Support ticket triage');
  });
});

describe('prompt files and comment-when', () => {
  it('reads the base revision’s prompt files through the API, so editing a prompt moves the cost', async () => {
    const withPromptFile = (text: string) =>
      text.replace('      instructionTokens: 1200\n', '      instructionFiles: [prompts/system.md]\n');
    github.setFile(baseSha, configPath, withPromptFile(baseFile));
    github.setFile(baseSha, 'prompts/system.md', 'You triage support tickets.\n');
    const run = await pullRequestRun({
      workspace: {
        [configPath]: withPromptFile(baseFile),
        'prompts/system.md': `You triage support tickets.\n${'Answer in the customer’s language and cite the policy. '.repeat(200)}`,
      },
    });
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requestsTo('git/get-tree').map((call) => call.path)).toEqual([
      `/repos/${owner}/${repo}/git/trees/${baseSha}?recursive=true`,
    ]);
    // The prompt file comes from the tree's blob, not one contents request per file.
    expect(github.requestsTo('repos/get-content').map((call) => call.path)).toEqual([
      `/repos/${owner}/${repo}/contents/${configPath}?ref=${baseSha}`,
    ]);
    expect(github.requestsTo('git/get-blob')).toHaveLength(1);
    expect(Number(run.outputs['monthly-cost-delta'])).toBeGreaterThan(0);
  });

  it('with comment-when changed, posts nothing when neither cost nor recommendation moved', async () => {
    const run = await pullRequestRun({ workspace: { [configPath]: baseFile }, inputs: { 'comment-when': 'changed' } });
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(run.outputs['monthly-cost-delta']).toBe('0.00');
    expect(github.requestsTo('issues/create-comment')).toHaveLength(0);
    expect(run.stdout).toContain('Comment not written: no-change-to-report.');
  });
});

describe('outside pull requests', () => {
  it('on push computes the report, summary and outputs and calls no API', async () => {
    const run = await runAction({
      apiUrl,
      token,
      repository: `${owner}/${repo}`,
      eventName: 'push',
      payload: { ref: 'refs/heads/main', after: headSha },
      workspace: { [configPath]: headFile },
    });
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(github.requests).toEqual([]);
    expect(run.summary).toContain('Support ticket triage');
    expect(run.outputs['monthly-cost']).toBe(run.outputs['monthly-cost-delta']);
  });
});

describe('the two-workflow pattern for forks', () => {
  const forkRepository = `a-contributor/${repo}`;
  const forkBranch = 'fix-typo';

  function workflowRunPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      action: 'completed',
      workflow_run: {
        head_sha: headSha,
        head_branch: forkBranch,
        head_repository: { full_name: forkRepository },
        event: 'pull_request',
        conclusion: 'success',
        ...overrides,
      },
    };
  }

  function commentRun(reportFile: string, options: { payload?: unknown; eventName?: string } = {}) {
    return runAction({
      apiUrl,
      token,
      repository: `${owner}/${repo}`,
      eventName: options.eventName ?? 'workflow_run',
      payload: options.payload ?? workflowRunPayload(),
      workspace: {},
      inputs: { mode: 'comment', 'report-file': reportFile },
    });
  }

  async function artifact(contents: unknown): Promise<string> {
    const directory = await mkdtemp(path.join(tmpdir(), 'tunewise-artifact-'));
    const file = path.join(directory, 'pr-report.json');
    await writeFile(file, JSON.stringify(contents));
    return file;
  }

  beforeEach(() => {
    // The fork's head commit, as GitHub serves it from the base repository.
    github.setFile(headSha, configPath, headFile);
    github.setPull(number, { headSha, baseSha, headRepository: forkRepository, headRef: forkBranch });
  });

  it('comments from workflow_run on the pull request a pull_request run left, recomputing the report', async () => {
    github.commentsWritable = false;
    const computed = await pullRequestRun({ headOwner: 'a-contributor', inputs: { comment: 'off' } });
    expect(computed.exitCode).toBe(0);
    expect(github.requestsTo('issues/list-comments')).toHaveLength(0);
    const reportFile = path.join(computed.runnerTemp, 'tunewise', 'pr-report.json');
    expect(JSON.parse(await readFile(reportFile, 'utf8'))).toEqual({
      schemaVersion: 1,
      configPath,
      pullRequest: { number, headSha },
    });

    github.commentsWritable = true;
    const contentReadsBefore = github.requestsTo('repos/get-content').length;
    const run = await commentRun(reportFile);
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    const comments = github.commentsOn(number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.user).toEqual(actionsBot);
    expect(comments[0]!.body).toContain('Support ticket triage');
    expect(
      github
        .requestsTo('repos/get-content')
        .slice(contentReadsBefore)
        .map((call) => call.path),
    ).toEqual([
      `/repos/${owner}/${repo}/contents/${configPath}?ref=${headSha}`,
      `/repos/${owner}/${repo}/contents/${configPath}?ref=${baseSha}`,
    ]);
    expect(run.outputs.report).toBe(path.join(run.runnerTemp, 'tunewise', 'report.json'));
    expect(run.outputs['monthly-cost']).toBe(computed.outputs['monthly-cost']);
    expect(run.outputs['monthly-cost-delta']).toBe(computed.outputs['monthly-cost-delta']);
    expect(run.summary).toContain('Support ticket triage');
  });

  it('renders nothing from a forged artifact: the figures, names and links come from the repository', async () => {
    const forgedReport = {
      schemaVersion: 1,
      asOf: '2026-11-28',
      workloads: [{ id: 'x', name: '<a href="https://evil.example">@octo-org/admins claim your refund</a>' }],
      totals: { monthlyCost: 0.01 },
    };
    const reportFile = await artifact({
      schemaVersion: 1,
      configPath,
      pullRequest: { number, headSha },
      base: forgedReport,
      head: forgedReport,
    });
    const run = await commentRun(reportFile);
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    const body = github.commentsOn(number)[0]!.body;
    expect(body).toContain('Support ticket triage');
    expect(body).not.toContain('evil.example');
    expect(body).not.toContain('refund');
    expect(Number(run.outputs['monthly-cost'])).toBeGreaterThan(1);
  });

  it('refuses an artifact that names another pull request, even one whose head has the same commit', async () => {
    // The attacker pushed the victim pull request's head commit to their fork and named its number.
    const victim = 43;
    github.setPull(victim, { headSha, baseSha, headRepository: `${owner}/${repo}`, headRef: 'release' });
    const reportFile = await artifact({ schemaVersion: 1, configPath, pullRequest: { number: victim, headSha } });
    const run = await commentRun(reportFile);
    expectCleanRun(run);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      `::error::Pull request #${victim} is from ${owner}/${repo}:release, but the workflow run was for ${forkRepository}:${forkBranch}; not commenting.`,
    );
    expect(github.commentsOn(victim)).toHaveLength(0);
    expect(github.requestsTo('repos/get-content')).toHaveLength(0);
  });

  it('refuses a report whose head SHA is not the workflow run’s', async () => {
    const reportFile = await artifact({ schemaVersion: 1, configPath, pullRequest: { number, headSha } });
    const run = await commentRun(reportFile, { payload: workflowRunPayload({ head_sha: olderHeadSha }) });
    expectCleanRun(run);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      `::error::The report is for ${headSha}, but the workflow run was for ${olderHeadSha}.`,
    );
    expect(github.commentsOn(number)).toHaveLength(0);
  });

  it('runs only on workflow_run, where the head can be checked', async () => {
    const reportFile = await artifact({ schemaVersion: 1, configPath, pullRequest: { number, headSha } });
    const run = await commentRun(reportFile, {
      eventName: 'pull_request',
      payload: pullRequestPayload({ owner, repo, number, baseSha, headSha }),
    });
    expectCleanRun(run);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::Mode "comment" runs only on the workflow_run event, not on pull_request.');
    expect(github.requests).toEqual([]);
  });

  it('leaves the comment to a newer run when the pull request has moved on', async () => {
    github.setPull(number, { headSha: olderHeadSha, baseSha, headRepository: forkRepository, headRef: forkBranch });
    const reportFile = await artifact({ schemaVersion: 1, configPath, pullRequest: { number, headSha } });
    const run = await commentRun(reportFile);
    expectCleanRun(run);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`::notice::Pull request #${number} has moved on from ${headSha}`);
    expect(github.commentsOn(number)).toHaveLength(0);
  });
});
