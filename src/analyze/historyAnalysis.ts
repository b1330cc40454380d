/**
 * History mode for one benchmark and metric: per-run medians of the baseline, the median of
 * the current rounds, the learned (or assumed) noise, and the shift between them.
 */
import {
  DEFAULT_HISTORY_SIZE,
  MIN_HISTORY_FOR_NOISE,
  UNKNOWN_NOISE_MARGIN,
} from "../model/defaults.js";
import { type Analysis, startAnalysis } from "./analysis.js";
import {
  alikeOutliers,
  assumedNoise,
  type HistoryNoise,
  historyShift,
  learnNoise,
  mixtureP,
} from "./historyModel.js";
import { normalQuantile } from "./normal.js";
import type { MetricRuns } from "./observations.js";
import { usable } from "./observations.js";
import { ceilingFor, plausibilityFlags } from "./plausibility.js";
import { extraVariance } from "./roundSpread.js";
import type { Policy } from "./rules.js";
import { pctAbs } from "./severity.js";
import type { LogShift } from "./shift.js";
import { tQuantile } from "./studentT.js";
import { median } from "./summary.js";
import { oneValuePerRun, thinNoise, withinRunSd } from "./thinNoise.js";
import { estimateTrend } from "./trend.js";

/** Consecutive set-aside runs at the start of the window that make an earlier level. */
const EARLIER_LEVEL_RUNS = 2;

export interface HistoryContext {
  policy: Policy;
  /** Environment ceiling for data rates, Gbit/s (results' `environment.ceilingGbps`). */
  ceilingGbps?: number;
  /** Commit of each baseline run, for naming the outliers set aside. */
  commits: (string | undefined)[];
  /** The history mixes machine kinds (runnerMatch.ts): learn the noise from every run, none
   *  set aside, so the spread includes the mix. */
  mixedRunners?: boolean;
  /** The newest baseline run was a suite-wide jump that this run repeats (compare.ts,
   *  hiccup.ts): it is where a new level starts, not a slow mode for this run to be like. */
  newestStartsLevel?: boolean;
}

/** A shift where the current centre fell to zero: a total loss, no noise model needed. */
function totalLoss(level: number): LogShift {
  const d = Number.NEGATIVE_INFINITY;
  return {
    estimate: d,
    low: d,
    high: d,
    level,
    pValue: 0,
    halfWidthAt: () => 0,
    intervalAt: () => ({ low: d, high: d }),
  };
}

/** Baseline runs needed so that the t prediction half-width falls to `h`, or undefined. */
function runsNeeded(noise: HistoryNoise, h: number, alpha: number): number | undefined {
  for (let n = Math.max(noise.runs, 2); n <= DEFAULT_HISTORY_SIZE; n++) {
    if (tQuantile(1 - alpha / 2, n - 1) * noise.sd * Math.sqrt(1 + 1 / n) <= h) return n;
  }
  return undefined;
}

/** A spread for people: never "±0.0 %" for a spread that exists but rounds away. */
function spreadText(sd: number): string {
  const x = Math.expm1(sd);
  return x > 0 && x < 0.001 ? "< 0.1 %" : pctAbs(x);
}

/** Median of the usable samples of one run, undefined when none is usable. Most runs are
 *  clean, and then the samples are used as they are (median() copies them). */
function usableMedian(samples: readonly number[]): number | undefined {
  let clean = true;
  for (const v of samples) {
    if (!(Number.isFinite(v) && v >= 0)) {
      clean = false;
      break;
    }
  }
  const values = clean ? samples : usable(samples);
  return values.length > 0 ? median(values) : undefined;
}

