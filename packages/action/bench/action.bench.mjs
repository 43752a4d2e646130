#!/usr/bin/env node
// The action's whole run (a pull_request with a 20-workload usage file: read the workspace, fetch the base through
// the API, evaluate both, render, find and create the comment) against a loopback GitHub, as a ratio to `node -e 0`
// started the same way, and the size of the committed bundle.
//
//   node packages/action/bench/action.bench.mjs [--runs 15] [--write] [--profile DIRECTORY]
//
// --write replaces the `## action` section of BENCHMARKS.md at the repository root (and only that section).
// --profile writes a V8 CPU profile of each timed action run into DIRECTORY (open it in Chrome DevTools or
// speedscope); the profiler slows the run, so do not --write with it.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const distPath = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const benchmarksPath = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const argumentsList = process.argv.slice(2);
const runsIndex = argumentsList.indexOf('--runs');
const runs = runsIndex === -1 ? 15 : Number(argumentsList[runsIndex + 1]);
const write = argumentsList.includes('--write');
const profileIndex = argumentsList.indexOf('--profile');
const profileDirectory = profileIndex === -1 ? undefined : path.resolve(argumentsList[profileIndex + 1]);
if (write && profileDirectory !== undefined) throw new Error('--profile slows the runs; do not --write with it.');
const actionArguments =
  profileDirectory === undefined ? [distPath] : ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`, distPath];

const owner = 'octo-org';
const repo = 'llm-app';
const token = 'ghs_benchmarkToken';
const baseSha = 'b'.repeat(40);
const headSha = 'c'.repeat(40);

function usageFile(scale) {
  const lines = [
    'version: 1',
    'models:',
    '  acme/large:',
    '    input: 2.5',
    '    output: 10',
    '    fineTuning: { training: 25, input: 3.75, output: 15 }',
    'workloads:',
  ];
  for (let index = 0; index < 20; index += 1) {
    lines.push(
      `  - id: workload-${index}`,
      '    model: acme/large',
      `    volume: { requestsPerMonth: ${(index + 1) * 10000 * scale} }`,
      '    prompt: { instructionTokens: 1200, exampleTokens: 2400, inputTokens: 350, outputTokens: 200 }',
      '    trainingData: { examples: 800, quality: high }',
    );
  }
  return `${lines.join('\n')}\n`;
}

// A loopback GitHub that answers the calls the action makes; the end-to-end tests check their shapes.
let commentCount = 0;
const server = createServer((request, response) => {
  const url = new URL(request.url, 'http://127.0.0.1');
  const json = (status, value) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(value));
  };
  request.resume();
  request.on('end', () => {
    if (url.pathname.endsWith('/contents/llm-usage.yml')) {
      const text = usageFile(1);
      return json(200, {
        type: 'file',
        encoding: 'base64',
        size: text.length,
        name: 'llm-usage.yml',
        path: 'llm-usage.yml',
        content: Buffer.from(text).toString('base64'),
      });
    }
    // Before writing, the action checks that this run's head is still the pull request's.
    if (url.pathname.endsWith('/pulls/1'))
      return json(200, {
        number: 1,
        head: {
          sha: headSha,
          ref: 'topic',
          repo: { name: repo, full_name: `${owner}/${repo}`, owner: { login: owner }, fork: false },
        },
        base: { sha: baseSha },
      });
    if (url.pathname.includes('/git/commits/'))
      return json(200, { sha: headSha, committer: { date: '2026-11-28T10:00:00Z' } });
    if (url.pathname.endsWith('/comments') && request.method === 'GET') return json(200, []);
    if (url.pathname.endsWith('/comments') && request.method === 'POST') {
      commentCount += 1;
      return json(201, {
        id: commentCount,
        html_url: `https://github.com/${owner}/${repo}/pull/1#issuecomment-${commentCount}`,
      });
    }
    return json(404, { message: 'Not Found' });
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const apiUrl = `http://127.0.0.1:${server.address().port}`;

const root = mkdtempSync(path.join(tmpdir(), 'tunewise-action-bench-'));
const workspace = path.join(root, 'workspace');
mkdirSync(workspace, { recursive: true });
writeFileSync(path.join(workspace, 'llm-usage.yml'), usageFile(2));
const eventPath = path.join(root, 'event.json');
const repository = { name: repo, full_name: `${owner}/${repo}`, owner: { login: owner }, fork: false };
writeFileSync(
  eventPath,
  JSON.stringify({
    pull_request: { number: 1, base: { sha: baseSha, repo: repository }, head: { sha: headSha, repo: repository } },
  }),
);

