/**
 * Change points in one series (one value per run, in run order): the runs where the level
 * moved and stayed moved. docs/changepoints.md explains the choice; in short:
 *
 * 1. Work on log values, so a step is a ratio whatever the scale (a +20 % step is the same
 *    size on a 2 ms and a 2 s benchmark) and multiplicative runner noise is additive.
 * 2. Take single outliers out: a Hampel filter (Hampel 1974; Pearson 2002) replaces a value
 *    more than `outlierCutoff` robust sigmas from the median of its ±2 neighbours with that
 *    median. A median of five preserves an edge (the three on the new side win), so a step
 *    stays a step while one or two 2× runs in a row vanish.
 * 3. Learn the noise from the series itself: σ from the MAD of successive differences
 *    (a step changes one difference, an outlier two, the noise all of them).
 * 4. Binary segmentation (Scott & Knott 1974; Vostrikova 1981): in a segment, the split that
 *    maximises the two-sample statistic z = |ȳL − ȳR| / (σ √(1/nL + 1/nR)) (the CUSUM
 *    statistic), kept when z clears the Bonferroni line over the candidate splits, then the
 *    two halves are searched again. As Apache Otava (Hunter, Fleming et al. 2023) does after
 *    E-divisive (Matteson & James 2014), every change point is then re-tested against its
 *    neighbours, weakest first, with σ re-learnt from within the final segments, and moved
 *    to the best split between them.
 *
 *     log value
 *        │            ●  ●   ●  ●  ●   ●        ← after (≥ minSegment runs)
 *        │   ●   ○          ●    ●   ●
 *        │ ●  ● ●  ●  ●                          ○ a single outlier: filtered out
 *        │  ●         ●                          ← before
 *        └───────────┬──────────────────── run
 *                    first run at the new level (the change point's index)
 *
 * Pure: no I/O, no clock, no randomness; a constant or short series gives no change points.
 */
import { normalQuantile } from "./normal.js";
import { medianInPlace } from "./summary.js";

export interface ChangePointOptions {
  /** A level must hold at least this many runs to count: the newest runs join a new level
   *  only once it is sustained for three, and a level lasting one or two runs is noise. */
  minSegment: number;
  /** Chance of a false split in one test of a segment (Bonferroni over its candidate
   *  splits, halved between the rank and the median test). 0.005 keeps false changes under
   *  one per hundred 100-run series of real CI noise (bench/changepoints.bench.ts: 0.5);
   *  0.001 and 0.01 gave the same false rate and 2 points less or more recall at +20 %. */
  alpha: number;
  /** A value this many robust sigmas from its neighbours' median is an outlier (Hampel's
   *  usual 3: about 0.3 % of normal noise is touched). */
  outlierCutoff: number;
}

export const CHANGE_POINT_DEFAULTS: ChangePointOptions = {
  minSegment: 3,
  alpha: 0.005,
  outlierCutoff: 3,
};

export interface ChangePoint {
  /** The first run at the new level (an index into the series given). */
  index: number;
  /** Median of the runs of the level before and after (the series' own unit). */
  before: number;
  after: number;
  /** after / before − 1. */
  change: number;
  /** Runs in the level before and after. */
  runsBefore: number;
  runsAfter: number;
  /** The two-sample statistic at the change (in sigmas of the level difference). */
  z: number;
}

/** Scale factor from a MAD to a normal sigma. */
const MAD_TO_SIGMA = 1.4826;
/** Neighbours on each side of the Hampel window (a median of five). */
const HAMPEL_HALF_WIDTH = 2;

/** Robust sigma of the noise from successive differences (each difference carries the
 *  noise of two runs, hence the √2). Falls back to the plain standard deviation of the
 *  differences when over half of them are equal (quantised values), and to a floor tied to
 *  the values' own size so that a constant series does not divide by zero. */
function noiseFromDifferences(y: Float64Array): number {
  const n = y.length;
  if (n < 3) return 0;
  differenceSpace = grown(differenceSpace, n - 1);
  const d = differenceSpace;
  for (let i = 1; i < n; i++) d[i - 1] = (y[i] as number) - (y[i - 1] as number);
  return robustSigma(d, n - 1) / Math.SQRT2;
}

