import { type IncomingAnswer, type Send, sendWithNodeHttp } from './http-send.js';

/** Limits on talking to GitHub; defaults in the action README ("Security"), shortened by tests through the environment. */
export interface RequestLimits {
  /** One request, from sending it to the last byte of its answer. */
  requestTimeoutMs: number;
  /** From the client's creation (the step's start) to the last moment a request may be sent or waited for. */
  deadlineMs: number;
  /** The largest answer read (a recursive git tree of 100,000 entries is about 20 MB). */
  maxBodyBytes: number;
}

export const defaultRequestLimits: RequestLimits = {
  requestTimeoutMs: 30_000,
  deadlineMs: 300_000,
  maxBodyBytes: 64 * 1024 * 1024,
};

/** An error answer is quoted in messages up to this many characters. */
const maxErrorBodyCharacters = 2000;
const maxRedirects = 3;

/**
 * A request to GitHub that the action stopped itself: a timeout, the run's deadline, an answer too large, or a link
 * to another host. @octokit/request wraps it with status 500, so `localFailureOf` finds it again by `cause`.
 */
export class GitHubRequestFailure extends Error {
  readonly kind: 'timeout' | 'deadline' | 'too-large' | 'other-host' | 'redirects';
  constructor(kind: GitHubRequestFailure['kind'], message: string) {
    super(message);
    this.kind = kind;
    // Only a timeout is worth retrying (plugin-retry, bounded). The others are final: @octokit/request passes an
    // AbortError through as it is, and plugin-retry retries only the errors @octokit/request wraps.
    this.name = kind === 'timeout' ? 'GitHubRequestFailure' : 'AbortError';
  }

  static isInstance(value: unknown): value is GitHubRequestFailure {
    return value instanceof GitHubRequestFailure;
  }
}

/** The failure the action stopped itself, when `error` is one or wraps one. */
export function localFailureOf(error: unknown): GitHubRequestFailure | undefined {
  if (GitHubRequestFailure.isInstance(error)) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return GitHubRequestFailure.isInstance(cause) ? cause : undefined;
}

/**
 * `fetch` for Octokit that only talks to `origin` (GITHUB_API_URL's): a pagination `Link` or a redirect to any other
 * host is refused before the token is sent. Each request, body included, has a timeout, and all requests together a
 * deadline; the body is read whole here (so one that never ends times out) up to a size limit, and an error answer
 * is cut to a length a log can carry. It sends through `send` (node:http by default, see http-send.ts) and answers
 * with the part of a `Response` that @octokit/request reads.
 */
