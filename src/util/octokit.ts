/**
 * The GitHub client: @actions/github's Octokit pointed at GITHUB_API_URL, sending through
 * a fetch that gives every attempt a deadline and retries what is worth retrying within
 * the run's budget. Built inside the Action's run() so a test can aim it at a local server.
 * It lives on the bottom floor because the Action (comments) and the branch baseline store
 * (baseline/branchStore.ts) both talk to GitHub through it.
 *
 * Retries live here rather than in @octokit/plugin-retry and -throttling: those wait
 * (retries + 1)² "units" and know nothing of a budget, so a run either gives up one try
 * early or waits past the point where a comment is still useful.
 */
import { getOctokit } from "@actions/github";
import { defaults as githubDefaults } from "@actions/github/lib/utils";
import { formatSeconds } from "./deadline.js";

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  token: string;
  baseUrl: string;
  /** Retries of a request that answered 5xx or 429, or did not answer at all. */
  retries?: number;
  /** First back-off wait, doubled per retry (a `Retry-After` answer overrides it). */
  retryBaseMs?: number;
  /** The longest one attempt may take. */
  attemptMs?: number;
  /** Epoch ms after which no retry is started (and no wait runs past it). */
  stopAt?: () => number;
  /** Aborts every request in flight (the publish budget ran out). */
  signal?: AbortSignal;
  log?: (message: string) => void;
  now?: () => number;
}

/** "500 three times then success" must succeed: four retries, five attempts in all. */
export const DEFAULT_API_RETRIES = 4;
/** 0.5 s, 1 s, 2 s, 4 s: 7.5 s of waiting at most, well inside the publish budget. */
export const DEFAULT_RETRY_BASE_MS = 500;
/** One GitHub API answer rarely takes a second; 15 s means it is not coming. */
export const DEFAULT_API_ATTEMPT_MS = 15_000;

type Fetch = typeof globalThis.fetch;

/** A wait GitHub asked for: `Retry-After` (seconds or a date), or a used-up rate limit's reset. */
export function askedWaitMs(headers: Headers, status: number, now: number): number | undefined {
  const after = headers.get("retry-after");
  if (after) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (
    (status === 403 || status === 429) &&
    headers.get("x-ratelimit-remaining") === "0" &&
    Number.isFinite(reset) &&
    reset > 0
  ) {
    return Math.max(0, reset * 1000 - now);
  }
  return undefined;
}

function worthRetrying(status: number, headers: Headers): boolean {
  if (status >= 500 || status === 429) return true;
  // A 403 is a missing permission, unless it says a rate limit is used up.
  return (
    status === 403 && (headers.get("x-ratelimit-remaining") === "0" || headers.has("retry-after"))
  );
}

/** Wraps `inner` with a per-attempt deadline, retries and back-off within `stopAt`. */
export function patientFetch(inner: Fetch, o: ClientOptions): Fetch {
  const retries = o.retries ?? DEFAULT_API_RETRIES;
  const base = o.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
  const attemptMs = o.attemptMs ?? DEFAULT_API_ATTEMPT_MS;
  const now = o.now ?? Date.now;
  const log = o.log ?? (() => {});
  return async (input, init = {}) => {
    const what = `${init.method ?? "GET"} ${new URL(String(input instanceof Request ? input.url : input)).pathname}`;
    for (let attempt = 0; ; attempt++) {
      const signals = [AbortSignal.timeout(attemptMs), init.signal, o.signal].filter(
        (s): s is AbortSignal => s instanceof AbortSignal,
      );
      let outcome: { response: Response } | { error: unknown };
      try {
        outcome = { response: await inner(input, { ...init, signal: AbortSignal.any(signals) }) };
      } catch (error) {
        // Our caller gave up: no retry.
        if (init.signal?.aborted || o.signal?.aborted) throw error;
        outcome = { error };
      }
      const status = "response" in outcome ? outcome.response.status : 0;
      const headers = "response" in outcome ? outcome.response.headers : new Headers();
      if ("response" in outcome && !worthRetrying(status, headers)) return outcome.response;
      const asked = status ? askedWaitMs(headers, status, now()) : undefined;
      const wait = asked ?? base * 2 ** attempt * (0.75 + Math.random() / 2);
      const stopAt = o.stopAt?.() ?? Number.POSITIVE_INFINITY;
      const cause =
        "response" in outcome
          ? `answered ${status}`
          : `failed (${(outcome.error as Error).message ?? outcome.error})`;
      if (attempt >= retries || now() + wait >= stopAt) {
        log(
          `GitHub API ${what} ${cause}; not retrying (${attempt >= retries ? `${attempt + 1} attempts made` : `a wait of ${formatSeconds(wait)} would pass the time budget`}).`,
        );
        if ("response" in outcome) return outcome.response;
        throw outcome.error;
      }
      log(`GitHub API ${what} ${cause}; retrying in ${formatSeconds(wait)}.`);
      if ("response" in outcome) await outcome.response.arrayBuffer().catch(() => undefined);
      await new Promise((r) => setTimeout(r, wait));
    }
  };
}

export function createClient(options: ClientOptions): GitHubClient {
  const inner = (githubDefaults.request?.fetch ?? globalThis.fetch) as Fetch;
  return getOctokit(options.token, {
    baseUrl: options.baseUrl,
    request: { fetch: patientFetch(inner, options) },
    // Octokit's own log would print request details to stdout; the Action reports itself.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  } as Parameters<typeof getOctokit>[1]);
}