/** Where medians of long stretches are selected: reused from call to call (a new array
 *  per median was most of the time for a 3,000-series history). Each use writes the part
 *  it reads first, and nothing here calls back into itself. */
let scratch = new Float64Array(128);
/** The same for the other working arrays of one series (differences, deviations, ranks,
 *  value order, prefix sums): a history of 10,000 benchmarks × 3 metrics is 30,000 series,
 *  and a handful of new typed arrays each was a third of the change-point search. */
let differenceSpace = new Float64Array(128);
let deviationSpace = new Float64Array(128);
let rankSpace = new Float64Array(128);
let orderSpace = new Int32Array(128);
let sumSpace = new Float64Array(129);
/** The Hampel window, sorted in place by medianInPlace. */
const hampelWindow = new Float64Array(2 * HAMPEL_HALF_WIDTH + 1);

function grown<T extends Float64Array | Int32Array>(space: T, n: number): T {
  if (space.length >= n) return space;
  return (space instanceof Int32Array ? new Int32Array(2 * n) : new Float64Array(2 * n)) as T;
}

/** Median of x[from, to) by selection in the scratch space; x is left alone. */
function medianOf(x: Float64Array, from = 0, to = x.length): number {
  const n = to - from;
  if (scratch.length < n) scratch = new Float64Array(2 * n);
  scratch.set(x.subarray(from, to));
  return medianInPlace(scratch, n);
}

/** 1.4826 · MAD of x[0, n), or the standard deviation about the median when the MAD is 0. */
function robustSigma(x: Float64Array, n: number): number {
  const m = medianOf(x, 0, n);
  deviationSpace = grown(deviationSpace, n);
  const dev = deviationSpace;
  for (let i = 0; i < n; i++) dev[i] = Math.abs((x[i] as number) - m);
  const mad = MAD_TO_SIGMA * medianOf(dev, 0, n);
  if (mad > 0) return mad;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (dev[i] as number) ** 2;
  return Math.sqrt(ss / Math.max(1, n - 1));
}

/** The Hampel filter: outliers replaced by their neighbourhood's median. */
function hampel(y: Float64Array, sigma: number, cutoff: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(y);
  if (!(sigma > 0)) return out;
  const window = hampelWindow;
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - HAMPEL_HALF_WIDTH);
    const hi = Math.min(n - 1, i + HAMPEL_HALF_WIDTH);
    for (let j = lo; j <= hi; j++) window[j - lo] = y[j] as number;
    const m = medianInPlace(window, hi - lo + 1);
    if (Math.abs((y[i] as number) - m) > cutoff * sigma) out[i] = m;
  }
  return out;
}

/**
 * The series with its values' order computed once: each segment's ranks then come from one
 * pass over that order (O(n), no sort per segment).
 */
interface Ranked {
  y: Float64Array;
  /** Robust sigma of one run's noise (log scale). */
  sigma: number;
  /** Indices of y from smallest value to largest. */
  order: Int32Array;
  /** Prefix sums of y: any segment's mean in two reads. */
  sums: Float64Array;
}

function ranked(y: Float64Array, sigma: number): Ranked {
  const n = y.length;
  orderSpace = grown(orderSpace, n);
  const order = orderSpace.subarray(0, n);
  // Insertion sort of the indices by value: a few dozen runs, and no comparator calls.
  // Ties may sit in any order: ranksOf gives tied values their average rank.
  for (let i = 0; i < n; i++) {
    const v = y[i] as number;
    let j = i - 1;
    while (j >= 0 && (y[order[j] as number] as number) > v) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = i;
  }
  sumSpace = grown(sumSpace, n + 1);
  const sums = sumSpace;
  sums[0] = 0;
  for (let i = 0; i < n; i++) sums[i + 1] = (sums[i] as number) + (y[i] as number);
  return { y, sigma, order, sums };
}

