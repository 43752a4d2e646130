import * as z from 'zod';

/**
 * The fields of GitHub's answers that the action reads, per operation. An answer GitHub's API description would not
 * allow (a proxy's error page with status 200, a truncated body, a field missing) fails with the operation, the
 * field and what was found, instead of "Cannot read properties of undefined" somewhere later.
 */
const sha = z.string().regex(/^[0-9a-f]{40}$/, 'a 40-character hexadecimal commit SHA');
const comment = z.object({ id: z.number(), html_url: z.string() });
const user = z.object({ login: z.string(), type: z.string() }).nullable();

const answers: Array<{ method: string; route: string; name: string; schema: z.ZodType }> = [
  {
    method: 'GET',
    route: '/repos/{owner}/{repo}/pulls/{pull_number}',
    name: 'the pull request',
    schema: z.object({
      head: z.object({ sha, ref: z.string(), repo: z.object({ full_name: z.string() }).nullable() }),
      base: z.object({ sha }),
    }),
  },
  {
    method: 'GET',
    route: '/repos/{owner}/{repo}/contents/{path}',
    name: 'a file',
    schema: z.union([
      z.array(z.unknown()),
      z.object({
        type: z.string(),
        size: z.number(),
        encoding: z.string().optional(),
        content: z.string().optional(),
      }),
    ]),
  },
  {
    method: 'GET',
    route: '/repos/{owner}/{repo}/git/trees/{tree_sha}',
    name: 'the file tree',
    schema: z.object({
      truncated: z.boolean(),
      tree: z.array(z.object({ path: z.string(), type: z.string(), sha: z.string(), size: z.number().optional() })),
    }),
  },
  {
    method: 'GET',
    route: '/repos/{owner}/{repo}/git/blobs/{file_sha}',
    name: 'a file’s content',
    schema: z.object({ content: z.string(), encoding: z.string(), size: z.number() }),
  },
  {
    method: 'GET',
    route: '/repos/{owner}/{repo}/git/commits/{commit_sha}',
    name: 'the commit',
    schema: z.object({ committer: z.object({ date: z.string() }) }),
  },
  {
    method: 'GET',
    route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    name: 'the comments',
    schema: z.array(comment.extend({ body: z.string().optional(), user })),
  },
  {
    method: 'POST',
    route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    name: 'the new comment',
    schema: comment,
  },
  {
    method: 'PATCH',
    route: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    name: 'the comment',
    schema: comment,
  },
];

/** GitHub answered 2xx with something its API does not document. */
export class MalformedAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedAnswerError';
  }

  static isInstance(value: unknown): value is MalformedAnswerError {
    return value instanceof MalformedAnswerError;
  }
}

/**
 * Throws {@link MalformedAnswerError} when a successful answer lacks a field the action reads. `route` is what was
 * asked: Octokit's URL template (`/repos/{owner}/{repo}/pulls/{pull_number}`), or a whole URL for a further page;
 * `answeredUrl` is where the answer came from (after a redirect), named in the message.
 */
export function checkAnswer(method: string, route: string, answeredUrl: string, data: unknown): void {
  const asked = route.includes('{') ? route : new URL(route, 'http://github.invalid').pathname;
  const answer = answers.find((candidate) => candidate.method === method && matches(candidate.route, asked));
  if (answer === undefined) return;
  const result = answer.schema.safeParse(data);
  if (result.success) return;
  const problem = result.error.issues[0]!;
  const field = problem.path.length === 0 ? 'the answer' : problem.path.join('.');
  const pathname = answeredUrl === '' ? asked : new URL(answeredUrl, 'http://github.invalid').pathname;
  throw new MalformedAnswerError(
    `GitHub's answer to ${method} ${pathname} (${answer.name}) is not what its API documents: ${field}: ` +
      `${problem.message}, found ${describe(valueAt(data, problem.path))}.`,
  );
}

/** Whether a path (or the template itself) fits a URL template, each `{parameter}` being one path segment. */
function matches(template: string, path: string): boolean {
  if (template === path) return true;
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${pattern}$`).test(path);
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | null | undefined)?.[key];
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    return `${value.length > 60 ? `a ${value.length}-character string starting ` : 'the string '}${JSON.stringify(shown)}`;
  }
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
