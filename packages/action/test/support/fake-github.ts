import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { OpenApiValidator } from './openapi-validator.js';

const require = createRequire(import.meta.url);
const examples = (
  JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as {
    components: { examples: Record<string, { value: unknown }> };
  }
).components.examples;

function example<T>(name: string): T {
  const found = examples[name];
  if (found === undefined) throw new Error(`No OpenAPI example ${name}`);
  return structuredClone(found.value) as T;
}

export interface CommentAuthor {
  login: string;
  type: 'Bot' | 'User';
}

export const actionsBot: CommentAuthor = { login: 'github-actions[bot]', type: 'Bot' };

interface StoredComment {
  id: number;
  body: string;
  user: CommentAuthor;
  createdAt: string;
  updatedAt: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  operationId: string | undefined;
  status: number;
  body: unknown;
}

export interface Fault {
  /** An OpenAPI operationId, e.g. `issues/create-comment`. */
  operationId: string;
  status: number;
  message: string;
  headers?: Record<string, string>;
  /** How many matching requests fail before the operation works again; default 1 (`Infinity`: always). */
  times?: number;
  /** The operation takes effect first and only the answer is the error, as when GitHub fails after a write. */
  afterEffect?: boolean;
}

export interface FakePull {
  headSha: string;
  baseSha: string;
  /** `owner/repo` of the head; the base repository when omitted. */
  headRepository?: string;
  /** The head branch; `new-topic` (from GitHub's example) when omitted. */
  headRef?: string;
}

let validator: OpenApiValidator | undefined;

/** Marks a branch of the router that has answered. */
const replied = Symbol('replied');
type Replied = typeof replied;

/**
 * An in-memory GitHub for one repository on 127.0.0.1. Every request and every response is checked against
 * GitHub's OpenAPI description; a call GitHub would reject (or a reply GitHub would never send) is recorded in
 * `violations`, which each test asserts empty.
 */
