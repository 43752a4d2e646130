import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import {
  commentMarker,
  EXIT_CODES,
  formatUsageFileIssue,
  type Report,
  UsageFileError,
  workspaceSource,
} from '@tunewise/sdk';
import { annotationsForIssues } from './annotations.js';
import { tunewiseEngine } from './engine/tunewise.js';
import type { Comparison, Engine, RepositoryFiles } from './engine/types.js';
import { createGitHubClient, type GitHubClient, retryBaseMsFromEnvironment } from './github-client.js';
import { requestLimitsFromEnvironment } from './github-fetch.js';
import { type ActionInputs, readInputs } from './inputs.js';
import * as log from './log.js';
import { type PullRequestTarget, parseRepository, readPullRequestTarget } from './pull-request.js';
import { readPullRequestReport, writeReports } from './report-files.js';
import { messageOf, readCommitTime, revisionFiles, statusOf } from './repository-files.js';
import { type CommentOutcome, commentMarkers, findOwnComment, upsertStickyComment } from './sticky-comment.js';

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
      limits: requestLimitsFromEnvironment(process.env),
    });
    if (inputs.mode === 'comment') {
      await postEarlierReport(client, inputs, engine);
    } else {
      await computeAndReport(client, inputs, engine);
    }
  } catch (error) {
    if (UsageFileError.isInstance(error)) {
      const { annotations, omitted } = annotationsForIssues(error.issues);
      for (const annotation of annotations) log.error(annotation.message, annotation.properties);
      const more = omitted > 0 ? ` (${omitted} more not annotated; see the log)` : '';
      if (omitted > 0) {
        // The issues quote the usage file: one escaped line each, so none can become a workflow command.
        log.startGroup(`${error.issues.length} problems in the usage file`);
        for (const issue of error.issues) log.info(formatUsageFileIssue(issue));
        core.endGroup();
      }
      const headline = `The usage file has ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}`;
      await writeIssuesSummary(headline, error.issues.map(formatUsageFileIssue));
      log.setFailed(`${headline}${more}.`);
      // The CLI's code for bad input, so a workflow can tell a broken usage file from a violated policy.
      process.exitCode = EXIT_CODES.badInput;
      return;
    }
    log.setFailed(messageOf(error));
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
  await report(client, inputs, engine, target, headFiles);
}

