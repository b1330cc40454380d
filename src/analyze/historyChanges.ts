/**
 * The change points of every benchmark/metric series in a history: one value per run (the
 * median of its rounds), in run order, handed to `changePoints` one series at a time. Each
 * change names the first run at the new level by its commit and is graded on the usual
 * scale (docs/statistics.md, "Severity"); a step under the tolerance is not reported.
 */
import type { AcceptEntry, Config } from "../model/config.js";
import { DEFAULT_THRESHOLDS, type Severity, type Thresholds } from "../model/defaults.js";
import type { Direction, Results } from "../model/types.js";
import { acceptingEntry } from "./accept.js";
import { CHANGE_POINT_DEFAULTS, type ChangePointOptions, changePoints } from "./changePoints.js";
import { collectRuns } from "./observations.js";
import { policyFor } from "./rules.js";
import { band } from "./severity.js";
import { median } from "./summary.js";

export interface SeriesChange {
  benchmark: string;
  metric: string;
  unit: string;
  direction: Direction;
  /** The first run at the new level: its commit (null when the run has none), time and
   *  position in the history (0 = oldest). */
  commit: string | null;
  timestamp: string;
  run: number;
  /** Levels before and after (medians of the runs in each level), in `unit`. */
  before: number;
  after: number;
  /** after / before − 1. */
  change: number;
  kind: "regression" | "improvement";
  severity: Severity;
  runsBefore: number;
  runsAfter: number;
  /** The reason of the `.perfgate.yml` accept: entry naming this commit, when one does:
   *  an intended step, listed but never alerted. */
  accepted?: string;
}

export interface ChangeOptions {
  /** The thresholds of a series no rule names (with `config`, its rules refine them per
   *  benchmark and metric, as the verdict's do). */
  thresholds: Thresholds;
  /** `.perfgate.yml`: each series is graded by the thresholds its rules give it, takes a
   *  rule's direction, and is skipped when a rule ignores it. */
  config?: Config;
  changePoints: ChangePointOptions;
  /** `.perfgate.yml` accept: entries; those naming a change's commit mark it accepted. */
  accept?: readonly AcceptEntry[];
}

export const CHANGE_DEFAULTS: ChangeOptions = {
  thresholds: DEFAULT_THRESHOLDS,
  changePoints: CHANGE_POINT_DEFAULTS,
};

/** What `.perfgate.yml` makes of the defaults: its thresholds, its rules, its accept:
 *  entries (or `accept`, where entries naming a pull request were resolved to commits). */
export function changeOptionsFor(
  config: Config | undefined,
  accept: readonly AcceptEntry[] = config?.accept ?? [],
): ChangeOptions {
  return {
    ...CHANGE_DEFAULTS,
    thresholds: { ...DEFAULT_THRESHOLDS, ...config?.thresholds },
    accept,
    ...(config ? { config } : {}),
  };
}

export interface Series {
  benchmark: string;
  metric: string;
  unit: string;
  direction: Direction;
  /** One value per run of the history; NaN where the run lacks this metric. */
  values: number[];
}

/** Every benchmark/metric of `runs` as a series, in order of first appearance: the same
 *  view the verdict reads (observations.ts), one median per run. */
export function seriesOf(runs: readonly Results[]): Series[] {
  const out: Series[] = [];
  for (const m of collectRuns(runs).values()) {
    // A loop, not Array.from with a mapping: this is a median for each of 900,000 runs.
    const values = new Array<number>(m.runs.length);
    for (let i = 0; i < values.length; i++) {
      const samples = m.runs[i];
      values[i] = samples ? median(samples) : Number.NaN;
    }
    out.push({
      benchmark: m.benchmark,
      metric: m.metric,
      unit: m.unit,
      direction: m.direction,
      values,
    });
  }
  return out;
}

/** A step in the worse (regression) or better direction, graded; undefined under the
 *  tolerance. */
export function gradeStep(
  change: number,
  direction: Direction,
  thresholds: Thresholds,
): { kind: SeriesChange["kind"]; severity: Severity } | undefined {
  const worse = direction === "lower" ? change : -change;
  // Under the tolerance a step may be real, but it is not one anyone should act on.
  if (Math.abs(worse) < thresholds.tolerance) return undefined;
  const severity = band(Math.abs(worse), thresholds);
  if (!severity) return undefined;
  return { kind: worse > 0 ? "regression" : "improvement", severity };
}

/** The graded change points of one series; `runs` gives their commits. */
export function seriesChanges(
  series: Series,
  runs: readonly Results[],
  options: ChangeOptions = CHANGE_DEFAULTS,
): SeriesChange[] {
  const out: SeriesChange[] = [];
  // The same policy the verdict applies to this benchmark and metric: a rule that loosens
  // a noisy benchmark's bands, flips its direction or ignores it does so here too.
  const policy = options.config
    ? policyFor(options.config, series.benchmark, series.metric)
    : undefined;
  if (policy?.ignore) return out;
  const thresholds = policy ? { ...policy.thresholds } : options.thresholds;
  const direction = policy?.direction ?? series.direction;
  for (const p of changePoints(series.values, options.changePoints)) {
    const graded = gradeStep(p.change, direction, thresholds);
    if (!graded) continue;
    const run = runs[p.index] as Results;
    const entry = acceptingEntry(options.accept ?? [], series.benchmark, series.metric, run.commit);
    out.push({
      benchmark: series.benchmark,
      metric: series.metric,
      unit: series.unit,
      direction,
      commit: run.commit ?? null,
      timestamp: run.timestamp,
      run: p.index,
      before: p.before,
      after: p.after,
      change: p.change,
      ...graded,
      runsBefore: p.runsBefore,
      runsAfter: p.runsAfter,
      ...(entry ? { accepted: entry.reason } : {}),
    });
  }
  return out;
}

/** The commit as people read it: a full git id (SHA-1 or SHA-256) shortened to 7
 *  characters as git does; anything else (a ref name, a label) as given; "(no commit)"
 *  when the run had none. */
export function shortCommit(commit: string | null): string {
  if (!commit) return "(no commit)";
  return /^[0-9a-f]{40,64}$/i.test(commit) ? commit.slice(0, 7) : commit;
}

/** Every graded change in `runs` (oldest first), ordered by run, benchmark and metric. */
export function historyChanges(
  runs: readonly Results[],
  options: ChangeOptions = CHANGE_DEFAULTS,
): SeriesChange[] {
  const all = seriesOf(runs).flatMap((s) => seriesChanges(s, runs, options));
  return all.sort(
    (a, b) =>
      a.run - b.run || a.benchmark.localeCompare(b.benchmark) || a.metric.localeCompare(b.metric),
  );
}
