/**
 * Why a GitHub API call failed, in words that send a person the right way: a used-up rate
 * limit is not a missing permission, and a stalled server is not "no baseline". Reads the
 * status and headers Octokit attaches to its RequestError; pure, so tests pin the wording.
 */

export type ApiFailureKind =
  | "rate-limit"
  | "permission"
  | "not-found"
  | "invalid"
  | "service"
  | "timeout"
  | "unreachable"
  | "other";

export interface ApiFailure {
  kind: ApiFailureKind;
  status?: number;
  /** One clause naming the cause, e.g. "GitHub's API rate limit for this token is used up …". */
  text: string;
}

interface ErrorShape {
  status?: unknown;
  message?: unknown;
  name?: unknown;
  response?: { headers?: Record<string, string | number | undefined> };
}

function header(e: ErrorShape, name: string): string | undefined {
  const value = e.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** "18:42:10 UTC (in 12 min)" for an epoch-seconds reset header. */
export function formatReset(resetEpochS: number, now: number): string {
  const at = new Date(resetEpochS * 1000);
  const inS = Math.max(0, Math.round(resetEpochS - now / 1000));
  const wait = inS < 120 ? `${inS} s` : `${Math.round(inS / 60)} min`;
  return `${at.toISOString().slice(11, 19)} UTC (in ${wait})`;
}

export function describeApiFailure(error: unknown, now: number = Date.now()): ApiFailure {
  const e = (error ?? {}) as ErrorShape;
  const status = typeof e.status === "number" ? e.status : undefined;
  const message = String(e.message ?? error).split("\n")[0] as string;
  const name = String(e.name ?? "");
  const remaining = header(e, "x-ratelimit-remaining");
  const reset = Number(header(e, "x-ratelimit-reset"));
  const retryAfter = header(e, "retry-after");
  if (name === "DeadlineError" || /timeout|timed out|aborted/i.test(message)) {
    return {
      kind: "timeout",
      ...(status ? { status } : {}),
      text: `GitHub's API did not answer in time (${message})`,
    };
  }
  if (
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|socket hang up|fetch failed/i.test(
      message,
    )
  ) {
    return { kind: "unreachable", text: `GitHub's API could not be reached (${message})` };
  }
  if (
    (status === 403 || status === 429) &&
    (remaining === "0" || /rate limit/i.test(message) || status === 429)
  ) {
    const when =
      remaining === "0" && Number.isFinite(reset) && reset > 0
        ? `; it resets at ${formatReset(reset, now)}`
        : retryAfter
          ? `; GitHub asks to wait ${retryAfter} s`
          : "";
    return {
      kind: "rate-limit",
      status,
      text: `GitHub's API rate limit for this token is used up (${status} ${message})${when}`,
    };
  }
  if (status === 401)
    return { kind: "permission", status, text: `GitHub did not accept the token (401 ${message})` };
  if (status === 403)
    return { kind: "permission", status, text: `GitHub answered 403 (${message})` };
  if (status === 404)
    return { kind: "not-found", status, text: `GitHub answered 404 (${message})` };
  if (status === 422) return { kind: "invalid", status, text: `GitHub answered 422 (${message})` };
  if (status !== undefined && status >= 500) {
    return { kind: "service", status, text: `GitHub's API failed (${status} ${message})` };
  }
  return {
    kind: "other",
    ...(status ? { status } : {}),
    text: `GitHub answered ${status ?? "with an error"} (${message})`,
  };
}