/** Evaluates head and base, writes the report, outputs and summary, comments, and applies the policy. */
async function report(
  client: GitHubClient,
  inputs: ActionInputs,
  engine: Engine,
  target: PullRequestTarget | null,
  headFiles: RepositoryFiles,
): Promise<void> {
  let head: Report | null;
  try {
    head = await evaluateAt(engine, inputs, headFiles);
    if (head === null) {
      throw new UsageFileError([
        { file: inputs.config, line: 0, column: 0, path: '', message: `not found (input "config": ${inputs.config})` },
      ]);
    }
  } catch (error) {
    if (UsageFileError.isInstance(error) && target !== null && inputs.comment !== 'off') {
      await noticeInvalidConfig(client, inputs, target, error.issues.length);
    }
    throw error;
  }
  const base =
    target === null
      ? { report: null }
      : await evaluateBase(
          engine,
          inputs,
          revisionFiles(client, { owner: target.owner, repo: target.repo, ref: target.base.sha }),
        );
  const comparison = engine.compare(base.report, head, {
    summaryMaxLength,
    warning: base.unreadable,
  });

  const written = await writeReports(
    process.env.RUNNER_TEMP || tmpdir(),
    head,
    target === null || inputs.mode !== 'compute'
      ? undefined
      : {
          schemaVersion: 1,
          configPath: inputs.config,
          pullRequest: { number: target.number, headSha: target.head.sha },
        },
  );
  setOutputs(comparison, written.reportPath);

  let outcome: CommentOutcome | undefined;
  let commentWarning: string | undefined;
  let commentError: unknown;
  if (target !== null && inputs.comment !== 'off') {
    try {
      outcome = await comment(client, inputs, target, comparison);
    } catch (error) {
      if (isReadOnlyTokenError(error) && mayBeReadOnly(inputs, target)) {
        // A fork's (or Dependabot's) GITHUB_TOKEN is read-only on pull_request; that alone must not turn the check red.
        commentWarning = readOnlyTokenWarning(target.number, statusOf(error));
        log.warning(commentWarning);
      } else if (isReadOnlyTokenError(error)) {
        commentError = new Error(
          `Could not comment on pull request #${target.number} (HTTP ${statusOf(error)}): the token lacks the ` +
            '"pull-requests: write" permission. Add `permissions: { contents: read, pull-requests: write }` to the ' +
            'workflow or job, or set "comment: off".',
        );
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

/** Only a pull request from a fork, or Dependabot's, runs with a read-only token that no permission can fix. */
function mayBeReadOnly(inputs: ActionInputs, target: PullRequestTarget): boolean {
  return inputs.mode === 'compute' && (target.fromFork || process.env.GITHUB_ACTOR === 'dependabot[bot]');
}

function readOnlyTokenWarning(pullRequestNumber: number, status: number | undefined): string {
  return (
    `Could not comment on pull request #${pullRequestNumber} (HTTP ${status}): the token is read-only, as it is for pull requests from forks. ` +
    'The report is in the job summary. To comment on pull requests from forks, run this action with "comment: off" on pull_request, ' +
    `upload $RUNNER_TEMP/tunewise as an artifact, and post it from a workflow_run workflow with "mode: comment" (${twoWorkflowHelp}).`
  );
}

/** 403 without a rate limit: the token may not write comments. */
function isReadOnlyTokenError(error: unknown): boolean {
  return statusOf(error) === 403 && !/rate limit/i.test(error instanceof Error ? error.message : '');
}

interface WorkflowRunPayload {
  workflow_run?: {
    head_sha?: unknown;
    head_branch?: unknown;
    head_repository?: { full_name?: unknown } | null;
  };
}

/**
 * `comment` mode, on `workflow_run`: comments on the pull request an earlier `compute` run was for. The artifact
 * comes from the pull request's own workflow, so only its pull request number is used, and only once the pull
 * request's head is the workflow run's (commit, repository and branch); the report is then computed again from the
 * repository through the API, exactly as on `pull_request_target`, so nothing the fork wrote is rendered.
 */
async function postEarlierReport(client: GitHubClient, inputs: ActionInputs, engine: Engine): Promise<void> {
  const repository = parseRepository(process.env.GITHUB_REPOSITORY);
  const eventName = process.env.GITHUB_EVENT_NAME ?? '';
  if (eventName !== 'workflow_run') {
    throw new Error(`Mode "comment" runs only on the workflow_run event, not on ${eventName || 'an unknown event'}.`);
  }
  const workflowRun = (readEventPayload() as WorkflowRunPayload | null)?.workflow_run;
  const runHeadSha = workflowRun?.head_sha;
  const runHeadBranch = workflowRun?.head_branch;
  const runHeadRepository = workflowRun?.head_repository?.full_name;
  if (
    typeof runHeadSha !== 'string' ||
    !/^[0-9a-f]{40}$/.test(runHeadSha) ||
    typeof runHeadBranch !== 'string' ||
    typeof runHeadRepository !== 'string'
  ) {
    throw new Error('The workflow_run event payload has no head_sha, head_branch or head_repository.full_name.');
  }
  const saved = await readPullRequestReport(inputs.reportFile!);
  if (saved.headSha !== runHeadSha) {
    throw new Error(`The report is for ${saved.headSha}, but the workflow run was for ${runHeadSha}.`);
  }
  const pull = (
    await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repository, pull_number: saved.number })
  ).data;
  const pullHeadRepository = pull.head.repo?.full_name;
  if (pullHeadRepository !== runHeadRepository || pull.head.ref !== runHeadBranch) {
    throw new Error(
      `Pull request #${saved.number} is from ${pullHeadRepository ?? 'a deleted repository'}:${pull.head.ref}, but the ` +
        `workflow run was for ${runHeadRepository}:${runHeadBranch}; not commenting.`,
    );
  }
  if (pull.head.sha !== runHeadSha) {
    log.notice(`Pull request #${saved.number} has moved on from ${runHeadSha}; the run for its new head will comment.`);
    return;
  }
  const target: PullRequestTarget = {
    ...repository,
    number: saved.number,
    base: { ...repository, sha: pull.base.sha },
    head: { ...repository, sha: runHeadSha },
    fromFork: pullHeadRepository.toLowerCase() !== `${repository.owner}/${repository.repo}`.toLowerCase(),
    headFromApi: true,
  };
  await report(client, inputs, engine, target, revisionFiles(client, { ...repository, ref: runHeadSha }));
}

async function evaluateAt(engine: Engine, inputs: ActionInputs, files: RepositoryFiles): Promise<Report | null> {
  const text = await files.readText(inputs.config);
  if (text === undefined) return null;
  return engine.evaluate({ path: inputs.config, text, files }, { asOf: inputs.asOf });
}

/**
 * A base that is missing is a first report; a base that is broken, or that GitHub would not serve, is not this pull
 * request's fault: the head is still reported, with a note saying there was nothing to compare with.
 */
async function evaluateBase(
  engine: Engine,
  inputs: ActionInputs,
  files: RepositoryFiles,
): Promise<{ report: Report | null; unreadable?: string }> {
  try {
    return { report: await evaluateAt(engine, inputs, files) };
  } catch (error) {
    if (UsageFileError.isInstance(error)) {
      log.warning(
        `The base revision's ${inputs.config} is invalid, so the report has nothing to compare with:\n${error.message}`,
      );
      return { report: null };
    }
    const message = messageOf(error).replace(/\.$/, '');
    const status = statusOf(error);
    log.warning(
      `Could not read the base revision (${files.description})${status === undefined ? '' : ` (HTTP ${status})`}: ${message}. The report has nothing to compare with.`,
    );
    return {
      report: null,
      unreadable: `The base revision (${files.description}) could not be read${status === undefined ? '' : ` (GitHub answered HTTP ${status})`}, so this report has nothing to compare with; re-run the job to compare.`,
    };
  }
}

/**
 * Whether this run is for the pull request's current head. Recorded commit dates cannot tell after a force-push
 * (the new head may be older), so the pull request itself is asked just before writing.
 */
async function isCurrentHead(client: GitHubClient, target: PullRequestTarget): Promise<boolean> {
  const pull = await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.number,
  });
  if (pull.data.head.sha === target.head.sha) return true;
  log.notice(
    `Comment not written: pull request #${target.number}'s head is now ${pull.data.head.sha}, and this run is for ` +
      `${target.head.sha} (an outdated run; the run for the new head comments).`,
  );
  return false;
}