/** Ranks (1 … m) of y[from, to), indexed from 0 at `from`; ties share their average rank. */
function ranksOf({ y, order }: Ranked, from: number, to: number): Float64Array {
  rankSpace = grown(rankSpace, to - from);
  const ranks = rankSpace;
  let next = 1;
  let tieStart = -1;
  let tieValue = Number.NaN;
  let tieCount = 0;
  const closeTie = (end: number) => {
    // The tied values took ranks next − tieCount … next − 1: give each their average.
    const rank = next - (tieCount + 1) / 2;
    for (let k = tieStart; k < end; k++) {
      const i = order[k] as number;
      if (i >= from && i < to) ranks[i - from] = rank;
    }
  };
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    if (i < from || i >= to) continue;
    const v = y[i] as number;
    if (v !== tieValue) {
      if (tieCount > 1) closeTie(k);
      tieStart = k;
      tieValue = v;
      tieCount = 0;
    }
    ranks[i - from] = next++;
    tieCount++;
  }
  if (tieCount > 1) closeTie(order.length);
  return ranks;
}

/**
 * Where in [from, to) the level moved, each side ≥ minSegment: the least-squares split of
 * the (outlier-filtered) log values, i.e. the k maximising the CUSUM statistic
 *
 *     nL nR / m · (ȳL − ȳR)²
 *
 * (the Gaussian maximum-likelihood location of one step; Hinkley 1970). Only the location:
 * whether it is a change at all is for `significant` to say.
 */
function bestSplit({ sums }: Ranked, from: number, to: number, minSegment: number) {
  const m = to - from;
  if (m < 2 * minSegment) return undefined;
  const total = (sums[to] as number) - (sums[from] as number);
  let best: number | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let k = from + minSegment; k <= to - minSegment; k++) {
    const nL = k - from;
    const nR = to - k;
    const left = (sums[k] as number) - (sums[from] as number);
    const diff = left / nL - (total - left) / nR;
    const score = ((nL * nR) / m) * diff * diff;
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return best;
}

/**
 * How clearly the runs before `at` and from `at` on differ, by the Mann–Whitney statistic
 * of the two sides standardised (as in Pettitt 1979):
 *
 *     z = |Σ_{i<at} rᵢ − nL (m + 1) / 2| / √(nL nR (m + 1) / 12)
 *
 * Ranks, not means: CI noise has heavy tails (whole runs +30–60 % now and then), and a few
 * of those on one side move a mean a lot and a rank sum very little.
 */
function splitZ(y: Ranked, from: number, at: number, to: number): number {
  const m = to - from;
  const ranks = ranksOf(y, from, to);
  let sum = 0;
  for (let k = 0; k < at - from; k++) sum += ranks[k] as number;
  const nL = at - from;
  const nR = to - at;
  return Math.abs(sum - (nL * (m + 1)) / 2) / Math.sqrt((nL * nR * (m + 1)) / 12);
}

/** √(π/2): a median's standard error over a mean's, for normal noise (the large-sample
 *  value; for 3–9 values it is smaller, so using it errs on the cautious side). */
const MEDIAN_SE_FACTOR = Math.sqrt(Math.PI / 2);

/**
 * The difference of the two sides' medians in sigmas of the noise. Near either end of a
 * segment a rank statistic cannot reach significance however large the step (five runs
 * above ninety-five give z ≈ 3.7 at most); medians measured against the noise the series
 * shows can, and stay deaf to a single outlier on the short side (a median of three or
 * more ignores one).
 */
function medianZ({ y, sigma }: Ranked, from: number, at: number, to: number): number {
  if (!(sigma > 0)) return 0;
  const nL = at - from;
  const nR = to - at;
  const diff = Math.abs(medianOf(y, from, at) - medianOf(y, at, to));
  return diff / (MEDIAN_SE_FACTOR * sigma * Math.sqrt(1 / nL + 1 / nR));
}

/**
 * Whether each side holds its level: at least `minSegment` of its runs nearer its own
 * median than the other side's. Without it, two outliers at the end of a series would
 * make a "level" with the run before them (the split cannot leave fewer than
 * `minSegment` runs, and the median of those three is an outlier).
 */
function sustained(y: Float64Array, from: number, at: number, to: number, minSegment: number) {
  const before = medianOf(y, from, at);
  const after = medianOf(y, at, to);
  const mid = (before + after) / 2;
  const up = after > before;
  let held = 0;
  for (let i = at; i < to; i++) if ((y[i] as number) > mid === up) held++;
  if (held < minSegment) return false;
  held = 0;
  for (let i = from; i < at; i++) if ((y[i] as number) > mid !== up) held++;
  return held >= minSegment;
}

