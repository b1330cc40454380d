/**
 * Slow creep: a metric worsening by ~1 % a run for 15 runs never shows a significant single
 * step, yet adds up to +15 %. Over the log values of the baseline runs plus this run:
 *
 * - slope: Theil–Sen, the median of the pairwise slopes (yⱼ − yᵢ)/(j − i) (Theil 1950;
 *   Sen 1968), robust to the odd outlier run; same as scipy.stats.theilslopes;
 * - significance: the Mann–Kendall test, S = Σ_{i<j} sign(yⱼ − yᵢ), normal approximation
 *   with tie correction and continuity correction (Mann 1945; Kendall 1975; Hipel & McLeod
 *   1994, §23.3), which is Kendall's tau test of y against the run index.
 */
import { normalCdf } from "./normal.js";
import { medianInPlace } from "./summary.js";

/** Fewer points than this and a trend is not looked for: the test has no power. */
export const MIN_TREND_RUNS = 8;

export function theilSenSlope(y: readonly number[]): number {
  const n = y.length;
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) slopes[k++] = ((y[j] as number) - (y[i] as number)) / (j - i);
  }
  return medianInPlace(slopes);
}

export function mannKendall(y: readonly number[]): { s: number; variance: number; pValue: number } {
  const n = y.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign((y[j] as number) - (y[i] as number));
  }
  const tally = new Map<number, number>();
  for (const v of y) tally.set(v, (tally.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of tally.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  if (!(variance > 0)) return { s, variance, pValue: 1 };
  const z = (s - Math.sign(s)) / Math.sqrt(variance);
  return { s, variance, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}

export interface TrendEstimate {
  /** Theil–Sen slope on the log scale, per run. */
  logSlope: number;
  runs: number;
  /** Mann–Kendall two-sided p-value, before multiple-testing adjustment. */
  pValue: number;
}

/** Trend of log values (oldest first, this run last); undefined when too short. */
export function estimateTrend(logSeries: readonly number[]): TrendEstimate | undefined {
  if (logSeries.length < MIN_TREND_RUNS || logSeries.some((v) => !Number.isFinite(v)))
    return undefined;
  return {
    logSlope: theilSenSlope(logSeries),
    runs: logSeries.length,
    pValue: mannKendall(logSeries).pValue,
  };
}
