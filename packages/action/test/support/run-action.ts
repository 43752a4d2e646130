import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const distPath = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

interface WebhookExample {
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}

/** A real `pull_request` payload from @octokit/webhooks-examples, moved to our repository, number and commits. */
export function pullRequestPayload(options: {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  headSha: string;
  /** The owner of the head repository; another owner makes it a fork. */
  headOwner?: string;
}): Record<string, unknown> {
  const events = require('@octokit/webhooks-examples') as WebhookExample[];
  const opened = events
    .find((event) => event.name === 'pull_request')
    ?.examples.find((example) => example.action === 'opened');
  if (opened === undefined) throw new Error('No pull_request opened example');
  const payload = structuredClone(opened) as {
    number: number;
    pull_request: {
      number: number;
      base: { sha: string; repo: { name: string; full_name: string; owner: { login: string }; fork: boolean } };
      head: { sha: string; repo: { name: string; full_name: string; owner: { login: string }; fork: boolean } };
    };
    repository: { name: string; full_name: string; owner: { login: string } };
  };
  const headOwner = options.headOwner ?? options.owner;
  payload.number = options.number;
  payload.pull_request.number = options.number;
  payload.repository = {
    ...payload.repository,
    name: options.repo,
    full_name: `${options.owner}/${options.repo}`,
    owner: { ...payload.repository.owner, login: options.owner },
  };
  const base = payload.pull_request.base;
  base.sha = options.baseSha;
  base.repo = {
    ...base.repo,
    name: options.repo,
    full_name: `${options.owner}/${options.repo}`,
    owner: { ...base.repo.owner, login: options.owner },
  };
  const head = payload.pull_request.head;
  head.sha = options.headSha;
  head.repo = {
    ...head.repo,
    name: options.repo,
    full_name: `${headOwner}/${options.repo}`,
    owner: { ...head.repo.owner, login: headOwner },
    fork: headOwner !== options.owner,
  };
  return payload;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  runnerTemp: string;
}

/** Runs the built dist/index.js the way a runner does: a fresh Node process, inputs and paths in the environment. */
export async function runAction(options: {
  apiUrl: string;
  token: string;
  repository: string;
  eventName: string;
  payload: unknown;
  /** Files of the checkout, relative path → text. */
  workspace: Record<string, string>;
  inputs?: Record<string, string>;
  environment?: Record<string, string>;
}): Promise<ActionRun> {
  const root = await mkdtemp(path.join(tmpdir(), 'tunewise-action-'));
  const workspace = path.join(root, 'workspace');
  const runnerTemp = path.join(root, 'runner-temp');
  await mkdir(runnerTemp, { recursive: true });
  for (const [file, text] of Object.entries(options.workspace)) {
    await mkdir(path.dirname(path.join(workspace, file)), { recursive: true });
    await writeFile(path.join(workspace, file), text);
  }
  await mkdir(workspace, { recursive: true });
  const eventPath = path.join(root, 'event.json');
  const summaryPath = path.join(root, 'summary.md');
  const outputPath = path.join(root, 'output.txt');
  await writeFile(eventPath, JSON.stringify(options.payload));
  await writeFile(summaryPath, '');
  await writeFile(outputPath, '');
  const inputs = {
    config: 'llm-usage.yml',
    'github-token': options.token,
    comment: 'update',
    'comment-when': 'always',
    'fail-on-policy': 'true',
    'as-of': '2026-11-28',
    ...options.inputs,
  };
  const environment: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    RUNNER_TEMP: runnerTemp,
    TUNEWISE_RETRY_BASE_MS: '5',
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    ...options.environment,
  };
  const { exitCode, stdout, stderr } = await runNode([distPath], { env: environment, cwd: workspace });
  return {
    exitCode,
    stdout,
    stderr,
    summary: await readFile(summaryPath, 'utf8'),
    outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
    runnerTemp,
  };
}

/** Runs a Node script (this process's Node) to its end, collecting its output. */
export async function runNode(
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, options);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { exitCode, stdout, stderr };
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as @actions/core writes GITHUB_OUTPUT. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!;
  return outputs;
}
