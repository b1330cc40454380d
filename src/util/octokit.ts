/**
 * The GitHub client: @actions/github's Octokit with the retry and throttling plugins,
 * pointed at GITHUB_API_URL. Built inside the Action's run() so a test can aim it at a local
 * server. It lives on the bottom floor because the Action (comments) and the branch baseline
 * store (baseline/branchStore.ts) both talk to GitHub through it.
 */
import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  baseUrl: string;
  /** Retries of a request that answered 5xx (Octokit retry) or 429 (throttling). */
  retries?: number;
  /** Milliseconds per "second" of back-off; tests shrink it. */
  retryUnitMs?: number;
  log?: (message: string) => void;
}

/** A 5xx or 429 is retried this many times, then the step's failure policy takes over. */
export const DEFAULT_API_RETRIES = 2;

/** Waiting longer than this for a rate limit to reset is worse than skipping the comment. */
export const MAX_RATE_LIMIT_WAIT_S = 60;

export function createClient(options: ClientOptions): GitHubClient {
  const retries = options.retries ?? DEFAULT_API_RETRIES;
  const unit = options.retryUnitMs ?? 1000;
  const log = options.log ?? (() => {});
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method?: string; url?: string },
      _o: unknown,
      retryCount: number,
    ) => {
      const again = retryCount < retries && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
      log(
        `GitHub API ${kind} on ${request.method ?? ""} ${request.url ?? ""}: ${again ? `retrying in ${retryAfter} s` : "giving up"}`,
      );
      return again;
    };
  return getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl,
      retry: { retries, retryAfterBaseValue: unit },
      throttle: {
        retryAfterBaseValue: unit,
        fallbackSecondaryRateRetryAfter: 5,
        onRateLimit: onLimit("rate limit"),
        onSecondaryRateLimit: onLimit("secondary rate limit"),
      },
      // Octokit's own log would print request details to stdout; the Action reports itself.
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    } as Parameters<typeof getOctokit>[1],
    retry,
    throttling,
  );
}
