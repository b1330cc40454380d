/**
 * A baseline that knows about steps. History mode compares with the last N runs; after an
 * intended +20 % step on the baseline branch half of them sit at the old level, the learned
 * noise balloons, and real regressions hide until the old runs age out. So for each
 * benchmark/metric whose series has a change point, the baseline is the runs since its
 * newest step — when there are at least `minRuns` of them; with fewer, all runs stay (the
 * noise cannot be learned from two runs) and the note says so.
 *
 * Only which runs each metric's baseline holds changes here; the verdict is untouched.
 */
import { viewWithout } from "../model/historyColumns.js";
import type { Results } from "../model/types.js";
import {
  CHANGE_DEFAULTS,
  type ChangeOptions,
  seriesChanges,
  seriesOf,
  shortCommit,
} from "./historyChanges.js";
import { pct } from "./severity.js";

/** Fewest runs since a step for them alone to be the baseline: MIN_HISTORY_FOR_NOISE (3)
 *  learns a noise, but its t interval is then so wide that little is graded; five runs
 *  give a usable one, and are five pushes at most. */
export const MIN_RUNS_SINCE_STEP = 5;

export interface StepCut {
  benchmark: string;
  metric: string;
  /** First commit at the new level. */
  commit: string | null;
  change: number;
  /** Runs at the new level (the step's run included). */
  runsSince: number;
  /** Whether the baseline was cut to those runs (false: too few, all runs kept). */
  used: boolean;
}

export interface StepAwareBaseline {
  /** The runs, with each stepped metric left out of the runs before its step. */
  runs: Results[];
  cuts: StepCut[];
  /** What the report says about it, one line per commit. */
  notes: string[];
}

/** The names in a note: three, then how many more. */
const NAMES_SHOWN = 3;

function names(cuts: StepCut[]): string {
  const shown = cuts
    .slice(0, NAMES_SHOWN)
    .map((c) => `${c.benchmark} ${c.metric} moved ${pct(c.change)}`);
  const more = cuts.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

function notesOf(cuts: StepCut[], total: number, minRuns: number): string[] {
  const byCommit = new Map<string, StepCut[]>();
  for (const c of cuts) {
    const key = `${c.used}\u0000${c.commit}\u0000${c.runsSince}`;
    byCommit.set(key, [...(byCommit.get(key) ?? []), c]);
  }
  return [...byCommit.values()].map((group) => {
    const c = group[0] as StepCut;
    const commit = shortCommit(c.commit);
    return c.used
      ? `baseline: ${c.runsSince} runs since ${commit}, where ${names(group)}`
      : `${names(group)} at ${commit}, only ${c.runsSince} run${c.runsSince === 1 ? "" : "s"} ago (fewer than ${minRuns}): the baseline is still all ${total} runs, the old level included`;
  });
}

/** The baseline `runs` (oldest first) cut at each metric's newest step. */
export function stepAwareBaseline(
  runs: Results[],
  options: ChangeOptions = CHANGE_DEFAULTS,
  minRuns = MIN_RUNS_SINCE_STEP,
): StepAwareBaseline {
  const cuts: StepCut[] = [];
  /** run index → benchmark → metrics to leave out of that run. */
  const drop = new Map<number, Map<string, Set<string>>>();
  for (const series of seriesOf(runs)) {
    const newest = seriesChanges(series, runs, options).at(-1);
    if (!newest) continue;
    const runsSince = runs.length - newest.run;
    const used = runsSince >= minRuns;
    const { benchmark, metric, commit, change } = newest;
    cuts.push({ benchmark, metric, commit, change, runsSince, used });
    if (!used) continue;
    for (let i = 0; i < newest.run; i++) {
      const byBench = drop.get(i) ?? new Map<string, Set<string>>();
      drop.set(i, byBench);
      const metrics = byBench.get(series.benchmark) ?? new Set<string>();
      byBench.set(series.benchmark, metrics);
      metrics.add(series.metric);
    }
  }
  if (cuts.length === 0) return { runs, cuts, notes: [] };
  const cutRuns = runs.map((run, i) => {
    const byBench = drop.get(i);
    if (!byBench) return run;
    // A run of a compact history stays a view of its columns (historyColumns.ts).
    const view = viewWithout(run, (b, m) => byBench.get(b)?.has(m) ?? false);
    if (view) return view;
    const benchmarks = run.benchmarks
      .map((b) => {
        const gone = byBench.get(b.name);
        if (!gone) return b;
        const metrics = Object.fromEntries(
          Object.entries(b.metrics).filter(([name]) => !gone.has(name)),
        );
        return { ...b, metrics };
      })
      .filter((b) => Object.keys(b.metrics).length > 0);
    return { ...run, benchmarks };
  });
  return { runs: cutRuns, cuts, notes: notesOf(cuts, runs.length, minRuns) };
}
