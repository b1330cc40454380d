/**
 * The baseline history as pure functions: append a run, merge two histories, keep the last
 * N. Runs are ordered oldest first (newest last) and there is at most one run per commit;
 * when a commit was measured twice, the newer run replaces the older one.
 *
 * Two pushes to the baseline branch can race: both read history H, each appends its run and
 * writes back. `mergeHistory` is what the second writer does with what it finds, so that
 * neither run is lost:
 *
 *     stored   a b c d E        (E written by the other push)
 *     mine     a b c d F
 *     merged   a b c d E F      (ordered by timestamp, then trimmed to the window)
 */
import { InputError } from "../util/errors.js";
import { DEFAULT_HISTORY_SIZE } from "./defaults.js";
import { HISTORY_SCHEMA, type History, type Results } from "./types.js";

export function emptyHistory(suite: string): History {
  return { schema: HISTORY_SCHEMA, suite, runs: [] };
}

/** Runs with the same key measured the same commit. Runs without a commit never collide
 *  with each other unless they are the same run (same timestamp). */
function keyOf(run: Results): string {
  return run.commit ? `commit:${run.commit}` : `time:${run.timestamp}`;
}

function time(run: Results): number {
  const t = Date.parse(run.timestamp);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * `runs` ordered by timestamp (stable: equal times keep their order), one per commit with
 * later entries replacing earlier ones of the same commit, the last `size` kept.
 */
function normalise(runs: Results[], size: number): Results[] {
  const byKey = new Map<string, { run: Results; order: number }>();
  runs.forEach((run, order) => {
    const key = keyOf(run);
    const seen = byKey.get(key);
    // The newer measurement of a commit wins; at equal times the later-listed one does.
    if (!seen || time(run) >= time(seen.run)) byKey.set(key, { run, order });
  });
  const ordered = [...byKey.values()].sort(
    (a, b) => time(a.run) - time(b.run) || a.order - b.order,
  );
  return ordered.slice(Math.max(0, ordered.length - size)).map((x) => x.run);
}

function checkSuite(history: History, run: Results): void {
  if (run.suite !== history.suite) {
    throw new InputError(
      `cannot add a run of suite '${run.suite}' to the history of '${history.suite}'`,
    );
  }
}

/** The history with `run` added as the newest run (replacing an older run of its commit). */
export function appendRun(
  history: History,
  run: Results,
  size: number = DEFAULT_HISTORY_SIZE,
): History {
  checkSuite(history, run);
  // Appended last, so at an equal timestamp it still replaces the stored run of its commit.
  return { ...history, runs: normalise([...history.runs, run], size) };
}

/**
 * Everything either history holds, one run per commit (the newer measurement), ordered by
 * time and trimmed to the last `size`. No run that would be inside the window is lost,
 * whichever side held it; when both sides hold the same run, `incoming` wins a tie.
 */
export function mergeHistory(
  existing: History,
  incoming: History,
  size: number = DEFAULT_HISTORY_SIZE,
): History {
  if (existing.suite !== incoming.suite) {
    throw new InputError(
      `cannot merge the history of suite '${incoming.suite}' into that of '${existing.suite}'`,
    );
  }
  return { ...existing, runs: normalise([...existing.runs, ...incoming.runs], size) };
}

/**
 * The last `size` of `runs` as history mode compares with them: ordered by timestamp,
 * oldest first (equal times keep the order given). Unlike a stored history, runs of one
 * commit are all kept: given files are the user's choice.
 */
export function newestRuns(runs: Results[], size: number = DEFAULT_HISTORY_SIZE): Results[] {
  const ordered = runs
    .map((run, order) => ({ run, order }))
    .sort((a, b) => time(a.run) - time(b.run) || a.order - b.order);
  return ordered.slice(Math.max(0, ordered.length - size)).map((x) => x.run);
}

/** The last `size` runs, one per commit, newest last. */
export function trimHistory(history: History, size: number = DEFAULT_HISTORY_SIZE): History {
  return { ...history, runs: normalise(history.runs, size) };
}