function environment(index) {
  const summary = path.join(root, `summary-${index}.md`);
  const output = path.join(root, `output-${index}.txt`);
  writeFileSync(summary, '');
  writeFileSync(output, '');
  return {
    PATH: process.env.PATH ?? '',
    GITHUB_API_URL: apiUrl,
    GITHUB_REPOSITORY: `${owner}/${repo}`,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    RUNNER_TEMP: root,
    'INPUT_GITHUB-TOKEN': token,
    INPUT_CONFIG: 'llm-usage.yml',
    INPUT_COMMENT: 'update',
    'INPUT_COMMENT-WHEN': 'always',
    'INPUT_FAIL-ON-POLICY': 'true',
    'INPUT_AS-OF': '2026-11-28',
  };
}

function timeProcess(args, env, expectedCode = 0) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => {
      const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== expectedCode) reject(new Error(`exit ${code}:\n${output}`));
      else resolve(milliseconds);
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
};

// The floor under any run of the action: the same bundle started with nothing to do. On a push event with a config
// that does not exist it loads, reads its inputs, finds no usage file and exits 2 (bad input) without evaluating.
function startOnlyEnvironment(index) {
  return { ...environment(index), GITHUB_EVENT_NAME: 'push', INPUT_CONFIG: 'no-such-usage-file.yml' };
}

const loadAverageAtStart = loadavg()[0];
// One warm-up of each, so the file cache is warm for all three.
await timeProcess(['-e', '0'], environment('warm-node'));
await timeProcess([distPath], startOnlyEnvironment('warm-start'), 2);
await timeProcess([distPath], environment('warm-action'));
const nodeTimes = [];
const startTimes = [];
const actionTimes = [];
for (let index = 0; index < runs; index += 1) {
  nodeTimes.push(await timeProcess(['-e', '0'], environment(`node-${index}`)));
  startTimes.push(await timeProcess([distPath], startOnlyEnvironment(`start-${index}`), 2));
  actionTimes.push(await timeProcess(actionArguments, environment(`action-${index}`)));
}
server.close();
rmSync(root, { recursive: true, force: true });

const nodeMs = median(nodeTimes);
const startMs = median(startTimes);
const actionMs = median(actionTimes);
// What Node reads before run() starts: index.js and the chunks it imports statically (the tokenizer encodings are
// separate chunks, imported only when a prompt file is counted; this benchmark has none).
const distDirectory = path.dirname(distPath);
const firstLoad = new Set([path.basename(distPath)]);
for (const file of firstLoad) {
  const source = readFileSync(path.join(distDirectory, file), 'utf8');
  for (const match of source.matchAll(/(?:^|[;}\s])import\s*[^();]*?from\s*["']\.\/([^"']+)["']/g))
    firstLoad.add(match[1]);
}
const sizeOf = (files) => [...files].reduce((total, file) => total + statSync(path.join(distDirectory, file)).size, 0);
const firstLoadBytes = sizeOf(firstLoad);
const distBytes = sizeOf(readdirSync(distDirectory));
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB (${bytes.toLocaleString('en-US')} bytes)`;
const table = [
  '## action',
  '',
  'The whole action on a pull request with a 20-workload usage file against a loopback GitHub: workspace read,',
  'base fetched through the API, both evaluated, diffed and rendered, comment found and created. Median of',
  `${runs} runs of each, started the same way as \`node -e 0\`; Node ${process.versions.node}, ${process.platform}/${process.arch},`,
  `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, load average ${loadAverageAtStart.toFixed(2)} at the start;`,
  `written by \`npx node packages/action/bench/action.bench.mjs --runs ${runs} --write\`. A cold start each time, as on a`,
  'fresh runner: no compile cache, no code cache. Where the milliseconds go: the next section.',
  'The tokenizer encodings (exact OpenAI token counts for prompt files) are chunks of their own, loaded only when a',
  'prompt file needs one, so the first load is index.js and its static chunks.',
  '',
  '| Measure | Value |',
  '|---|---|',
  `| \`node -e 0\` | ${nodeMs.toFixed(0)} ms |`,
  `| action run | ${actionMs.toFixed(0)} ms |`,
  `| ratio | ${(actionMs / nodeMs).toFixed(1)}× |`,
  `| the action started with nothing to do (push event, no usage file: loads, reads its inputs, exits 2) | ${startMs.toFixed(0)} ms, ${(startMs / nodeMs).toFixed(1)}× |`,
  `| first load (${[...firstLoad].join(', ')}) | ${mib(firstLoadBytes)} |`,
  `| all of dist/ (with both encodings) | ${mib(distBytes)} |`,
  '',
].join('\n');
console.log(table);

if (write) {
  let current = '';
  try {
    current = readFileSync(benchmarksPath, 'utf8');
  } catch {
    current = '# Benchmarks\n';
  }
  const start = current.search(/^## action$/m);
  let next;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${table}`;
  } else {
    const rest = current.slice(start + '## action'.length);
    const end = rest.search(/^## /m);
    next = current.slice(0, start) + table + (end === -1 ? '' : `\n${rest.slice(end)}`);
  }
  writeFileSync(benchmarksPath, next);
  console.log(`Wrote the action section of ${path.relative(process.cwd(), benchmarksPath)}.`);
}
