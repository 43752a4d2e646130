import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from './support/fake-github.js';

// The loopback GitHub the end-to-end tests run against must itself refuse what GitHub would.
const token = 'ghs_fakeGitHubTestToken';
let github: FakeGitHub;
let origin: string;

beforeEach(async () => {
  github = new FakeGitHub({ owner: 'octo-org', repo: 'llm-app', token });
  origin = await github.start();
});

afterEach(async () => {
  await github.close();
});

function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${origin}${path}`, {
    method,
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('FakeGitHub', () => {
  it('records a path parameter that does not match its schema as a violation', async () => {
    await call('PATCH', '/repos/octo-org/llm-app/issues/comments/not-a-number', { body: 'x' });
    await call('GET', '/repos/octo-org/llm-app/issues/12abc/comments');
    expect(github.violations).toContain(
      'PATCH /repos/octo-org/llm-app/issues/comments/not-a-number: path "comment_id": "not-a-number" is not a number',
    );
    expect(github.violations).toContain(
      'GET /repos/octo-org/llm-app/issues/12abc/comments: path "issue_number": "12abc" is not a number',
    );
  });

  it('records a request to another repository as a violation', async () => {
    const response = await call('GET', '/repos/someone-else/llm-app/pulls/1');
    expect(response.status).toBe(404);
    expect(github.violations).toEqual([
      'GET /repos/someone-else/llm-app/pulls/1: a request to someone-else/llm-app, not octo-org/llm-app',
    ]);
  });

  it('answers 403 to comment writes with a read-only token, a status GitHub sends but does not declare for updates', async () => {
    const id = github.addComment(1, 'x');
    github.commentsWritable = false;
    expect((await call('PATCH', `/repos/octo-org/llm-app/issues/comments/${id}`, { body: 'y' })).status).toBe(403);
    expect((await call('POST', '/repos/octo-org/llm-app/issues/1/comments', { body: 'y' })).status).toBe(403);
    expect(github.violations).toEqual([]);
  });

  it('still records statuses that an operation does not declare and GitHub does not send', async () => {
    github.fail({ operationId: 'issues/update-comment', status: 404, message: 'Not Found' });
    await call('PATCH', '/repos/octo-org/llm-app/issues/comments/1', { body: 'y' });
    expect(github.violations).toEqual([
      'PATCH /repos/octo-org/llm-app/issues/comments/1 → 404: undeclared response status 404',
    ]);
  });
});
