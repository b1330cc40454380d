/**
 * File-descriptor limits for the scaling scenario. Every connection is a descriptor in both
 * processes, so N = 1,000 needs more than the 1,024 that many systems give a process by
 * default. Node cannot call setrlimit, so each child starts through
 * `sh -c 'ulimit -n <hard>; exec …'`, which raises its soft limit to the hard one; the
 * parent asks the same shell what limit that gives and plans N from it. An N the limit
 * cannot hold is not attempted, and the results say so: never a crash, never a silently
 * smaller N.
 */
import { spawnSync } from "node:child_process";

/** Descriptors a perfgate child needs beside its N connections: stdio, the event loop,
 *  listeners, a probe, an info connection, Node's own pipes (about 25 seen here), slack. */
export const FD_RESERVE = 64;

/** Raise the soft limit to the hard one (quietly keep it when the shell may not), then run
 *  the rest of the argv: `[...RAISE_PREFIX, "taskset", …]`. */
const RAISE = 'ulimit -n "$(ulimit -H -n)" 2>/dev/null; exec "$@"';

export function raiseLimitPrefix(platform = process.platform): string[] {
  return platform === "win32" ? [] : ["sh", "-c", RAISE, "sh"];
}

/**
 * The open-file limit a child started with raiseLimitPrefix() gets: a number, Infinity for
 * "unlimited", or undefined where it cannot be known (no POSIX shell).
 */
export function childFileLimit(platform = process.platform): number | undefined {
  if (platform === "win32") return undefined;
  const answer = spawnSync("sh", ["-c", RAISE, "sh", "sh", "-c", "ulimit -n"], {
    encoding: "utf8",
    timeout: 5000,
  });
  const text = answer.status === 0 ? String(answer.stdout).trim() : "";
  if (text === "unlimited") return Number.POSITIVE_INFINITY;
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

export interface ConnectionsPlan {
  /** The N to attempt, ascending. */
  feasible: number[];
  /** Those left out, and why (for the results' notes); undefined when none were. */
  note?: string;
}

/** Which of the wanted N a limit of `limit` descriptors per process can hold. */
export function planConnections(
  wanted: readonly number[],
  limit: number | undefined,
): ConnectionsPlan {
  if (limit === undefined) return { feasible: [...wanted] };
  const feasible = wanted.filter((n) => n + FD_RESERVE <= limit);
  const left = wanted.filter((n) => n + FD_RESERVE > limit);
  if (left.length === 0) return { feasible };
  return {
    feasible,
    note: limitNote(feasible, left, `the open-file limit (ulimit -n) is ${limit}`),
  };
}

/** "scaling: stopped at n=100; n=500, n=1000 not measured: <why>". */
export function stopNote(done: readonly number[], left: readonly number[], why: string): string {
  const last = done[done.length - 1];
  const stopped = last === undefined ? "measured no N" : `stopped at n=${last}`;
  return `scaling: ${stopped}; ${left.map((n) => `n=${n}`).join(", ")} not measured: ${why}`;
}

/** The stop note for a descriptor limit, with what it would take to go further. */
export function limitNote(done: readonly number[], left: readonly number[], why: string): string {
  const first = left[0] as number;
  return `${stopNote(done, left, why)}; n=${first} needs about ${first + FD_RESERVE} descriptors per process: raise the hard limit (ulimit -Hn, LimitNOFILE) to measure it`;
}
