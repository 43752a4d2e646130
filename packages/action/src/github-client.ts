import * as core from '@actions/core';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { yieldWithoutTimerClamp } from './bottleneck-yield.js';
import { checkAnswer } from './github-answers.js';
import { defaultRequestLimits, guardedFetch, type RequestLimits } from './github-fetch.js';
import { warning } from './log.js';

/**
 * Octokit with pagination, retries and throttling. Not @actions/github's `getOctokit`: it also loads a second HTTP
 * client (undici, 400 kB of the bundle, with a proxy-aware fetch that {@link guardedFetch} replaces anyway) and reads
 * the event payload at import. Nor plugin-rest-endpoint-methods: its table of every GitHub endpoint was 83 kB of the
 * bundle, built into a map at start-up, for the eight routes the action calls by name (`client.request(route)`).
 */
const GitHubOctokit = Octokit.plugin(paginateRest, retry, throttling);

export type GitHubClient = InstanceType<typeof GitHubOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** GITHUB_API_URL: the only host the action talks to. */
  baseUrl: string;
  /** Milliseconds per unit of backoff (retry: 1, 4, 9 units; rate limits: `retry-after` seconds). Default 1000. */
  retryBaseMs?: number;
  /** Timeouts, deadline and answer size; {@link defaultRequestLimits} otherwise. */
  limits?: RequestLimits;
}

const maxRateLimitRetries = 2;
/** A job should not sit idle for a primary rate limit that resets in an hour; it fails and can be re-run. */
const maxRateLimitWaitSeconds = 120;

/** Retry a rate-limited request a couple of times, when GitHub asks for a short wait. */
export function shouldRetryRateLimit(retryAfterSeconds: number, retryCount: number): boolean {
  return retryCount < maxRateLimitRetries && retryAfterSeconds <= maxRateLimitWaitSeconds;
}

/**
 * Octokit with retries on 5xx and timeouts (plugin-retry, 3 at most, quadratic backoff) and on primary and secondary
 * rate limits (plugin-throttling, honouring `retry-after`). It talks only to `baseUrl`'s origin, within a timeout per
 * request and a deadline for the run (guardedFetch), and checks the fields of each answer it reads (checkAnswer).
 * The token is registered as a secret so it is masked in logs.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  yieldWithoutTimerClamp();
  // getOctokit refused an empty token too; this says which input is missing.
  if (options.token === '')
    throw new Error('The "github-token" input is empty; the action needs a token for the GitHub API.');
  core.setSecret(options.token);
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const onLimit =
    (kind: string) =>
    (retryAfterSeconds: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const retrying = shouldRetryRateLimit(retryAfterSeconds, retryCount);
      const next = retrying ? `retrying after ${retryAfterSeconds}s` : 'giving up';
      warning(`GitHub ${kind} on ${request.method} ${request.url}; ${next}.`);
      return retrying;
    };
  const userAgent = userAgentWithOrchestrationId(process.env.ACTIONS_ORCHESTRATION_ID);
  const client = new GitHubOctokit({
    auth: `token ${options.token}`,
    ...(userAgent === undefined ? {} : { userAgent }),
    baseUrl: options.baseUrl,
    request: { fetch: guardedFetch(new URL(options.baseUrl).origin, options.limits ?? defaultRequestLimits) },
    retry: { retryAfterBaseValue: retryBaseMs },
    throttle: {
      retryAfterBaseValue: retryBaseMs,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
  });
  client.hook.after('request', (response, requestOptions) => {
    checkAnswer(requestOptions.method, requestOptions.url, response.url, response.data);
  });
  return client;
}

/**
 * The user agent `getOctokit` sends on a runner that sets ACTIONS_ORCHESTRATION_ID: Octokit's own, tagged with the
 * (sanitised) id; `undefined` keeps Octokit's.
 */
export function userAgentWithOrchestrationId(orchestrationId: string | undefined): string | undefined {
  const id = orchestrationId?.trim();
  return id ? `actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, '_')}` : undefined;
}

/** Backoff unit from TUNEWISE_RETRY_BASE_MS (tests shorten it); 1000 ms otherwise. */
export function retryBaseMsFromEnvironment(value: string | undefined): number {
  const parsed = value === undefined || value === '' ? Number.NaN : Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : 1000;
}
