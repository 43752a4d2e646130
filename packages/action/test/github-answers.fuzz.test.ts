import type { ServerResponse } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runOnPullRequest, token } from './support/pull-request-fixture.js';
import { ScriptedApi } from './support/scripted-api.js';
import { usageFile } from './support/usage-files.js';
import { workflowCommands } from './support/workflow-commands.js';

/** One answer of a hostile or broken GitHub. */
interface Answer {
  status: number;
  body:
    | { kind: 'json'; value: unknown }
    | { kind: 'text'; text: string }
    | { kind: 'huge'; bytes: number }
    | { kind: 'empty' }
    | { kind: 'never-ends' }
    | { kind: 'never-answers' };
  contentType: string;
  link: string | undefined;
  location: string | undefined;
  retryAfter: string | undefined;
  delayMs: number;
}

const hostile = fc.constantFrom(
  '##[set-output name=recommendation;]pwned',
  '\n::add-mask::x\n::error file=a.ts::injected',
  '::stop-commands::tok',
);

const answer: fc.Arbitrary<Answer> = fc.record({
  status: fc.constantFrom(200, 200, 200, 201, 204, 301, 302, 400, 401, 403, 404, 404, 409, 422, 429, 500, 502, 503),
  body: fc.oneof(
    fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
    fc.record({
      kind: fc.constant('json' as const),
      value: fc.record({ message: fc.oneof(fc.string(), hostile), head: fc.jsonValue({ maxDepth: 2 }) }),
    }),
    fc.record({ kind: fc.constant('text' as const), text: fc.oneof(fc.string({ maxLength: 200 }), hostile) }),
    fc.record({ kind: fc.constant('huge' as const), bytes: fc.integer({ min: 100_000, max: 3_000_000 }) }),
    fc.constant({ kind: 'empty' as const }),
    fc.constant({ kind: 'never-ends' as const }),
    fc.constant({ kind: 'never-answers' as const }),
  ),
  contentType: fc.constantFrom('application/json; charset=utf-8', 'text/html', 'application/octet-stream'),
  link: fc.option(
    fc.constantFrom(
      '<http://127.0.0.1:9/repos/octo-org/llm-app/issues/42/comments?page=2>; rel="next"',
      '<https://other.example/x>; rel="next"',
      '<relative/path>; rel="next"',
      'garbage',
    ),
    { nil: undefined },
  ),
  location: fc.option(fc.constantFrom('http://127.0.0.1:9/elsewhere', '/repos/octo-org/llm-app/pulls/42', '::'), {
    nil: undefined,
  }),
  retryAfter: fc.option(fc.constantFrom('0', '1', 'soon', '99999'), { nil: undefined }),
  delayMs: fc.integer({ min: 0, max: 30 }),
});

function reply(response: ServerResponse, value: Answer): void {
  if (value.body.kind === 'never-answers') return;
  const headers: Record<string, string> = { 'content-type': value.contentType };
  if (value.link !== undefined) headers.link = value.link;
  if (value.location !== undefined) headers.location = value.location;
  if (value.retryAfter !== undefined) headers['retry-after'] = value.retryAfter;
  const statusHasBody = value.status !== 204 && value.status !== 304;
  response.writeHead(value.status, headers);
  if (!statusHasBody) return void response.end();
  switch (value.body.kind) {
    case 'json':
      return void response.end(JSON.stringify(value.body.value));
    case 'text':
      return void response.end(value.body.text);
    case 'huge':
      return void response.end(`{"message":"${'x'.repeat(value.body.bytes)}"}`);
    case 'empty':
      return void response.end();
    case 'never-ends':
      return void response.write('{"sha":');
  }
}

describe('the action against generated GitHub answers', () => {
  it('exits 0 or 1 with a clear message: no stack trace, no workflow command but its own, the token never printed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 6 }), async (answers) => {
        let index = 0;
        const api = new ScriptedApi((_, response) => {
          const next = answers[index++ % answers.length]!;
          setTimeout(() => reply(response, next), next.delayMs);
        });
        const apiUrl = await api.start();
        try {
          const run = await runOnPullRequest(apiUrl, {
            workspace: { 'llm-usage.yml': usageFile([{ id: 'support-triage', requestsPerMonth: 1000 }]) },
            environment: {
              TUNEWISE_REQUEST_TIMEOUT_MS: '200',
              TUNEWISE_DEADLINE_MS: '2500',
              TUNEWISE_RETRY_BASE_MS: '2',
            },
          });
          const output = `${run.stdout}${run.stderr}`;
          expect([0, 1], output).toContain(run.exitCode);
          expect(output).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m);
          expect(output).not.toMatch(/Cannot read propert|is not a function|is not iterable|undefined \(reading/);
          expect(output.replace(`::add-mask::${token}`, '')).not.toContain(token);
          for (const command of workflowCommands(output)) {
            expect(['add-mask', 'error', 'warning', 'notice', 'group', 'endgroup'], command.line).toContain(
              command.name,
            );
          }
          if (run.exitCode === 1) expect(run.stdout).toMatch(/^::error::\S/m);
          expect(output.length).toBeLessThan(100_000);
        } finally {
          await api.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 600_000);
});
