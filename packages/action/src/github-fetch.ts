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
 * is cut to a length a log can carry.
 */
export function guardedFetch(
  origin: string,
  limits: RequestLimits,
  fetchImplementation: typeof fetch = fetch,
): typeof fetch {
  const deadline = Date.now() + limits.deadlineMs;
  return async (input, init) => {
    let url = new URL(input instanceof Request ? input.url : String(input));
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
      const describe = `${init?.method ?? 'GET'} ${url.pathname}`;
      const response = await withTimeout(
        () => fetchImplementation(url, { ...init, redirect: 'manual', signal }),
        signal,
        () => timeoutFailure(describe, timeout, limits, remaining),
      );
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        if (redirects >= maxRedirects) {
          throw new GitHubRequestFailure('redirects', `GitHub redirected ${describe} more than ${maxRedirects} times.`);
        }
        url = new URL(location, url);
        continue;
      }
      const body = await withTimeout(
        () => readBody(response, limits.maxBodyBytes, describe),
        signal,
        () => timeoutFailure(describe, timeout, limits, remaining),
      );
      return rebuild(response, body, url);
    }
  };
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

async function readBody(response: Response, maxBytes: number, describe: string): Promise<Uint8Array | null> {
  if (response.body === null) return null;
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of response.body) {
    length += chunk.byteLength;
    if (length > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new GitHubRequestFailure(
        'too-large',
        `GitHub's answer to ${describe} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; not reading it.`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The answer as @octokit/request will read it. An error answer's text is cut, so that a 10 MB page of HTML becomes a
 * short message; as plain text, @octokit/request uses it whole as the error's message.
 */
function rebuild(response: Response, body: Uint8Array | null, url: URL): Response {
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  let text: Uint8Array | null = body;
  if (response.status >= 400 && body !== null && body.byteLength > maxErrorBodyCharacters) {
    const cut = Buffer.from(body).toString('utf8').slice(0, maxErrorBodyCharacters);
    text = Buffer.from(`${cut}… (GitHub's answer cut here; ${body.byteLength} bytes in all)`, 'utf8');
    headers.set('content-type', 'text/plain; charset=utf-8');
  }
  const noBody = response.status === 204 || response.status === 205 || response.status === 304;
  const rebuilt = new Response(noBody ? null : (text as ConstructorParameters<typeof Response>[0]), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
  // Octokit reports the answer's URL; a constructed Response has none of its own.
  Object.defineProperty(rebuilt, 'url', { value: url.href });
  return rebuilt;
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
