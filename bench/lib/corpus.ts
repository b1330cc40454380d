/**
 * Real hosted-runner histories (github-action-benchmark `data.js` files of public projects,
 * fixtures/github-action-benchmark/corpus) replayed commit by commit through `compare()`, as
 * the Action (and `perfgate compare`) would have judged each push had it run there: the
 * baseline is the up to `window` runs before the commit, each metric's cut at its newest
 * step (stepAwareBaseline, as both do); the current run is the commit's one value per
 * benchmark. Nothing is re-run: a replay cannot confirm.
 *
 * Per commit it records whether any finding was inconclusive, graded or failed the build;
 * per failure, whether the step persists: the failing series' next PERSIST_RUNS values stay
 * at least half-way out to the level that failed (a one-run blip goes straight back).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { stepAwareBaseline } from "../../src/analyze/baselineSince.js";
import { compare } from "../../src/analyze/compare.js";
import { needsConfirmation, notConfirmed } from "../../src/analyze/confirm.js";
import { CHANGE_DEFAULTS } from "../../src/analyze/historyChanges.js";
import type { Finding, Report } from "../../src/analyze/types.js";
import { parseBenchmarkDataJs } from "../../src/collect/benchmarkDataJs.js";
import {
  DEFAULT_CONFIRM_ROUNDS,
  DEFAULT_HISTORY_SIZE,
  DEFAULT_THRESHOLDS,
} from "../../src/model/defaults.js";
import type { History, Results } from "../../src/model/types.js";

/** Baseline runs before each commit: the replay used 20. */
export const WINDOW = 20;
/** The Action's own window (history-size), replayed beside it. */
export const ACTION_WINDOW = DEFAULT_HISTORY_SIZE;
/** Later runs that must stay at the new level for a failure to count as a persisting step. */
export const PERSIST_RUNS = 3;

export interface CorpusSuite {
  project: string;
  suite: string;
  history: History;
}

/** Every suite of every `*.js` file in `dir`; the file name (owner+repo[-part]) is the project. */
export function loadCorpus(dir: string): CorpusSuite[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .sort();
  return files.flatMap((file) => {
    const full = path.join(dir, file);
    const project = file.replace(/\.js$/, "").replace("+", "/");
    return parseBenchmarkDataJs(readFileSync(full, "utf8"), full).map((history) => ({
      project,
      suite: history.suite,
      history,
    }));
  });
}

/** One build failure and whether the series stayed at the new level afterwards. */
export interface Failure {
  commit: string;
  index: number;
  benchmark: string;
  metric: string;
  /** Relative change that failed (e.g. 0.45 = +45 %). */
  change: number;
  /** "persists": the next PERSIST_RUNS runs stay ≥ half-way out; "reverts": they do not;
   *  "unknown": fewer than PERSIST_RUNS later runs carry the series. */
  step: "persists" | "reverts" | "unknown";
}

export interface SuiteReplay {
  project: string;
  suite: string;
  /** Commits judged (every run after the first). */
  commits: number;
  /** Commits with at least one inconclusive finding. */
  inconclusive: number;
  /** Commits with at least one graded regression. */
  graded: number;
  /** Commits whose report failed the build. */
  failed: number;
  failures: Failure[];
  /** Commits whose failing verdict passed as a runner hiccup (many series, one factor). */
  hiccups: number;
  /** Findings judged in all, and how many were inconclusive. */
  findings: number;
  inconclusiveFindings: number;
  /** A few inconclusive reasons, to read what the user would see. */
  reasons: string[];
}

function seriesValue(
  run: Results | undefined,
  benchmark: string,
  metric: string,
): number | undefined {
  const samples = run?.benchmarks.find((b) => b.name === benchmark)?.metrics[metric]?.samples;
  return samples && samples.length > 0 ? samples[0] : undefined;
}

/** Does the failing level hold over the next PERSIST_RUNS runs that carry the series? */
export function stepPersists(
  later: readonly (number | undefined)[],
  baseline: number,
  failed: number,
): Failure["step"] {
  const values = later.filter((v): v is number => v !== undefined && v > 0);
  if (values.length < PERSIST_RUNS) return "unknown";
  const step = Math.log(failed / baseline);
  // Every one of the next runs stays at least half-way out (on the log scale): a blip that
  // returns at once, or a level that comes back within the window, does not persist.
  const halfway = values.slice(0, PERSIST_RUNS).every((v) => Math.log(v / baseline) / step >= 0.5);
  return halfway ? "persists" : "reverts";
}

