/**
 * One call into @actions/cache, with a deadline and with what went wrong.
 *
 * The library never throws for service trouble: restoreCache answers `undefined` and
 * saveCache `-1`, and the reason goes only to the log as a `::warning::`/`::error::`
 * workflow command ("Failed to restore: … (429) Too Many Requests") or an info line
 * ("Attempt 2 of 5 failed with error: …"). To tell "no baseline" from "the baseline could
 * not be read", we listen to those lines while the call runs. Its warnings and errors are
 * held back (the caller words one warning with the cause and what happens next; a red
 * `::error::` annotation for a step that passes would mislead); other lines pass through.
 */
import { DeadlineError, withDeadline } from "../util/deadline.js";

export type CacheCallResult<T> =
  /** `matched`: the key the lookup found, even when its download or unpacking failed. */
  { ok: true; value: T; failure?: string; matched?: string } | { ok: false; problem: string };

/** Lines of the library that say a call failed, most specific first. */
const FAILED = /^(?:Failed to (?:restore|save): |Cache reservation failed: )(.*)$/;
const ATTEMPT = /^Attempt \d+ of \d+ failed with error: (.*?)(?:\. Retrying request in .*)?$/;
const RATE_LIMIT = /^You've hit a rate limit/;
const HIT = /^Cache hit for(?: restore-key)?: (.*)$/;
const RESERVE = /^Failed to reserve cache: (?:Error: )?(.*)$/;

/** What the cause sounds like to a person, from the library's own words. */
export function describeCacheFailure(detail: string): string {
  if (/\b429\b|rate limit/i.test(detail))
    return `the cache service is rate-limiting this repository (${detail})`;
  if (/\b403\b|denied|forbidden/i.test(detail))
    return `the cache service refused this token (${detail})`;
  if (/\b401\b/.test(detail))
    return `the cache service did not accept the runtime token (${detail})`;
  if (/\b5\d\d\b/.test(detail)) return `the cache service failed (${detail})`;
  if (/\btar\b|zstd|gzip|archive|unexpected end/i.test(detail))
    return `the cache entry's archive could not be unpacked (${detail})`;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|socket hang up|fetch failed/i.test(detail))
    return `the cache service could not be reached (${detail})`;
  return detail;
}

/**
 * Runs `work` while listening to the workflow commands the library prints; past `ms` it
 * gives up with the last thing the library said. Only one call runs at a time.
 */
export async function cacheCall<T>(
  what: string,
  ms: number,
  work: () => Promise<T>,
): Promise<CacheCallResult<T>> {
  const heard = {
    failure: undefined as string | undefined,
    attempt: "",
    rateLimit: "",
    reserve: undefined as string | undefined,
    matched: undefined as string | undefined,
  };
  const write = process.stdout.write;
  const listen = (chunk: unknown): boolean => {
    const text = typeof chunk === "string" ? chunk : String(chunk);
    let held = false;
    for (const raw of text.split(/\r?\n/)) {
      const command = /^::(warning|error|debug)(?: [^:]*)?::(.*)$/.exec(raw);
      if (command && command[1] !== "debug") held = true;
      // Command data is one line with %0A escapes: match it whole, keep the first line.
      const line = command ? (command[2] as string) : raw;
      const first = (m: RegExpExecArray | null) =>
        m ? (decode(m[1] as string).split(/\r?\n/)[0] as string) : undefined;
      const failed = first(FAILED.exec(line));
      if (failed !== undefined && command?.[1] !== "debug") heard.failure ??= failed;
      // The library words every failed reservation as "another job may be creating this
      // cache"; its debug line has the real cause.
      const reserve = first(RESERVE.exec(line));
      if (reserve !== undefined) heard.reserve = reserve;
      const attempt = first(ATTEMPT.exec(line));
      if (attempt !== undefined) heard.attempt = attempt;
      if (RATE_LIMIT.test(line)) heard.rateLimit = line;
      const hit = first(HIT.exec(line));
      if (hit !== undefined) heard.matched = hit;
    }
    return held;
  };
  process.stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    if (listen(chunk)) return true;
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof process.stdout.write;
  try {
    const value = await withDeadline(work(), ms, what);
    const failure = heard.reserve ?? heard.failure;
    return {
      ok: true,
      value,
      ...(failure !== undefined ? { failure: describeCacheFailure(failure) } : {}),
      ...(heard.matched !== undefined ? { matched: heard.matched } : {}),
    };
  } catch (error) {
    const last = heard.reserve ?? heard.failure ?? (heard.rateLimit || heard.attempt);
    if (error instanceof DeadlineError) {
      return {
        ok: false,
        problem: `${error.message}${last ? `; the last answer: ${describeCacheFailure(last)}` : ""}`,
      };
    }
    return { ok: false, problem: describeCacheFailure((error as Error).message) };
  } finally {
    process.stdout.write = write;
  }
}

/** Workflow command data escapes %, CR and LF. */
function decode(text: string): string {
  return text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}
