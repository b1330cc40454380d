/**
 * Slow creep: a metric worsening by ~1 % a run for 15 runs never shows a significant single
 * step, yet adds up to +15 %. Over the log values of the baseline runs plus this run:
 *
 * - slope: Theil–Sen, the median of the pairwise slopes (yⱼ − yᵢ)/(j − i) (Theil 1950;
 *   Sen 1968), robust to the odd outlier run; same as scipy.stats.theilslopes;
 * - significance: the Mann–Kendall test, S = Σ_{i<j} sign(yⱼ − yᵢ), normal approximation
 *   with tie correction and continuity correction (Mann 1945; Kendall 1975; Hipel & McLeod
 *   1994, §23.3), which is Kendall's tau test of y against the run index;
 * - serial correlation: runs on one runner fleet drift in blocks (a slow day, a busy
 *   machine), which makes the plain test see trends in noise (22 of 180 windows of real A/A
 *   wall-time runs here). Var(S) is inflated by n/n* from the significant autocorrelations
 *   of the ranks of the detrended series (Hamed & Rao 1998, "A modified Mann-Kendall trend
 *   test for autocorrelated data", J. Hydrology 204, eq. 18; as pymannkendall's
 *   hamed_rao_modification_test), never deflated (n/n* ≥ 1: a correction for safety only).
 */
import { normalCdf, normalQuantile } from "./normal.js";
import { ranks } from "./ranks.js";
import { medianInPlace } from "./summary.js";

/** Fewer points than this and a trend is not looked for: the test has no power. */
export const MIN_TREND_RUNS = 8;

/**
 * Working space for the pairwise slopes and sorted copies, reused from call to call. A
 * Float64Array of more than a few values lives outside the JS heap, and allocating one per
 * metric (30,000 of them) cost more than the arithmetic. Nothing is carried between calls:
 * every call writes the part it reads first, and nothing here calls back into itself.
 */
let slopeSpace: Float64Array = new Float64Array(0);
let sortSpace: Float64Array = new Float64Array(0);
let detrendSpace: Float64Array = new Float64Array(0);
let rankSpace: Float64Array = new Float64Array(0);

function space(current: Float64Array, n: number): Float64Array {
  return current.length >= n ? current : new Float64Array(Math.max(n, 2 * current.length));
}

/** Longest series sorted by insertion: a trend sees a history's 30 runs and this run. */
const INSERTION_SORT_MAX = 64;

/** A sorted copy of y in reused space (valid until the next call). Short series without
 *  NaN by insertion (no call into the typed array's sort, which cost more than the rest of
 *  the test for 31 values); the order is the same, up to equal values (-0 and 0 among them),
 *  which every reader here treats alike. */
function sortedCopy(y: ArrayLike<number>, n = y.length): Float64Array {
  sortSpace = space(sortSpace, n);
  const sorted = sortSpace.subarray(0, n);
  if (n > INSERTION_SORT_MAX) {
    for (let i = 0; i < n; i++) sorted[i] = y[i] as number;
    return sorted.sort();
  }
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    if (Number.isNaN(v)) {
      for (let k = 0; k < n; k++) sorted[k] = y[k] as number;
      return sorted.sort();
    }
    let j = i - 1;
    while (j >= 0 && (sorted[j] as number) > v) {
      sorted[j + 1] = sorted[j] as number;
      j--;
    }
    sorted[j + 1] = v;
  }
  return sorted;
}

export function theilSenSlope(y: readonly number[]): number {
  const n = y.length;
  const count = (n * (n - 1)) / 2;
  slopeSpace = space(slopeSpace, count);
  const slopes = slopeSpace;
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) slopes[k++] = ((y[j] as number) - (y[i] as number)) / (j - i);
  }
  return medianInPlace(slopes, count);
}

export function mannKendall(y: readonly number[]): { s: number; variance: number; pValue: number } {
  const n = y.length;
  let finite = true;
  for (let i = 0; i < n; i++) if (!Number.isFinite(y[i] as number)) finite = false;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    if (finite) {
      // sign(yⱼ − yᵢ) from two comparisons, without a branch: on noise the sign is a coin
      // toss, and a mispredicted branch per pair was most of the test's time.
      for (let j = i + 1; j < n; j++) {
        const d = (y[j] as number) - yi;
        s += +(d > 0) - +(d < 0);
      }
    } else for (let j = i + 1; j < n; j++) s += Math.sign((y[j] as number) - yi);
  }
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm(y)) / 18;
  return { s, variance, pValue: mannKendallP(s, variance) };
}