function failuresOf(report: Report, runs: readonly Results[], index: number): Failure[] {
  const failing = report.findings.filter(
    (f: Finding) =>
      f.verdict === "regression" &&
      f.severity !== undefined &&
      report.status === "fail" &&
      f.severity === report.worst &&
      !f.accepted,
  );
  return failing.map((f) => {
    const later = runs.slice(index + 1).map((r) => seriesValue(r, f.benchmark, f.metric));
    const baseline = f.baseline ?? Number.NaN;
    const current = f.current ?? Number.NaN;
    return {
      commit: (runs[index]?.commit ?? "").slice(0, 7),
      index,
      benchmark: f.benchmark,
      metric: f.metric,
      change: f.change?.estimate ?? Number.NaN,
      step: stepPersists(later, baseline, current),
    };
  });
}

/** Replays one suite: each run after the first, judged against the WINDOW runs before it. */
export function replaySuite(suite: CorpusSuite, window = WINDOW): SuiteReplay {
  const runs = suite.history.runs;
  const out: SuiteReplay = {
    project: suite.project,
    suite: suite.suite,
    commits: 0,
    inconclusive: 0,
    graded: 0,
    failed: 0,
    failures: [],
    hiccups: 0,
    findings: 0,
    inconclusiveFindings: 0,
    reasons: [],
  };
  for (let i = 1; i < runs.length; i++) {
    const since = stepAwareBaseline(runs.slice(Math.max(0, i - window), i), {
      ...CHANGE_DEFAULTS,
      thresholds: DEFAULT_THRESHOLDS,
    });
    // As the Action judges a tool's files: it cannot re-run them, so a failing verdict is
    // "not confirmed", and one that looks like a runner hiccup passes (analyze/confirm.ts).
    const first = compare({ baseline: since.runs, current: [runs[i] as Results], seed: i });
    const report = needsConfirmation(first, DEFAULT_CONFIRM_ROUNDS)
      ? notConfirmed(first, "re-run the benchmark")
      : first;
    if (report.hiccup) out.hiccups++;
    out.commits++;
    const judged = report.findings.filter((f) => f.verdict !== "new" && f.verdict !== "missing");
    const inconclusive = judged.filter((f) => f.verdict === "inconclusive");
    out.findings += judged.length;
    out.inconclusiveFindings += inconclusive.length;
    if (inconclusive.length > 0) out.inconclusive++;
    if (inconclusive.length > 0 && out.reasons.length < 3)
      out.reasons.push(`${inconclusive[0]?.benchmark}: ${inconclusive[0]?.reason}`);
    if (judged.some((f) => f.verdict === "regression")) out.graded++;
    if (report.status === "fail") {
      out.failed++;
      out.failures.push(...failuresOf(report, runs, i));
    }
  }
  return out;
}

/** The series (benchmark + metric) a report fails the build on, with the baseline centre
 *  and the current value of each. */
function failingSeries(report: Report): Map<string, { baseline: number; current: number }> {
  const out = new Map<string, { baseline: number; current: number }>();
  if (report.status !== "fail") return out;
  for (const f of report.findings) {
    if (f.verdict !== "regression" || f.severity !== report.worst || f.accepted) continue;
    out.set(`${f.benchmark}\u0000${f.metric}`, {
      baseline: f.baseline ?? Number.NaN,
      current: f.current ?? Number.NaN,
    });
  }
  return out;
}

/**
 * The other policy for results that cannot be re-run, measured rather than argued: wait one
 * more push. A series fails the build only when two pushes in a row fail on it, each judged
 * against the runs before the first of them (so the first is not in the second's baseline,
 * where it would read as "a run like this one"). A one-run blip never fails; a real step
 * fails one push late, on the commit after the one that caused it. Failures are reported at
 * the later push (`index`), and whether the step persists after it.
 */
export function replayWaitingOnePush(suite: CorpusSuite, window = WINDOW): Failure[] {
  const runs = suite.history.runs;
  const judged = (baseline: Results[], current: Results) => {
    const since = stepAwareBaseline(baseline, {
      ...CHANGE_DEFAULTS,
      thresholds: DEFAULT_THRESHOLDS,
    });
    const first = compare({ baseline: since.runs, current: [current] });
    return needsConfirmation(first, DEFAULT_CONFIRM_ROUNDS)
      ? notConfirmed(first, "re-run the benchmark")
      : first;
  };
  const failures: Failure[] = [];
  for (let i = 2; i < runs.length; i++) {
    const baseline = runs.slice(Math.max(0, i - 1 - window), i - 1);
    const before = failingSeries(judged(baseline, runs[i - 1] as Results));
    if (before.size === 0) continue;
    const now = failingSeries(judged(baseline, runs[i] as Results));
    for (const [key, value] of now) {
      if (!before.has(key)) continue;
      const [benchmark = "", metric = ""] = key.split("\u0000");
      const later = runs.slice(i + 1).map((r) => seriesValue(r, benchmark, metric));
      failures.push({
        commit: (runs[i]?.commit ?? "").slice(0, 7),
        index: i,
        benchmark,
        metric,
        change: value.current / value.baseline - 1,
        step: stepPersists(later, value.baseline, value.current),
      });
    }
  }
  return failures;
}