export function guardedFetch(origin: string, limits: RequestLimits, send: Send = sendWithNodeHttp): typeof fetch {
  const deadline = Date.now() + limits.deadlineMs;
  const guarded = async (input: string | URL, init: RequestInit | undefined): Promise<OctokitAnswer> => {
    let url = new URL(String(input));
    for (let redirects = 0; ; redirects += 1) {
      if (url.origin !== origin) {
        throw new GitHubRequestFailure(
          'other-host',
          `Not following a link from GitHub to ${url.origin}: the token is only ever sent to ${origin} (GITHUB_API_URL).`,
        );
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw deadlineFailure(limits);
      const timeout = Math.min(limits.requestTimeoutMs, remaining);
      const signal = AbortSignal.timeout(timeout);
      const method = init?.method ?? 'GET';
      const describe = `${method} ${url.pathname}`;
      const answer = await withTimeout(
        () =>
          send(url, {
            method,
            headers: (init?.headers ?? {}) as Record<string, string>,
            body: init?.body as string | undefined,
            signal,
          }),
        signal,
        () => timeoutFailure(describe, timeout, limits, remaining),
      );
      const location = answer.headers.get('location');
      if (answer.status >= 300 && answer.status < 400 && location !== undefined) {
        answer.discard();
        if (redirects >= maxRedirects) {
          throw new GitHubRequestFailure('redirects', `GitHub redirected ${describe} more than ${maxRedirects} times.`);
        }
        url = new URL(location, url);
        continue;
      }
      const body = await withTimeout(
        () => readBody(answer, limits.maxBodyBytes, describe),
        signal,
        () => timeoutFailure(describe, timeout, limits, remaining),
      );
      return octokitAnswer(answer, body, url);
    }
  };
  // Octokit calls it as `fetch(url, init)` and reads only what OctokitAnswer has.
  return guarded as unknown as typeof fetch;
}

function deadlineFailure(limits: RequestLimits): GitHubRequestFailure {
  return new GitHubRequestFailure(
    'deadline',
    `GitHub did not answer within the run's deadline of ${seconds(limits.deadlineMs)}; giving up. Re-run the job.`,
  );
}

function timeoutFailure(
  describe: string,
  timeout: number,
  limits: RequestLimits,
  remaining: number,
): GitHubRequestFailure {
  if (timeout >= remaining) return deadlineFailure(limits);
  return new GitHubRequestFailure('timeout', `GitHub did not answer ${describe} within ${seconds(timeout)}.`);
}

function seconds(milliseconds: number): string {
  return milliseconds >= 1000 ? `${Math.round(milliseconds / 100) / 10} s` : `${milliseconds} ms`;
}

/** Runs `work`, turning an abort of `signal` into the failure `onTimeout` names. */
async function withTimeout<T>(
  work: () => Promise<T>,
  signal: AbortSignal,
  onTimeout: () => GitHubRequestFailure,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (signal.aborted) throw onTimeout();
    throw error;
  }
}

async function readBody(answer: IncomingAnswer, maxBytes: number, describe: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of answer.body) {
    length += chunk.byteLength;
    if (length > maxBytes) {
      answer.discard();
      throw new GitHubRequestFailure(
        'too-large',
        `GitHub's answer to ${describe} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; not reading it.`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The part of a `Response` that @octokit/request reads: status, URL, headers, and the body as text or bytes. */
export interface OctokitAnswer {
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null; [Symbol.iterator](): Iterator<[string, string]> };
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * The answer as @octokit/request will read it. An error answer's text is cut, so that a 10 MB page of HTML becomes a
 * short message; as plain text, @octokit/request uses it whole as the error's message.
 */
function octokitAnswer(answer: IncomingAnswer, body: Buffer, url: URL): OctokitAnswer {
  const headers = new Map(answer.headers);
  // The body is whole and decoded (http-send.ts), whatever length or encoding the wire had.
  headers.delete('content-length');
  headers.delete('content-encoding');
  let bytes = body;
  if (answer.status >= 400 && body.byteLength > maxErrorBodyCharacters) {
    const cut = body.toString('utf8').slice(0, maxErrorBodyCharacters);
    bytes = Buffer.from(`${cut}… (GitHub's answer cut here; ${body.byteLength} bytes in all)`, 'utf8');
    headers.set('content-type', 'text/plain; charset=utf-8');
  }
  return {
    status: answer.status,
    statusText: answer.statusText,
    url: url.href,
    headers: { get: (name) => headers.get(name.toLowerCase()) ?? null, [Symbol.iterator]: () => headers.entries() },
    text: async () => bytes.toString('utf8'),
    arrayBuffer: async () => new Uint8Array(bytes).buffer,
  };
}

/** Limits from TUNEWISE_REQUEST_TIMEOUT_MS and TUNEWISE_DEADLINE_MS (tests shorten them); the defaults otherwise. */
export function requestLimitsFromEnvironment(environment: NodeJS.ProcessEnv): RequestLimits {
  return {
    ...defaultRequestLimits,
    requestTimeoutMs: positiveOr(environment.TUNEWISE_REQUEST_TIMEOUT_MS, defaultRequestLimits.requestTimeoutMs),
    deadlineMs: positiveOr(environment.TUNEWISE_DEADLINE_MS, defaultRequestLimits.deadlineMs),
  };
}

function positiveOr(value: string | undefined, fallback: number): number {
  const parsed = value === undefined || value === '' ? Number.NaN : Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}
