import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { formatUsageFileIssue, type Report, UsageFileError, workspaceSource } from '@tunewise/sdk';
import { annotationsForIssues } from './annotations.js';
import { tunewiseEngine } from './engine/tunewise.js';
import type { Comparison, Engine, RepositoryFiles } from './engine/types.js';
import { createGitHubClient, type GitHubClient, retryBaseMsFromEnvironment } from './github-client.js';
import { type ActionInputs, readInputs } from './inputs.js';
import { type PullRequestTarget, parseRepository, readPullRequestTarget } from './pull-request.js';
import { type PullRequestReport, readPullRequestReport, writeReports } from './report-files.js';
import { readCommitTime, revisionFiles, statusOf } from './repository-files.js';
import { buildCommentBody, type CommentOutcome, maxCommentLength, upsertStickyComment } from './sticky-comment.js';

/** GitHub takes up to 1 MiB of job summary per step; UTF-8 can take 3 bytes a character. */
const summaryMaxLength = 300_000;

const twoWorkflowHelp = 'https://github.com/tunewise/tunewise/tree/main/packages/action#pull-requests-from-forks';

/** The whole action: reads inputs once, then computes, reports, comments and applies the policy. */
export async function run(engine: Engine = tunewiseEngine): Promise<void> {
  try {
    const inputs = readInputs();
    const client = createGitHubClient({
      token: inputs.token,
      baseUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
      retryBaseMs: retryBaseMsFromEnvironment(process.env.TUNEWISE_RETRY_BASE_MS),
    });
    if (inputs.mode === 'comment') {
      await postEarlierReport(client, inputs, engine);
    } else {
      await computeAndReport(client, inputs, engine);
    }
  } catch (error) {
    if (UsageFileError.isInstance(error)) {
      const { annotations, omitted } = annotationsForIssues(error.issues);
      for (const annotation of annotations) core.error(annotation.message, annotation.properties);
      const more = omitted > 0 ? ` (${omitted} more not annotated; see the log)` : '';
      if (omitted > 0) core.info(error.message);
      const headline = `The usage file has ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}`;
      await writeIssuesSummary(headline, error.issues.map(formatUsageFileIssue));
      core.setFailed(`${headline}${more}.`);
      return;
    }
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

async function computeAndReport(client: GitHubClient, inputs: ActionInputs, engine: Engine): Promise<void> {
  const repository = parseRepository(process.env.GITHUB_REPOSITORY);
  const eventName = process.env.GITHUB_EVENT_NAME ?? '';
  const target = readPullRequestTarget(eventName, readEventPayload(), repository);
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();

  // Both revisions are read from the base repository: GitHub serves a fork's pull-request commits from it too, and
  // the token can always read it.
  const headFiles =
    target?.headFromApi === true
      ? revisionFiles(client, { owner: target.owner, repo: target.repo, ref: target.head.sha })
      : workspaceSource(workspace);
  const head = await evaluateAt(engine, inputs, headFiles);
  if (head === null) {
    throw new UsageFileError([
      { file: inputs.config, line: 0, column: 0, path: '', message: `not found (input "config": ${inputs.config})` },
    ]);
  }
  const base =
    target === null
      ? null
      : await evaluateBase(
          engine,
          inputs,
          revisionFiles(client, { owner: target.owner, repo: target.repo, ref: target.base.sha }),
        );
  const comparison = engine.compare(base, head, {
    maxLength: maxCommentLength - 200,
    summaryMaxLength,
    policy: head.policy,
  });

  const pullRequestReport: PullRequestReport | undefined =
    target === null
      ? undefined
      : {
          schemaVersion: 1,
          configPath: inputs.config,
          pullRequest: { number: target.number, headSha: target.head.sha },
          base,
          head,
        };
  const written = await writeReports(process.env.RUNNER_TEMP || tmpdir(), head, pullRequestReport);
  setOutputs(comparison, written.reportPath);

  let outcome: CommentOutcome | undefined;
  let commentWarning: string | undefined;
  let commentError: unknown;
  if (target !== null && inputs.comment !== 'off') {
    try {
      outcome = await comment(client, inputs, target, comparison);
    } catch (error) {
      if (isReadOnlyTokenError(error)) {
        // A fork's GITHUB_TOKEN is read-only; that alone must not turn the check red.
        commentWarning = readOnlyTokenWarning(target.number, statusOf(error));
        core.warning(commentWarning);
      } else {
        commentError = error;
      }
    }
  }
  await writeSummary(comparison, outcome, commentWarning);
  // The summary carries the report even when GitHub failed us; then the step fails for that.
  if (commentError !== undefined) throw commentError;
  applyPolicy(comparison, inputs);
}

function readOnlyTokenWarning(pullRequestNumber: number, status: number | undefined): string {
  return (
    `Could not comment on pull request #${pullRequestNumber} (HTTP ${status}): the token is read-only, as it is for pull requests from forks. ` +
    'The report is in the job summary. To comment on pull requests from forks, run this action with "comment: off" on pull_request, ' +
    `upload $RUNNER_TEMP/tunewise as an artifact, and post it from a workflow_run workflow with "mode: comment" (${twoWorkflowHelp}).`
  );
}

/** 403 without a rate limit: the token may not write comments (a fork's GITHUB_TOKEN on pull_request). */
function isReadOnlyTokenError(error: unknown): boolean {
  return statusOf(error) === 403 && !/rate limit/i.test(error instanceof Error ? error.message : '');
}

/** `comment` mode: post the report of an earlier `compute` run, after checking it belongs to this pull request. */
async function postEarlierReport(client: GitHubClient, inputs: ActionInputs, engine: Engine): Promise<void> {
  const repository = parseRepository(process.env.GITHUB_REPOSITORY);
  const saved = await readPullRequestReport(inputs.reportFile!);
  const payload = readEventPayload() as { workflow_run?: { head_sha?: unknown } } | null;
  const runHeadSha = payload?.workflow_run?.head_sha;
  if (typeof runHeadSha === 'string' && runHeadSha !== saved.pullRequest.headSha) {
    throw new Error(`The report is for ${saved.pullRequest.headSha}, but the workflow run was for ${runHeadSha}.`);
  }
  const pull = await client.rest.pulls.get({ ...repository, pull_number: saved.pullRequest.number });
  if (pull.data.head.sha !== saved.pullRequest.headSha) {
    core.info(
      `Pull request #${saved.pullRequest.number} has moved on from ${saved.pullRequest.headSha}; a newer run will comment.`,
    );
    return;
  }
  const comparison = engine.compare(saved.base, saved.head, {
    maxLength: maxCommentLength - 200,
    summaryMaxLength,
    policy: saved.head.policy,
  });
  const written = await writeReports(process.env.RUNNER_TEMP || tmpdir(), saved.head, undefined);
  setOutputs(comparison, written.reportPath);
  const target: PullRequestTarget = {
    ...repository,
    number: saved.pullRequest.number,
    base: { ...repository, sha: pull.data.base.sha },
    head: { ...repository, sha: saved.pullRequest.headSha },
    fromFork: false,
    headFromApi: true,
  };
  const outcome = inputs.comment === 'off' ? undefined : await comment(client, inputs, target, comparison);
  await writeSummary(comparison, outcome, undefined);
}

async function evaluateAt(engine: Engine, inputs: ActionInputs, files: RepositoryFiles): Promise<Report | null> {
  const text = await files.readText(inputs.config);
  if (text === undefined) return null;
  return engine.evaluate({ path: inputs.config, text, files }, { asOf: inputs.asOf });
}

/** A base that is missing is a first report; a base that is broken is not this pull request's fault. */
async function evaluateBase(engine: Engine, inputs: ActionInputs, files: RepositoryFiles): Promise<Report | null> {
  try {
    return await evaluateAt(engine, inputs, files);
  } catch (error) {
    if (!UsageFileError.isInstance(error)) throw error;
    core.warning(
      `The base revision's ${inputs.config} is invalid, so the report has nothing to compare with:\n${error.message}`,
    );
    return null;
  }
}

async function comment(
  client: GitHubClient,
  inputs: ActionInputs,
  target: PullRequestTarget,
  comparison: Comparison,
): Promise<CommentOutcome> {
  const headTime = await readCommitTime(client, { owner: target.owner, repo: target.repo, ref: target.head.sha });
  const body = buildCommentBody({ configPath: inputs.config, headTime, markdown: comparison.markdown });
  const outcome = await upsertStickyComment(client, target, {
    configPath: inputs.config,
    body,
    headTime,
    mode: inputs.comment === 'new' ? 'new' : 'update',
    commentWhen: inputs.commentWhen,
    changed: comparison.changed,
  });
  const { plan } = outcome;
  if (plan.action === 'skip') core.info(`Comment not written: ${plan.reason}.`);
  else core.info(`Comment ${plan.action === 'create' ? 'created' : 'updated'}: ${outcome.url ?? ''}`);
  return outcome;
}

function setOutputs(comparison: Comparison, reportPath: string): void {
  core.setOutput('recommendation', comparison.recommendation);
  core.setOutput('monthly-cost', comparison.monthlyCost.toFixed(2));
  core.setOutput('monthly-cost-delta', comparison.monthlyCostDelta.toFixed(2));
  core.setOutput('report', reportPath);
}

async function writeSummary(comparison: Comparison, outcome: CommentOutcome | undefined, warning: string | undefined) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  core.summary.addRaw(comparison.summaryMarkdown, true);
  if (!comparison.policy.passed) {
    core.summary.addRaw('\n**Policy violated:**\n', true).addList(comparison.policy.violations);
  }
  if (outcome?.url !== undefined) core.summary.addRaw(`\n[Pull request comment](${outcome.url})\n`, true);
  if (warning !== undefined) core.summary.addRaw(`\n> [!WARNING]\n> ${warning}\n`, true);
  await core.summary.write();
}

async function writeIssuesSummary(headline: string, lines: string[]): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  // Messages quote the user's file; a fenced block keeps them from rendering as markdown.
  const longestBackticks = Math.max(0, ...lines.flatMap((line) => (line.match(/`+/g) ?? []).map((run) => run.length)));
  const fence = '`'.repeat(Math.max(3, longestBackticks + 1));
  core.summary.addRaw(`## tunewise\n\n${headline}:\n\n${fence}\n${lines.join('\n')}\n${fence}\n`, true);
  await core.summary.write();
}

/** After the comment, so reviewers see why the check is red. */
function applyPolicy(comparison: Comparison, inputs: ActionInputs): void {
  if (comparison.policy.passed) return;
  const message = `Policy violated: ${comparison.policy.violations.join(' ')}`;
  if (inputs.failOnPolicy) core.setFailed(message);
  else core.warning(message);
}

function readEventPayload(): unknown {
  const eventPath = process.env.GITHUB_EVENT_PATH;
  if (!eventPath) return null;
  try {
    return JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch (error) {
    throw new Error(`Could not read the event payload at ${eventPath}: ${(error as Error).message}`);
  }
}