export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  readonly token: string;
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  /** When false, writes to comments answer 403 as a fork's read-only GITHUB_TOKEN does. */
  commentsWritable = true;
  /** When set, comment pages link to this origin instead of the fake's own, as a hostile answer would. */
  pageLinkOrigin: string | undefined;
  private readonly files = new Map<string, Map<string, string>>();
  private readonly commitTimes = new Map<string, string>();
  private readonly pulls = new Map<number, FakePull>();
  private readonly comments = new Map<number, StoredComment[]>();
  private readonly faults: Fault[] = [];
  private nextCommentId = 1000;
  private server: Server | undefined;
  private origin = '';
  private clock = Date.parse('2026-11-28T12:00:00Z');

  constructor(options: { owner: string; repo: string; token: string }) {
    this.owner = options.owner;
    this.repo = options.repo;
    this.token = options.token;
    validator ??= new OpenApiValidator();
  }

  setFile(sha: string, path: string, text: string): void {
    const files = this.files.get(sha) ?? new Map<string, string>();
    files.set(path, text);
    this.files.set(sha, files);
  }

  setCommit(sha: string, committedAt: string): void {
    this.commitTimes.set(sha, committedAt);
  }

  setPull(number: number, pull: FakePull): void {
    this.pulls.set(number, pull);
  }

  addComment(issue: number, body: string, user: CommentAuthor = actionsBot): number {
    const id = this.nextCommentId++;
    const time = this.tick();
    const list = this.comments.get(issue) ?? [];
    list.push({ id, body, user, createdAt: time, updatedAt: time });
    this.comments.set(issue, list);
    return id;
  }

  commentsOn(issue: number): ReadonlyArray<Readonly<StoredComment>> {
    return this.comments.get(issue) ?? [];
  }

  fail(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  requestsTo(operationId: string): RecordedRequest[] {
    return this.requests.filter((request) => request.operationId === operationId);
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.violations.push(`server error: ${String(error)}`);
        response.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    return this.origin;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server?.close((error) => (error ? reject(error) : resolve())));
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace('.000Z', 'Z');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<Replied> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        this.violations.push(`${method} ${url.pathname}: body is not JSON`);
      }
    }
    const match = validator!.match(method, url.pathname);
    const record: RecordedRequest = {
      method,
      path: url.pathname + url.search,
      operationId: match?.operationId,
      status: 0,
      body,
    };
    this.requests.push(record);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}): Replied => {
      record.status = status;
      if (match !== undefined) {
        for (const problem of validator!.validateResponse(method, match.template, status, payload)) {
          this.violations.push(`${method} ${url.pathname} → ${status}: ${problem}`);
        }
      }
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(payload === undefined ? '' : JSON.stringify(payload));
      return replied;
    };
    const error = (status: number, message: string, headers: Record<string, string> = {}): Replied =>
      send(status, { message, documentation_url: 'https://docs.github.com/rest', status: String(status) }, headers);

    if (match === undefined) {
      this.violations.push(`${method} ${url.pathname}: no such operation in GitHub's REST API`);
      return error(404, 'Not Found');
    }
    for (const problem of validator!.validateRequest(
      method,
      match.template,
      url.searchParams,
      body,
      match.pathParameters,
    )) {
      this.violations.push(`${method} ${url.pathname}: ${problem}`);
    }
    const authorization = request.headers.authorization ?? '';
    if (authorization !== `token ${this.token}` && authorization !== `Bearer ${this.token}`) {
      this.violations.push(`${method} ${url.pathname}: authorization header is "${authorization}"`);
      return error(401, 'Bad credentials');
    }
    const { owner, repo } = match.pathParameters;
    if (owner?.toLowerCase() !== this.owner.toLowerCase() || repo?.toLowerCase() !== this.repo.toLowerCase()) {
      // The action only ever talks to the repository it runs in (GITHUB_REPOSITORY); a fork's commits are read there.
      this.violations.push(`${method} ${url.pathname}: a request to ${owner}/${repo}, not ${this.owner}/${this.repo}`);
      return error(404, 'Not Found');
    }

    const fault = this.faults.find(
      (candidate) => candidate.operationId === match.operationId && (candidate.times ?? 1) > 0,
    );
    if (fault !== undefined) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.afterEffect === true) {
        this.route(
          match.operationId,
          match.pathParameters,
          url.searchParams,
          body,
          () => replied,
          () => replied,
        );
      }
      return error(fault.status, fault.message, fault.headers);
    }
    return this.route(match.operationId, match.pathParameters, url.searchParams, body, send, error);
  }

  private route(
    operationId: string,
    parameters: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
    send: (status: number, payload: unknown, headers?: Record<string, string>) => Replied,
    error: (status: number, message: string) => Replied,
  ): Replied {
    const repository = `${this.owner}/${this.repo}`;
    switch (operationId) {
      case 'repos/get-content': {
        const ref = query.get('ref') ?? 'HEAD';
        const path = parameters.path ?? '';
        const content = this.files.get(ref)?.get(path);
        if (content === undefined) return error(404, 'Not Found');
        const encoded = Buffer.from(content, 'utf8').toString('base64').replace(/.{60}/g, '$&\n');
        const file = example<Record<string, unknown>>('content-file-response-if-content-is-a-file');
        const name = path.split('/').at(-1) ?? path;
        return send(200, {
          ...file,
          name,
          path,
          size: Buffer.byteLength(content),
          content: encoded,
          url: `https://api.github.com/repos/${repository}/contents/${path}?ref=${ref}`,
          html_url: `https://github.com/${repository}/blob/${ref}/${path}`,
          download_url: `https://raw.githubusercontent.com/${repository}/${ref}/${path}`,
        });
      }
      case 'git/get-tree': {
        const sha = parameters.tree_sha ?? '';
        const files = this.files.get(sha);
        if (files === undefined) return error(404, 'Not Found');
        const tree = [...files.entries()].map(([path, text]) => ({
          path,
          mode: '100644',
          type: 'blob',
          sha: blobSha(text),
          size: Buffer.byteLength(text),
          url: `https://api.github.com/repos/${repository}/git/blobs/${blobSha(text)}`,
        }));
        return send(200, {
          sha,
          url: `https://api.github.com/repos/${repository}/git/trees/${sha}`,
          truncated: false,
          tree,
        });
      }
      case 'git/get-blob': {
        const sha = parameters.file_sha ?? '';
        const text = [...this.files.values()]
          .flatMap((files) => [...files.values()])
          .find((candidate) => blobSha(candidate) === sha);
        if (text === undefined) return error(404, 'Not Found');
        return send(200, {
          sha,
          node_id: Buffer.from(`Blob${sha}`).toString('base64'),
          size: Buffer.byteLength(text),
          url: `https://api.github.com/repos/${repository}/git/blobs/${sha}`,
          content: Buffer.from(text, 'utf8').toString('base64').replace(/.{60}/g, '$&\n'),
          encoding: 'base64',
        });
      }
      case 'git/get-commit': {
        const sha = parameters.commit_sha ?? '';
        const committedAt = this.commitTimes.get(sha);
        if (committedAt === undefined) return error(404, 'Not Found');
        const commit = example<{ committer: Record<string, unknown>; author: Record<string, unknown> }>('git-commit-2');
        return send(200, { ...commit, sha, committer: { ...commit.committer, date: committedAt } });
      }
      case 'pulls/get': {
        const number = Number(parameters.pull_number);
        const pull = this.pulls.get(number);
        if (pull === undefined) return error(404, 'Not Found');
        const value = example<{
          head: Record<string, unknown> & { repo: Record<string, unknown> & { owner: Record<string, unknown> } };
          base: Record<string, unknown>;
        }>('pull-request');
        const headRepository = pull.headRepository ?? repository;
        const [headOwner = '', headName = ''] = headRepository.split('/');
        const headRef = pull.headRef ?? 'new-topic';
        // GitHub's own example carries a team without `type`, which its schema requires.
        return send(200, {
          ...value,
          number,
          requested_teams: [],
          head: {
            ...value.head,
            sha: pull.headSha,
            ref: headRef,
            label: `${headOwner}:${headRef}`,
            repo: {
              ...value.head.repo,
              name: headName,
              full_name: headRepository,
              owner: { ...value.head.repo.owner, login: headOwner },
              fork: headRepository !== repository,
            },
          },
          base: { ...value.base, sha: pull.baseSha },
        });
      }
      case 'issues/list-comments': {
        const issue = Number(parameters.issue_number);
        const perPage = Number(query.get('per_page') ?? '30');
        const page = Number(query.get('page') ?? '1');
        const all = this.commentsOn(issue);
        const lastPage = Math.max(1, Math.ceil(all.length / perPage));
        const links: string[] = [];
        // GitHub's Link header points at /repositories/{id}/…, which is not in the description; ours points back at
        // the same operation so that every page is validated.
        const pageUrl = (number: number) =>
          `<${this.pageLinkOrigin ?? this.origin}/repos/${repository}/issues/${issue}/comments?per_page=${perPage}&page=${number}>`;
        if (page < lastPage) links.push(`${pageUrl(page + 1)}; rel="next"`, `${pageUrl(lastPage)}; rel="last"`);
        const items = all
          .slice((page - 1) * perPage, page * perPage)
          .map((comment) => this.commentJson(issue, comment));
        const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {};
        return send(200, items, headers);
      }
      case 'issues/create-comment': {
        if (!this.commentsWritable) return error(403, 'Resource not accessible by integration');
        const issue = Number(parameters.issue_number);
        const id = this.addComment(issue, (body as { body: string }).body);
        const stored = this.commentsOn(issue).find((comment) => comment.id === id)!;
        return send(201, this.commentJson(issue, stored), {
          location: `https://api.github.com/repos/${repository}/issues/comments/${id}`,
        });
      }
      case 'issues/update-comment': {
        if (!this.commentsWritable) return error(403, 'Resource not accessible by integration');
        const id = Number(parameters.comment_id);
        for (const [issue, list] of this.comments) {
          const stored = list.find((comment) => comment.id === id);
          if (stored === undefined) continue;
          stored.body = (body as { body: string }).body;
          stored.updatedAt = this.tick();
          return send(200, this.commentJson(issue, stored));
        }
        return error(404, 'Not Found');
      }
      default:
        this.violations.push(`unexpected operation ${operationId}`);
        return error(404, 'Not Found');
    }
  }

  private commentJson(issue: number, comment: StoredComment): unknown {
    const value = example<{ user: Record<string, unknown> }>('issue-comment');
    const repository = `${this.owner}/${this.repo}`;
    return {
      ...value,
      id: comment.id,
      node_id: Buffer.from(`IssueComment${comment.id}`).toString('base64'),
      url: `https://api.github.com/repos/${repository}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${repository}/pull/${issue}#issuecomment-${comment.id}`,
      issue_url: `https://api.github.com/repos/${repository}/issues/${issue}`,
      body: comment.body,
      user: {
        ...value.user,
        login: comment.user.login,
        type: comment.user.type,
        id: comment.user.type === 'Bot' ? 41898282 : 583231,
      },
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
    };
  }
}

/** The SHA git gives a file's content (`git hash-object`). */
function blobSha(text: string): string {
  const content = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex');
}
