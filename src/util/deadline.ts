/**
 * Deadlines for calls that may never answer. A library call that stalls (a socket that
 * accepts and never replies, a download that stops mid-way) would keep a job running for
 * hours; racing it against a timer turns that into an error the caller can report.
 */

export class DeadlineError extends Error {
  override name = "DeadlineError";
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what} did not finish within ${formatSeconds(ms)}`);
  }
}

/** "1.5 s", "30 s": deadlines are set in seconds, tests use fractions. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/**
 * Settles with `work`, or rejects with a DeadlineError after `ms`. The abandoned work is
 * not cancelled (the libraries give no handle for it) but its late failure is swallowed,
 * and the entry point ends the process when the run is done.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  work.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Time left of a budget that started at `start` (ms since the epoch). */
export function remaining(start: number, budgetMs: number, now: number): number {
  return Math.max(0, start + budgetMs - now);
}