/** Σ t(t − 1)(2t + 5) over groups of t equal values. Counted on a sorted typed copy rather
 *  than a Map of tallies: this runs for each of 30,000 metrics. NaNs form one group, as a
 *  Map would have them (they sort last and never equal each other). */
function tieTerm(y: readonly number[]): number {
  const sorted = sortedCopy(y);
  let term = 0;
  let nan = 0;
  for (let start = 0; start < sorted.length; ) {
    const v = sorted[start] as number;
    let end = start + 1;
    if (Number.isNaN(v)) {
      nan++;
      start = end;
      continue;
    }
    while (end < sorted.length && sorted[end] === v) end++;
    const t = end - start;
    term += t * (t - 1) * (2 * t + 5);
    start = end;
  }
  return term + nan * (nan - 1) * (2 * nan + 5);
}

function mannKendallP(s: number, variance: number): number {
  if (!(variance > 0)) return 1;
  const z = (s - Math.sign(s)) / Math.sqrt(variance);
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/** Level at which a rank autocorrelation counts as significant (Hamed & Rao use 5 %). */
const AUTOCORRELATION_ALPHA = 0.05;
const AUTOCORRELATION_Z = normalQuantile(1 - AUTOCORRELATION_ALPHA / 2);

/** Average ranks (1-based, ties share the mean rank) of finite values, as ranks() gives
 *  them, without an object per value: the rank of v spans the run of v in a sorted copy. */
function finiteRanks(values: Float64Array, n: number): Float64Array {
  const sorted = sortedCopy(values, n);
  rankSpace = space(rankSpace, n);
  const out = rankSpace;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    const first = firstAtLeast(sorted, v);
    let last = first;
    while (last + 1 < sorted.length && sorted[last + 1] === v) last++;
    out[i] = (first + last + 2) / 2;
  }
  return out;
}

/** Index of the first element ≥ v in an ascending array. */
function firstAtLeast(sorted: Float64Array, v: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] as number) < v) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Hamed & Rao's variance factor n/n* for the series y with Sen slope β (may be < 1;
 *  estimateTrend never lets it shrink the variance). */
export function autocorrelationInflation(y: readonly number[], slope: number): number {
  const n = y.length;
  if (n < 3) return 1;
  detrendSpace = space(detrendSpace, n);
  const detrended = detrendSpace;
  let finite = true;
  for (let i = 0; i < n; i++) {
    const v = (y[i] as number) - slope * i;
    detrended[i] = v;
    if (!Number.isFinite(v)) finite = false;
  }
  const r: ArrayLike<number> = finite
    ? finiteRanks(detrended, n)
    : ranks(Array.from(detrended.subarray(0, n))).ranks;
  let meanRank = 0;
  for (let i = 0; i < n; i++) meanRank += r[i] as number;
  meanRank /= n;
  // Centred ranks over the detrended values, which are not needed once ranked.
  const centred = detrended;
  for (let i = 0; i < n; i++) centred[i] = (r[i] as number) - meanRank;
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (centred[i] as number) * (centred[i] as number);
  if (!(c0 > 0)) return 1;
  const bound = AUTOCORRELATION_Z / Math.sqrt(n);
  let sum = 0;
  for (let k = 1; k < n; k++) {
    let ck = 0;
    for (let i = 0; i + k < n; i++) ck += (centred[i] as number) * (centred[i + k] as number);
    const rho = ck / c0;
    if (Math.abs(rho) > bound) sum += (n - k) * (n - k - 1) * (n - k - 2) * rho;
  }
  return 1 + (2 / (n * (n - 1) * (n - 2))) * sum;
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
  if (logSeries.length < MIN_TREND_RUNS) return undefined;
  for (const v of logSeries) if (!Number.isFinite(v)) return undefined;
  const logSlope = theilSenSlope(logSeries);
  const mk = mannKendall(logSeries);
  const inflation = Math.max(1, autocorrelationInflation(logSeries, logSlope));
  return { logSlope, runs: logSeries.length, pValue: mannKendallP(mk.s, mk.variance * inflation) };
}
