/**
 * Scaling slopes: how a metric grows with the number of concurrent connections, graded as a
 * change of its own. Benchmarks named "<group>/n=<N>" (e.g. "tcp/scaling/n=100") form one
 * series per group and metric. Each run's series is fitted by least squares as
 *
 *     log(value) = a + b · log(N)            (a power law: value ∝ N^b)
 *
 * and the exponent b is what is compared. A change of b by Δb moves the value at the
 * largest N against the smallest by the factor exp(Δb · L), L = log(N_max / N_min), so the
 * comparison runs on y = b · L, "log of (value at N_max ÷ value at N_min)", which is a log
 * ratio like any other metric's: the usual models and grade bands apply to it unchanged.
 * A change that makes N = 1,000 30 % slower while N = 10 stays the same is Δy = log 0.7:
 * a Severe regression of the slope, whatever the single-connection figure did.
 *
 *   history: baseline y₁…yₖ (one per run), current y — the prediction interval of
 *            historyModel.ts (outliers set aside, noise assumed when k < 3);
 *   paired:  differences y(head)ᵢ − y(base)ᵢ per pair — a one-sample t interval.
 */
import { MIN_HISTORY_FOR_NOISE, UNKNOWN_NOISE_MARGIN } from "../model/defaults.js";
import type { Results } from "../model/types.js";
import { type Analysis, startAnalysis } from "./analysis.js";
import { assumedNoise, historyShift, learnNoise } from "./historyModel.js";
import { collectRuns, type MetricRuns, usable } from "./observations.js";
import type { Policy } from "./rules.js";
import { pctAbs } from "./severity.js";
import type { LogShift } from "./shift.js";
import { tQuantile, tTwoSidedP } from "./studentT.js";
import { mean, median, sampleSd } from "./summary.js";

/** "<group>/n=<N>": the naming that makes benchmarks one scaling series. */
const SERIES_NAME = /^(.+)\/n=(\d+)$/;

/** A slope needs at least this many N; two points fit any line exactly but still say how
 *  the value moved from one N to the other, which is what is graded. */
export const MIN_SCALING_POINTS = 2;

export interface ScalingContext {
  paired: boolean;
  policyFor(benchmark: string, metric: string): Policy;
}

/** Least-squares slope of log(value) on log(n); undefined without 2 distinct n, all > 0. */
export function logLogSlope(points: readonly { n: number; value: number }[]): number | undefined {
  const usablePoints = points.filter((p) => p.value > 0 && p.n > 0);
  if (usablePoints.length < MIN_SCALING_POINTS) return undefined;
  const xs = usablePoints.map((p) => Math.log(p.n));
  const ys = usablePoints.map((p) => Math.log(p.value));
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] as number) - my);
    sxx += (x - mx) * (x - mx);
  });
  return sxx > 0 ? sxy / sxx : undefined;
}

interface Series {
  group: string;
  metric: string;
  unit: string;
  direction: MetricRuns["direction"];
  /** N → the metric's samples per file. */
  byN: Map<number, MetricRuns>;
}

function seriesOf(files: readonly Results[]): Map<string, Series> {
  const out = new Map<string, Series>();
  // Only names that can be in a series are collected: compare() has already walked every
  // benchmark of every run once, and a 10,000-benchmark history is 300,000 of them.
  for (const runs of collectRuns(files, (name) => name.includes("/n=")).values()) {
    const match = SERIES_NAME.exec(runs.benchmark);
    if (!match) continue;
    const [, group = "", n = ""] = match;
    const key = `${group}\u0000${runs.metric}`;
    let series = out.get(key);
    if (!series) {
      series = {
        group,
        metric: runs.metric,
        unit: runs.unit,
        direction: runs.direction,
        byN: new Map(),
      };
      out.set(key, series);
    }
    series.byN.set(Number(n), runs);
  }
  return out;
}

/** y = slope · L for the files at `indices` taken together, over the N in `ns`. */
function logGrowth(
  series: Series,
  ns: readonly number[],
  indices: readonly number[],
  span: number,
) {
  const points = ns.flatMap((n) => {
    const runs = series.byN.get(n)?.runs ?? [];
    const values = usable(indices.flatMap((i) => runs[i] ?? []));
    return values.length > 0 ? [{ n, value: median(values) }] : [];
  });
  const slope = logLogSlope(points);
  return slope === undefined ? undefined : slope * span;
}

