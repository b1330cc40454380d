/**
 * What the comparison produces and the renderers consume: the in-memory report. The public
 * JSON report (schema/report.v1.json) is written from this by src/report/json.ts.
 */

import type { Config } from "../model/config.js";
import type { FailOn, Severity, Thresholds } from "../model/defaults.js";
import type { SettingNote } from "../model/settings.js";
import type { Collection, Direction, Environment, Results } from "../model/types.js";

/** How a finding was decided. */
export type Mode =
  /** baseline = last N runs of the baseline branch; noise learned from their spread */
  | "history"
  /** round i of base and round i of head ran back to back on one machine */
  | "paired"
  /** fewer than MIN_HISTORY_FOR_NOISE baseline runs: only wide changes are graded */
  | "unknown-noise"
  /** no baseline at all: the current values are shown, nothing is graded */
  | "no-baseline";

/**
 * The verdict for one benchmark and metric.
 * - regression / improvement: significant and past the tolerance, with a severity;
 * - unchanged: within noise or under the tolerance;
 * - inconclusive: too noisy to decide either way (see `roundsToDecide`);
 * - new / missing: the metric exists on one side only.
 */
export type Verdict =
  | "regression"
  | "improvement"
  | "unchanged"
  | "inconclusive"
  | "new"
  | "missing";

/** A relative change and its interval: 0.12 means +12 % (current / baseline − 1). */
export interface Change {
  estimate: number;
  low: number;
  high: number;
  /** e.g. 0.95 */
  level: number;
  /** Two-sided p-value of "no change", before multiple-testing adjustment. */
  pValue: number;
  /** After Holm adjustment across all compared metrics. */
  adjustedPValue: number;
}

/** A plausibility flag: the numbers look made up or mis-measured (docs/statistics.md, "Plausibility"). */
export interface Flag {
  kind:
    | "zero-variance"
    | "identical-to-baseline"
    | "above-ceiling"
    | "non-finite"
    | "negative"
    | "unit-mixup";
  message: string;
}

/** Slow creep over the history plus this run, which no single step shows. */
export interface Trend {
  /** Robust (Theil–Sen) slope, relative change per run, e.g. 0.01 = +1 % per run. */
  slopePerRun: number;
  /** Total relative change over the window, in the worse direction when positive. */
  totalChange: number;
  runs: number;
  /** True when the creep is worse than the tolerance over the window and significant. */
  flagged: boolean;
}

export interface Finding {
  benchmark: string;
  metric: string;
  unit: string;
  direction: Direction;
  verdict: Verdict;
  /** Set for regression and improvement (improvements use the same bands). */
  severity?: Severity;
  /** Baseline centre (median of per-run medians) in the metric's unit; absent for "new". */
  baseline?: number;
  /** Current centre (median of rounds) in the metric's unit; absent for "missing". */
  current?: number;
  /** Absent for new, missing and no-baseline. */
  change?: Change;
  /** Why this verdict, in one line a person can read. */
  reason: string;
  /** Inconclusive only: about how many rounds (or pairs) would decide it, in all (not
   *  more). Paired mode only; in history mode `reason` says whether more baseline runs or
   *  paired mode would decide it. */
  roundsToDecide?: number;
  /** An absolute limit from the config that was breached (always Critical). */
  limit?: { bound: "min" | "max"; value: number };
  flags: Flag[];
  trend?: Trend;
  /** Per-run baseline values (oldest first) then the current value: for charts. */
  series: number[];
  /** Smallest change this comparison could have detected, relative (e.g. 0.06). */
  minDetectable?: number;
  /** Left out of the verdict by a config rule (`ignore: true`); verdict is "unchanged". */
  ignored?: boolean;
  /** A failing regression that was intended, and who said so ("label perf-accepted", or
   *  ".perfgate.yml accept: <reason>"): it does not fail the gate (src/analyze/accept.ts). */
  accepted?: string;
  /** Shown, not graded: the difference is the machine's (see Report.information). */
  information?: boolean;
}

export interface Report {
  suite: string;
  /** Why every change here is information and none a regression, e.g. the baseline was
   *  measured on another machine (analyze/machines.ts). Such a report never fails. */
  information?: string;
  /** Set when the gate passed a failing verdict because it looks like a runner hiccup that
   *  perfgate could not re-run (analyze/confirm.ts): what it looked like. */
  hiccup?: string;
  /** Many series were worse by one factor in the newest baseline run too, and this run
   *  repeats it: a level that held, never passed as a hiccup (compare.ts). */
  hiccupHeld?: boolean;
  mode: Mode;
  /** "fail" when a finding is at or above failOn. */
  status: "pass" | "fail";
  worst: Severity | "none";
  failOn: FailOn;
  /** Findings per verdict; per severity, regressions only (improvements never fail). */
  counts: Record<Verdict, number> & Record<Severity, number>;
  /** Sorted: regressions by severity (worst first), then inconclusive, improvements, the rest. */
  findings: Finding[];
  /** Things the user should know and act on (thin history, missing benchmarks, …). */
  warnings: string[];
  baseline: {
    runs: number;
    commits: string[];
    /** The baseline runs' ref, e.g. "refs/heads/main" (the newest run's), when recorded. */
    ref?: string;
    /** CPU models of the baseline runs compared with, most runs first, when recorded: the
     *  report says when this run's CPU differs (a different runner explains a shift). */
    machines?: Array<{ cpuModel: string; runs: number }>;
  };
  current: {
    rounds: number;
    commit?: string;
    ref?: string;
    environment: Environment;
    /** How long perfgate took to collect the run, when it did. */
    collection?: Collection;
  };
  thresholds: Thresholds;
  /** Settings not at their built-in default and where each came from (model/settings.ts);
   *  the caller that resolved them adds them. */
  settings?: SettingNote[];
}

/** What `compare()` (src/analyze/compare.ts) takes. */
export interface CompareInput {
  /**
   * History mode: the baseline branch's runs, oldest first (each run's samples are its
   * rounds). Paired mode: the base side's rounds, in the order they ran.
   */
  baseline: Results[];
  /** The run under test: one or more files whose samples together are its rounds.
   *  Paired mode: the head side's rounds, file i paired with baseline file i. */
  current: Results[];
  paired?: boolean;
  config?: Config;
  failOn?: FailOn;
  /** Seed for any resampling, so the same input gives the same report. */
  seed?: number;
}
