import { afterEach, describe, expect, it } from 'vitest';
import { baseSha, number, runOnPullRequest, startPullRequestGitHub, token } from './support/pull-request-fixture.js';
import type { ActionRun } from './support/run-action.js';
import { ScriptedApi } from './support/scripted-api.js';
import { usageFile } from './support/usage-files.js';
import { workflowCommands } from './support/workflow-commands.js';

const configPath = 'llm-usage.yml';
const headFile = usageFile([{ id: 'support-triage', requestsPerMonth: 400000 }]);
/** Test-sized limits: 500 ms a request, 5 s for the run, 5 ms backoff units (so 3 retries wait 70 ms). */
const shortLimits = { TUNEWISE_REQUEST_TIMEOUT_MS: '500', TUNEWISE_DEADLINE_MS: '5000', TUNEWISE_RETRY_BASE_MS: '5' };

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function scripted(handler: ConstructorParameters<typeof ScriptedApi>[0]): Promise<[ScriptedApi, string]> {
  const api = new ScriptedApi(handler);
  servers.push(api);
  return [api, await api.start()];
}

function pullRequestRun(apiUrl: string, environment: Record<string, string> = shortLimits): Promise<ActionRun> {
  return runOnPullRequest(apiUrl, { workspace: { [configPath]: headFile }, environment });
}

/** A clear failure: exit 1, a message, no stack trace, no command but the action's own, the token never printed. */
function expectClearFailure(run: ActionRun): string {
  const output = `${run.stdout}${run.stderr}`;
  expect(run.exitCode, output).toBe(1);
  expect(output).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m);
  expect(output).not.toContain('Cannot read properties');
  expect(output.replace(`::add-mask::${token}`, '')).not.toContain(token);
  for (const command of workflowCommands(output)) {
    expect(['add-mask', 'error', 'warning', 'notice', 'group', 'endgroup'], command.line).toContain(command.name);
  }
  const failure = run.stdout.match(/^::error::(.*)$/m)?.[1];
  expect(failure, run.stdout).toBeDefined();
  return failure!;
}

describe('the token goes only to GITHUB_API_URL', () => {
  it('does not follow a pagination Link to another host, and says so', async () => {
    const [elsewhere, elsewhereUrl] = await scripted((_, response) => response.writeHead(200).end('[]'));
    const { github, apiUrl } = await startPullRequestGitHub();
    servers.push(github);
    github.setFile(baseSha, configPath, headFile);
    github.pageLinkOrigin = elsewhereUrl;
    for (let index = 0; index < 120; index += 1) github.addComment(number, `comment ${index}`);
    // The default limits: the fake GitHub, validating every answer, can take longer than a test-sized timeout.
    const run = await pullRequestRun(apiUrl, { TUNEWISE_RETRY_BASE_MS: '5' });
    const failure = expectClearFailure(run);
    expect(failure).toContain(`Not following a link from GitHub to ${elsewhereUrl}`);
    expect(elsewhere.requests).toEqual([]);
    expect(github.requestsTo('issues/list-comments')).toHaveLength(1);
    expect(github.violations).toEqual([]);
  });
});