export function analyzeHistory(
  base: MetricRuns | undefined,
  current: MetricRuns,
  ctx: HistoryContext,
): Analysis {
  const { policy } = ctx;
  const t = policy.thresholds;
  const currentAll =
    current.runs.length === 1 ? (current.runs[0] ?? []) : current.runs.flatMap((r) => r ?? []);
  const currentValues = usable(currentAll);
  // Parallel arrays, not an object per run: 30 runs × 30,000 metrics add up.
  const runMedians: number[] = [];
  const runIndex: number[] = [];
  const baseRuns = base?.runs ?? [];
  for (let index = 0; index < baseRuns.length; index++) {
    const value = usableMedian(baseRuns[index] ?? []);
    if (value !== undefined) {
      runMedians.push(value);
      runIndex.push(index);
    }
  }
  const currentCentre = currentValues.length > 0 ? median(currentValues) : undefined;
  const baselineCentre = runMedians.length > 0 ? median(runMedians) : undefined;
  const ceiling = ceilingFor(current.unit, policy.ceiling, ctx.ceilingGbps);
  // concat makes an array of exactly this length; a push onto a copy would grow it by half
  // again, and every finding keeps its series.
  const series =
    currentCentre !== undefined ? runMedians.concat([currentCentre]) : runMedians.slice();
  const analysis = startAnalysis({
    of: current,
    policy,
    baseline: baselineCentre,
    current: currentCentre,
    series,
    flags: plausibilityFlags({
      unit: current.unit,
      currentSamples: currentAll,
      currentCentre,
      baselineCentre,
      baselineRuns: runMedians,
      ceiling,
    }),
  });
  if (currentCentre === undefined) {
    analysis.unavailable = "no finite, non-negative round to compare";
    return analysis;
  }
  // Only positive run medians have a log; a zero baseline run says nothing about ratios.
  const logs: number[] = [];
  const logRun: number[] = [];
  runMedians.forEach((value, i) => {
    if (value > 0) {
      logs.push(Math.log(value));
      logRun.push(runIndex[i] as number);
    }
  });
  if (logs.length === 0) {
    // Stayed at 0: finding.ts calls it unchanged. Left 0 (0 → 3 allocations): a change, but
    // not a relative one, so no band applies; an absolute limit is what gates it.
    analysis.unavailable =
      "the baseline is 0: a relative change is undefined; a `max` rule in .perfgate.yml would gate it";
    return analysis;
  }
  if (currentCentre === 0) {
    analysis.shift = totalLoss(t.confidence);
    analysis.notes.push("fell to 0");
    return analysis;
  }
  const learned = logs.length >= MIN_HISTORY_FOR_NOISE;
  let noise: HistoryNoise;
  if (learned) noise = learnNoise(logs, ctx.mixedRunners ? logs.length : MIN_HISTORY_FOR_NOISE);
  else {
    const runs = `${logs.length} baseline run${logs.length === 1 ? "" : "s"}`;
    const assumed = assumedNoise(logs, UNKNOWN_NOISE_MARGIN);
    const rounds = [...baseRuns, currentAll].filter((r): r is readonly number[] => !!r);
    const thin = thinNoise(assumed, logs, withinRunSd(rounds));
    noise = thin.noise;
    const spread = Math.expm1(normalQuantile(0.975) * noise.sd);
    analysis.gradeFloor = Math.max(UNKNOWN_NOISE_MARGIN, spread);
    const more = `${MIN_HISTORY_FOR_NOISE} baseline runs would let it`;
    if (oneValuePerRun(rounds)) {
      analysis.cap = {
        severity: "none",
        why: `one value per run and ${runs}: its run-to-run noise is unknown`,
      };
    } else {
      analysis.cap = {
        severity: "severe",
        why: `the noise is not learned from ${runs}; ${more} fail the build`,
      };
      const from =
        thin.source === "assumed"
          ? ""
          : ` (±${pctAbs(spread)} as its ${thin.source === "rounds" ? "rounds" : "two runs"} vary)`;
      analysis.notes.push(
        `noise unknown (${runs}): only changes past ${pctAbs(analysis.gradeFloor)} are graded${from}`,
      );
    }
  }
  const currentLog = Math.log(currentCentre);
  let likeOutliers = 0;
  const extra = learned ? extraVariance(baseRuns, currentValues, noise.sd * noise.sd) : 0;
  if (extra > 0 && Math.sqrt(extra) > 0.5 * noise.sd) {
    analysis.notes.push(
      `this run's rounds disagree (±${pctAbs(Math.expm1(Math.sqrt(extra)))} on its median beyond the history's usual): the interval is wider`,
    );
  }
  analysis.shift = historyShift(noise, currentLog, t.confidence, extra);
  if (noise.dropped.length > 0) {
    // Outlier runs are set aside to learn the everyday noise, but they did happen: a run
    // that looks like one of them (alikeOutliers) may be the runner's slow mode again, and
    // the p-value counts them (mixtureP). A run nowhere near them is judged on the everyday
    // noise alone, so one blip in the history neither fails a build nor hides a step.
    // A block of ≥ EARLIER_LEVEL_RUNS set-aside runs older than every kept run is the level
    // before a step (a window that begins just before an improvement), not a mode the
    // runner falls back into: a run back at that level is a regression to judge on the
    // everyday noise, not "like" them. (rune-rs/rune's aoc_2020_11a in the corpus: 2 runs at
    // 0.29 s, 28 at 0.08 s, then a +187 % step the 30-run window passed as "like" them.) One
    // odd first run stays a possible slow mode.
    const firstKept = logs.findIndex((_, i) => !noise.dropped.includes(i));
    const earlierLevel = firstKept >= EARLIER_LEVEL_RUNS;
    const newest = ctx.commits.length - 1;
    const recurring = noise.dropped.filter(
      (i) => (!earlierLevel || i > firstKept) && !(ctx.newestStartsLevel && logRun[i] === newest),
    );
    const alike = alikeOutliers(
      recurring.map((i) => (logs[i] as number) - noise.centre),
      currentLog - noise.centre,
    ).map((k) => recurring[k] as number);
    const nameOf = (i: number) => {
      const run = logRun[i] as number;
      return ctx.commits[run]?.slice(0, 7) ?? `#${run + 1}`;
    };
    const names = [...noise.dropped].sort((x, y) => x - y).map(nameOf);
    const setAside = `${names.length} outlier baseline run${names.length === 1 ? "" : "s"} set aside (${names.join(", ")})`;
    likeOutliers = alike.length;
    const newestAlike = alike.find((i) => logRun[i] === newest);
    if (newestAlike !== undefined)
      analysis.newestAlike = (logs[newestAlike] as number) - noise.centre;
    if (alike.length > 0) {
      const shift = analysis.shift;
      analysis.shift = {
        ...shift,
        pValue: mixtureP(shift.pValue, noise.dropped.length, logs.length, alike.length),
      };
      analysis.notes.push(
        `${setAside}, ${alike.length} of them like this run (the runner's slow mode?): the p-value counts them`,
      );
    } else {
      analysis.notes.push(setAside);
    }
  }
  analysis.trend = estimateTrend([...logs, currentLog]);
  analysis.toDecide = (h, alpha) => {
    if (likeOutliers > 0) {
      // Not the everyday noise but the odd runs decide it: is this run one of them?
      return {
        advice: `it sits where ${likeOutliers} set-aside baseline run${likeOutliers === 1 ? "" : "s"} did; the next run on the baseline branch, or paired mode (perfgate ab), would decide it`,
      };
    }
    if (noise.assumed) {
      return {
        advice: `${MIN_HISTORY_FOR_NOISE} baseline runs would let perfgate learn its noise (have ${logs.length})`,
      };
    }
    const floor = normalQuantile(1 - alpha / 2) * noise.sd;
    const n = floor < h ? runsNeeded(noise, h, alpha) : undefined;
    if (n !== undefined && n > noise.runs) {
      return { advice: `about ${n} baseline runs would decide it (have ${noise.runs})` };
    }
    return {
      advice: `run-to-run noise (±${spreadText(noise.sd)}) is too wide to decide it from history; paired mode (perfgate ab) would decide it`,
    };
  };
  return analysis;
}