/** Whether the split at `at` is a change (≥ 0) or by how far it misses (< 0): the rank
 *  test or the median test clears the line, each at half the error rate (so the two
 *  together keep `alpha`), and both sides hold their level. */
function significant(
  y: Ranked,
  from: number,
  at: number,
  to: number,
  options: ChangePointOptions,
): number {
  const line = criticalZ(to - from, options.alpha / 2, options.minSegment);
  const margin = Math.max(splitZ(y, from, at, to), medianZ(y, from, at, to)) - line;
  return sustained(y.y, from, at, to, options.minSegment) ? margin : Math.min(margin, -1e-9);
}

/** The line z must clear in a segment of `length` runs: two-sided, Bonferroni over the
 *  candidate splits (conservative: neighbouring splits' statistics are correlated). */
function criticalZ(length: number, alpha: number, minSegment: number): number {
  const candidates = Math.max(1, length - 2 * minSegment + 1);
  return normalQuantile(1 - alpha / (2 * candidates));
}

function segment(
  y: Ranked,
  from: number,
  to: number,
  options: ChangePointOptions,
  found: number[],
): void {
  const at = bestSplit(y, from, to, options.minSegment);
  if (at === undefined || significant(y, from, at, to, options) < 0) return;
  found.push(at);
  segment(y, from, at, options, found);
  segment(y, at, to, options, found);
}

/**
 * Re-tests every change point against the segments on either side, dropping the weakest
 * failing one until all pass, then moves each to the best split between its neighbours.
 */
function prune(
  y: Ranked,
  points: number[],
  options: ChangePointOptions,
): { at: number; z: number }[] {
  const n = y.y.length;
  const kept = [...points].sort((a, b) => a - b);
  for (;;) {
    let weakest = -1;
    let weakestMargin = Number.POSITIVE_INFINITY;
    for (let j = 0; j < kept.length; j++) {
      const from = j === 0 ? 0 : (kept[j - 1] as number);
      const to = j === kept.length - 1 ? n : (kept[j + 1] as number);
      const at = kept[j] as number;
      const margin = significant(y, from, at, to, options);
      if (margin < 0 && margin < weakestMargin) {
        weakest = j;
        weakestMargin = margin;
      }
    }
    if (weakest < 0) break;
    kept.splice(weakest, 1);
  }
  const placed: { at: number; z: number }[] = [];
  for (let j = 0; j < kept.length; j++) {
    const from = j === 0 ? 0 : (placed[j - 1]?.at ?? 0);
    const to = j === kept.length - 1 ? n : (kept[j + 1] as number);
    const at = bestSplit(y, from, to, options.minSegment) ?? (kept[j] as number);
    placed.push({ at, z: Math.max(splitZ(y, from, at, to), medianZ(y, from, at, to)) });
  }
  return placed;
}

/**
 * The change points of `values` (one per run, oldest first). Values that are not finite
 * and positive are skipped (they have no log); indices still refer to `values`.
 */
export function changePoints(
  values: readonly number[],
  options: ChangePointOptions = CHANGE_POINT_DEFAULTS,
): ChangePoint[] {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v) && v > 0) kept.push(i);
  }
  const n = kept.length;
  if (n < 2 * options.minSegment) return [];
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) raw[i] = Math.log(values[kept[i] as number] as number);

  const sigma = noiseFromDifferences(raw);
  const y = hampel(raw, sigma, options.outlierCutoff);
  const series = ranked(y, sigma);
  const found: number[] = [];
  segment(series, 0, n, options, found);
  if (found.length === 0) return [];
  const placed = prune(series, found, options);

  return placed.map((p, j) => {
    const from = j === 0 ? 0 : (placed[j - 1]?.at as number);
    const to = j === placed.length - 1 ? n : (placed[j + 1]?.at as number);
    const level = (a: number, b: number) => Math.exp(medianOf(raw, a, b));
    const before = level(from, p.at);
    const after = level(p.at, to);
    return {
      index: kept[p.at] as number,
      before,
      after,
      change: after / before - 1,
      runsBefore: p.at - from,
      runsAfter: to - p.at,
      z: p.z,
    };
  });
}
