/**
 * History mode: is the current run's median unlike the medians of the last N baseline runs?
 *
 * Each run is one draw of "median of its rounds" on the log scale. The between-run spread
 * of those draws — runner to runner, day to day — is the noise a new run must be judged
 * against; the spread of rounds within one run is much smaller and would give false alarms.
 *
 * Model: baseline log medians b₁…bₙ ~ N(μ, σ²) and the current log median c ~ N(μ + δ, σ²).
 * The prediction interval for a new draw (e.g. Hahn & Meeker, "Statistical Intervals", 1991,
 * §4.7) gives  (c − b̄) / (s·√(1 + 1/n)) ~ t(n − 1)  when δ = 0, hence the interval
 * δ̂ ± t_{n−1, 1−α/2}·s·√(1 + 1/n) and the two-sided p-value of δ = 0.
 *
 * Robustness: runs flagged by the modified z-score rule (outliers.ts) are set aside before
 * b̄ and s are computed, and the degrees of freedom follow the runs kept. They still count
 * in the p-value when they were as far out as the current run (mixtureP).
 */
import { normalQuantile } from "./normal.js";
import { outlierIndices } from "./outliers.js";
import type { LogShift } from "./shift.js";
import { tQuantile, tTwoSidedP } from "./studentT.js";
import { mean, sampleSd } from "./summary.js";

/** What the history says about run-to-run noise, on the log scale. */
export interface HistoryNoise {
  /** Mean log median of the runs kept. */
  centre: number;
  /** Between-run SD of log medians (≈ the coefficient of variation). */
  sd: number;
  /** Runs the estimate rests on. */
  runs: number;
  /** Degrees of freedom of the t reference (Infinity for an assumed noise). */
  df: number;
  /** Indices (into the runs given) set aside as outliers. */
  dropped: number[];
  /** True when the noise was assumed, not learned (thin history). */
  assumed: boolean;
}

/** Learns the noise from ≥ 2 baseline log medians (callers require MIN_HISTORY_FOR_NOISE). */
export function learnNoise(logMedians: readonly number[], keepAtLeast: number): HistoryNoise {
  const dropped = outlierIndices(logMedians, keepAtLeast);
  const kept =
    dropped.length === 0 ? logMedians.slice() : logMedians.filter((_, i) => !dropped.includes(i));
  return {
    centre: mean(kept),
    sd: sampleSd(kept),
    runs: kept.length,
    df: kept.length - 1,
    dropped,
    assumed: false,
  };
}

/**
 * With too few runs to learn from, assume the worst plausible noise: runs swing so that
 * 95 % of them fall within ±margin of the centre (σ = ln(1 + margin) / z₀.₉₇₅), and use the
 * normal reference. A change must then be about the margin or more to be significant.
 */
export function assumedNoise(logMedians: readonly number[], margin: number): HistoryNoise {
  return {
    centre: mean(logMedians),
    sd: Math.log1p(margin) / normalQuantile(0.975),
    runs: logMedians.length,
    df: Number.POSITIVE_INFINITY,
    dropped: [],
    assumed: true,
  };
}

function quantile(p: number, df: number): number {
  return Number.isFinite(df) ? tQuantile(p, df) : normalQuantile(p);
}

/** The shift of the current log median against the history, with interval and p-value. */
export function historyShift(
  noise: HistoryNoise,
  currentLog: number,
  level: number,
  /** Variance of the current centre beyond what the history's runs show (roundSpread.ts). */
  extraVariance = 0,
): LogShift {
  const estimate = currentLog - noise.centre;
  const se = Math.sqrt(noise.sd ** 2 * (1 + 1 / Math.max(1, noise.runs)) + extraVariance);
  const halfWidthAt = (l: number): number => quantile(1 - (1 - l) / 2, noise.df) * se;
  let pValue: number;
  if (se > 0) pValue = tTwoSidedP(estimate / se, noise.df);
  // A history with no spread at all (a deterministic count): any difference is real.
  else pValue = estimate === 0 ? 1 : 0;
  const half = se > 0 ? halfWidthAt(level) : 0;
  return {
    estimate,
    low: estimate - half,
    high: estimate + half,
    level,
    pValue,
    halfWidthAt: (l) => (se > 0 ? halfWidthAt(l) : 0),
    intervalAt: (l) => {
      const h = se > 0 ? halfWidthAt(l) : 0;
      return { low: estimate - h, high: estimate + h };
    },
  };
}

/**
 * The p-value of "no change" when k of the n baseline runs were set aside as outliers:
 * runs come from a mixture, everyday noise with probability 1 − k/n and "outlier runs"
 * with probability k/n. P(a run at least this far out | no change) is then
 *   (1 − k/n)·p_t  +  (k/n)·(alike/k)  =  (1 − k/n)·p_t + alike/n,
 * with p_t the t p-value from the everyday runs and alike the set-aside runs at least as
 * far from the centre as the current run (their empirical tail, as in a conformal
 * p-value; Vovk, Gammerman & Shafer, "Algorithmic Learning in a Random World", 2005, §2).
 * One odd run far beyond the current one costs 1/n; a run beyond every outlier keeps p_t.
 */
export function mixtureP(pT: number, setAside: number, runs: number, alike: number): number {
  return Math.min(1, (1 - setAside / runs) * pT + alike / runs);
}

/** A set-aside run counts as like the current run when it lies on the same side of the
 *  centre, between half and twice as far out (log scale). Slow modes vary in size: the
 *  1.5–2× of issue 23's recordings is log 0.41–0.69, within that factor of 2. A run much
 *  nearer the centre than the outliers (a real +20 % step after one 2× blip) or far beyond
 *  them (a 2.5× regression after a 1.3× blip) is not taken for one of them. */
export const ALIKE_FACTOR = 2;

/** Indices (into `outliers`, distances from the centre) of the set-aside runs like `current`. */
export function alikeOutliers(outliers: readonly number[], current: number): number[] {
  const out: number[] = [];
  outliers.forEach((d, i) => {
    if (d === 0 || Math.sign(d) !== Math.sign(current)) return;
    const ratio = Math.abs(current) / Math.abs(d);
    if (ratio >= 1 / ALIKE_FACTOR && ratio <= ALIKE_FACTOR) out.push(i);
  });
  return out;
}