/** One-sample t interval on paired differences of y (Student, 1908). */
function pairedShift(differences: readonly number[], level: number): LogShift {
  const n = differences.length;
  const estimate = mean(differences);
  const se = sampleSd(differences) / Math.sqrt(n);
  const half = (l: number) => (se > 0 ? tQuantile(1 - (1 - l) / 2, n - 1) * se : 0);
  const pValue = se > 0 ? tTwoSidedP(estimate / se, n - 1) : estimate === 0 ? 1 : 0;
  return {
    estimate,
    low: estimate - half(level),
    high: estimate + half(level),
    level,
    pValue,
    halfWidthAt: half,
    intervalAt: (l) => ({ low: estimate - half(l), high: estimate + half(l) }),
  };
}

/** One Analysis per scaling series (group and metric) with a baseline to compare against. */
export function analyzeScaling(
  baseline: readonly Results[],
  current: readonly Results[],
  ctx: ScalingContext,
): Analysis[] {
  const base = seriesOf(baseline);
  const analyses: Analysis[] = [];
  for (const [key, cur] of seriesOf(current)) {
    const ns = [...cur.byN.keys()].sort((a, b) => a - b);
    const b = base.get(key);
    if (!b || ns.length < MIN_SCALING_POINTS) continue;
    const span = Math.log((ns[ns.length - 1] as number) / (ns[0] as number));
    const label = `n=${ns[0]}→${ns[ns.length - 1]}`;
    const policy = ctx.policyFor(cur.group, `${cur.metric} slope`);
    if (policy.ignore) continue;
    const all = current.map((_, i) => i);
    const currentY = logGrowth(cur, ns, all, span);
    const baseYs = baseline.map((_, i) => logGrowth(b, ns, [i], span));
    const usableBase = baseYs.filter((y): y is number => y !== undefined);
    if (currentY === undefined || usableBase.length === 0) continue;
    const t = policy.thresholds;
    const analysis = startAnalysis({
      of: {
        benchmark: cur.group,
        metric: `${cur.metric} slope`,
        // The values shown are "value at the largest N ÷ value at the smallest" (fitted).
        unit: "ratio",
        direction: cur.direction,
      },
      policy,
      baseline: Math.exp(median(usableBase)),
      current: Math.exp(currentY),
      series: [...usableBase, currentY].map(Math.exp),
      notes: [
        `power-law fit over ${label}; the change is what it implies at n=${ns[ns.length - 1]}`,
      ],
      toDecide: () => ({
        advice: "more rounds per N, or paired mode (perfgate ab), would decide it",
      }),
    });
    if (ctx.paired) {
      const diffs = current.flatMap((_, i) => {
        const head = logGrowth(cur, ns, [i], span);
        const bY = baseYs[i];
        return head === undefined || bY === undefined ? [] : [head - bY];
      });
      if (diffs.length >= 2) analysis.shift = pairedShift(diffs, t.confidence);
      else analysis.unavailable = `need ≥ 2 pairs with a slope over ${label}; have ${diffs.length}`;
      analysis.pairs = diffs.length;
    } else {
      const learned = usableBase.length >= MIN_HISTORY_FOR_NOISE;
      const noise = learned
        ? learnNoise(usableBase, MIN_HISTORY_FOR_NOISE)
        : assumedNoise(usableBase, UNKNOWN_NOISE_MARGIN);
      if (!learned) {
        analysis.gradeFloor = UNKNOWN_NOISE_MARGIN;
        analysis.notes.push(
          `noise unknown: only changes past ${pctAbs(UNKNOWN_NOISE_MARGIN)} are graded`,
        );
      }
      analysis.shift = historyShift(noise, currentY, t.confidence);
    }
    analyses.push(analysis);
  }
  return analyses;
}

/** What the collector said about scaling (an N it could not open, …), for the report. */
export function scalingNotes(current: readonly Results[]): string[] {
  const notes = current
    .flatMap((r) => r.notes ?? [])
    .filter((n) => /^(tcp |tls )?scaling: (stopped|measured no N)/.test(n));
  return [...new Set(notes)];
}