async function comment(
  client: GitHubClient,
  inputs: ActionInputs,
  target: PullRequestTarget,
  comparison: Comparison,
): Promise<CommentOutcome> {
  if (!(await isCurrentHead(client, target))) return { plan: { action: 'skip', reason: 'outdated' } };
  const headTime = await readCommitTime(client, { owner: target.owner, repo: target.repo, ref: target.head.sha });
  const body = comparison.commentBody(
    commentMarkers({ configPath: inputs.config, headTime, headSha: target.head.sha }),
  );
  const outcome = await upsertStickyComment(client, target, {
    configPath: inputs.config,
    body,
    mode: inputs.comment === 'new' ? 'new' : 'update',
    commentWhen: inputs.commentWhen,
    changed: comparison.changed,
    author: inputs.commentAuthor,
  });
  const { plan } = outcome;
  if (plan.action === 'skip') log.info(`Comment not written: ${plan.reason}.`);
  else log.info(`Comment ${plan.action === 'create' ? 'created' : 'updated'}: ${outcome.url ?? ''}`);
  return outcome;
}

/**
 * The usage file at head is invalid: an existing sticky comment would go on showing figures for a file that no
 * longer produces any, so it is replaced by a short notice. No comment is created for this; the annotations say it.
 */
async function noticeInvalidConfig(
  client: GitHubClient,
  inputs: ActionInputs,
  target: PullRequestTarget,
  problems: number,
): Promise<void> {
  try {
    if (!(await isCurrentHead(client, target))) return;
    const mode = inputs.comment === 'new' ? 'new' : 'update';
    const existing = await findOwnComment(client, target, inputs.config, mode, inputs.commentAuthor);
    if (existing === undefined) return;
    const markers = commentMarkers({ configPath: inputs.config, headTime: undefined, headSha: target.head.sha });
    const body =
      `${markers.map(commentMarker).join('\n')}\n## tunewise\n\n> [!WARNING]\n> The usage file at ` +
      `${target.head.sha.slice(0, 7)} is invalid: ${problems} problem${problems === 1 ? '' : 's'}, see the check's annotations.\n`;
    if (existing.body === body) return;
    const response = await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner: target.owner,
      repo: target.repo,
      comment_id: existing.id,
      body,
    });
    log.info(`Comment updated with the invalid-file notice: ${response.data.html_url}`);
  } catch (error) {
    log.warning(`Could not replace the pull request comment with the invalid-file notice: ${messageOf(error)}`);
  }
}

function setOutputs(comparison: Comparison, reportPath: string): void {
  core.setOutput('recommendation', comparison.recommendation);
  core.setOutput('monthly-cost', comparison.monthlyCost.toFixed(2));
  core.setOutput('monthly-cost-delta', comparison.monthlyCostDelta.toFixed(2));
  core.setOutput('recommended-monthly-cost', comparison.recommendedMonthlyCost.toFixed(2));
  core.setOutput('report', reportPath);
}

async function writeSummary(comparison: Comparison, outcome: CommentOutcome | undefined, warning: string | undefined) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  // The report's own Policy section lists the violations, escaped; they are not repeated here as raw HTML.
  core.summary.addRaw(comparison.summaryMarkdown, true);
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
  if (inputs.failOnPolicy) {
    log.setFailed(message);
    process.exitCode = EXIT_CODES.policyViolated;
  } else log.warning(message);
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