describe('the token goes only to GITHUB_API_URL, through redirects too', () => {
  it('follows a redirect on the same host, and refuses one to another host before sending anything', async () => {
    const [elsewhere, elsewhereUrl] = await scripted((_, response) => response.writeHead(200).end('{}'));
    const [api, apiUrl] = await scripted((request, response) => {
      if (request.url?.startsWith('/repositories/1/')) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      } else if (request.url?.includes('/contents/')) {
        response.writeHead(301, { location: '/repositories/1/contents/moved' }).end();
      } else response.writeHead(302, { location: `${elsewhereUrl}/repos/octo-org/llm-app/pulls/42` }).end();
    });
    const failure = expectClearFailure(await pullRequestRun(apiUrl));
    expect(failure).toContain(`Not following a link from GitHub to ${elsewhereUrl}`);
    expect(api.requests.map((request) => request.path)).toEqual([
      `/repos/octo-org/llm-app/contents/llm-usage.yml?ref=${baseSha}`,
      '/repositories/1/contents/moved',
      '/repos/octo-org/llm-app/pulls/42',
    ]);
    expect(api.requests.every((request) => request.authorization === `token ${token}`)).toBe(true);
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('a GitHub that does not answer', () => {
  it('that accepts and never answers: a timeout per request, 3 retries, then the run’s deadline', async () => {
    const [api, apiUrl] = await scripted(() => {
      // Never answers.
    });
    const run = await pullRequestRun(apiUrl);
    const failure = expectClearFailure(run);
    expect(run.stdout).toMatch(
      /::warning::Could not read the base revision .*GitHub did not answer GET \/repos\/octo-org\/llm-app\/contents\/llm-usage\.yml within 500 ms/,
    );
    expect(failure).toMatch(
      /GitHub did not answer (GET \/repos\/octo-org\/llm-app\/pulls\/42 within 500 ms|within the run's deadline of 5 s)/,
    );
    // The base's file: 1 + 3 retries; the pull request: the same, or fewer once the deadline is reached.
    expect(api.requests.length).toBeGreaterThanOrEqual(5);
    expect(api.requests.length).toBeLessThanOrEqual(8);
  });

  it('that never ends a body', async () => {
    const [api, apiUrl] = await scripted((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"type":"file","size":');
    });
    const run = await pullRequestRun(apiUrl);
    const failure = expectClearFailure(run);
    expect(failure).toMatch(/GitHub did not answer (.* )?within (500 ms|the run's deadline)/);
    expect(api.requests.length).toBeLessThanOrEqual(8);
  });

  it('stops at the run’s deadline even when each request answers in time, 500 after 500', async () => {
    const [api, apiUrl] = await scripted((_, response) => {
      setTimeout(() => response.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"x"}'), 250);
    });
    const run = await pullRequestRun(apiUrl, { ...shortLimits, TUNEWISE_DEADLINE_MS: '1500' });
    const failure = expectClearFailure(run);
    expect(failure).toContain("within the run's deadline of 1.5 s");
    expect(api.requests.length).toBeLessThanOrEqual(7);
  });
});

describe('answers GitHub would not send', () => {
  it('a 200 without the fields the action reads fails naming the operation and the field', async () => {
    const [, apiUrl] = await scripted((request, response) => {
      if (request.url?.includes('/contents/')) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      } else response.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"ok"}');
    });
    const failure = expectClearFailure(await pullRequestRun(apiUrl));
    expect(failure).toBe(
      "GitHub's answer to GET /repos/octo-org/llm-app/pulls/42 (the pull request) is not what its API documents: " +
        'head: Invalid input: expected object, received undefined, found nothing.',
    );
  });

  it('a 200 that is not JSON at all', async () => {
    const [, apiUrl] = await scripted((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('<html>maintenance</html>');
    });
    const run = await pullRequestRun(apiUrl);
    const failure = expectClearFailure(run);
    expect(failure).toContain('is not what its API documents: the answer:');
    expect(failure).toContain('found the string "<html>maintenance</html>"');
  });

  it('an error with an empty body names the status and the request', async () => {
    const [, apiUrl] = await scripted((request, response) => {
      if (request.url?.includes('/contents/')) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      } else response.writeHead(422, { 'content-type': 'application/json' }).end();
    });
    const failure = expectClearFailure(await pullRequestRun(apiUrl));
    expect(failure).toBe('GitHub answered HTTP 422 to GET /repos/octo-org/llm-app/pulls/42 without a message');
  });

  it('prints a 10 MB error body once, cut', async () => {
    const page = `<html>${'x'.repeat(10 * 1024 * 1024)}</html>`;
    const [, apiUrl] = await scripted((request, response) => {
      if (request.url?.includes('/contents/')) {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      } else response.writeHead(422, { 'content-type': 'text/html' }).end(page);
    });
    const run = await pullRequestRun(apiUrl);
    const failure = expectClearFailure(run);
    expect(failure).toContain("… (GitHub's answer cut here; 10485773 bytes in all)");
    expect(`${run.stdout}${run.stderr}`.match(/<html>/g)).toHaveLength(1);
    expect(run.stdout.length + run.stderr.length).toBeLessThan(20_000);
  });
});
