/**
 * Change points in one series (one value per run, in run order): the runs where the level
 * moved and stayed moved. docs/changepoints.md explains the choice; in short:
 *
 * 1. Work on log values, so a step is a ratio whatever the scale (a +20 % step is the same
 *    size on a 2 ms and a 2 s benchmark) and multiplicative runner noise is additive.
 * 2. Binary segmentation (Scott & Knott 1974; Vostrikova 1981): in a segment, the
 *    least-squares split of the Hampel-filtered values (Hampel 1974; Pearson 2002: single
 *    outliers replaced by their neighbours' median, so they cannot pull the split) is
 *    tested, then the two halves are searched again. Where no single split holds, the
 *    stretch that differs most from the rest is tested (circular binary segmentation,
 *    Olshen et al. 2004): a level that came and went.
 * 3. The test is the Mann–Whitney rank sum of the raw values (Pettitt 1979), exact when one
 *    side is short (rankSumExact.ts), against the permutation line of the largest statistic
 *    over the segment's candidate splits at α (maxRankLine.ts). Ranks make
 *    no assumption about the noise's shape, which on CI is far from normal (a second mode
 *    of whole runs +30–60 %). Where the short side is too short for any arrangement of
 *    ranks to clear the line, the difference of medians is measured against the noise the
 *    series shows instead (σ from the MAD of successive differences). Both sides must hold
 *    their level for minSegment runs.
 * 4. As Apache Otava (Hunter, Fleming et al. 2023) does after E-divisive (Matteson & James
 *    2014), every change point is then re-tested against its neighbours, weakest first.
 * 5. Each is placed at its maximum-likelihood run between its neighbours under the noise
 *    density learnt from the series' own residuals (stepLocation.ts; Hinkley 1970).
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
import { maxRankLine } from "./maxRankLine.js";
import { MAD_TO_SIGMA, normalQuantile } from "./normal.js";
import { EXACT_RANK_SUM_MAX_SIDE, rankSumLowerTail, rankSumZ } from "./rankSumExact.js";
import { locateStep, residualDensity, residuals } from "./stepLocation.js";
import { medianInPlace } from "./summary.js";

export interface ChangePointOptions {
  /** A level must hold at least this many runs to count: the newest runs join a new level
   *  only once it is sustained for three, and a level lasting one or two runs is noise. */
  minSegment: number;
  /** Chance of a false split in one test of a segment (the permutation line of its
   *  largest split statistic; Bonferroni over the stretches of the circular step). 0.01
   *  gives 0.8 false changes per hundred 100-run series of real CI noise (1.0 over 3,000
   *  series; bench/changepoints.bench.ts) and finds 87 % of +20 % steps there; 0.005 gave
   *  0.3 and 85 %. */
  alpha: number;
  /** A value this many robust sigmas from its neighbours' median is an outlier (Hampel's
   *  usual 3: about 0.3 % of normal noise is touched). */
  outlierCutoff: number;
}

export const CHANGE_POINT_DEFAULTS: ChangePointOptions = {
  minSegment: 3,
  alpha: 0.01,
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
  /** The two-sample statistic at the change, as a two-sided normal z (the rank test's, or
   *  the median test's where the short side is too short for ranks). */
  z: number;
}

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

function ranked(y: Float64Array, filtered: Float64Array, sigma: number): Ranked {
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
  for (let i = 0; i < n; i++) sums[i + 1] = (sums[i] as number) + (filtered[i] as number);
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
  const ranks = ranksOf(y, from, to);
  let sum = 0;
  for (let k = 0; k < at - from; k++) sum += ranks[k] as number;
  return rankSumZ(sum, at - from, to - from);
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

/**
 * Whether the split at `at` is a change (≥ 0) or by how far it misses (< 0): the rank
 * test clears the line, and both sides hold their level. Where the shorter side is so short
 * that no arrangement of ranks could clear the line (three runs at the top of forty: exact
 * chance 1 / C(40, 3), not small enough once every split of the history has had its
 * chance), the median test speaks instead: it measures the step against the noise the
 * series shows, so a new level far outside it is seen after three runs. Only there: on CI
 * noise with a second mode it calls a few slow runs at an end a level now and then
 * (1.3 false changes per 100 series of 100 runs when it ran beside the rank test
 * everywhere, bench/changepoints.bench.ts), and the rank test never does.
 */
function significant(
  y: Ranked,
  from: number,
  at: number,
  to: number,
  options: ChangePointOptions,
): number {
  const { z, line } = testZ(y, from, at, to, criticalLines(to - from, options));
  const margin = z - line;
  return sustained(y.y, from, at, to, options.minSegment) ? margin : Math.min(margin, -1e-9);
}

/** The split's statistic and the line it must clear: the rank test's, or the median test's
 *  where ranks cannot reach their line (see `significant`). */
function testZ(y: Ranked, from: number, at: number, to: number, lines: Lines) {
  const short = Math.min(at - from, to - at);
  return bestRankZ(short, to - from) >= lines.rank
    ? { z: splitZ(y, from, at, to), line: lines.rank }
    : { z: medianZ(y, from, at, to), line: lines.median };
}

/** The largest rank statistic a split with `short` runs on one side of `m` can reach: the
 *  short side's runs all above (or all below) the rest. */
function bestRankZ(short: number, m: number): number {
  if (short > EXACT_RANK_SUM_MAX_SIDE) return Math.sqrt((3 * short * (m - short)) / (m + 1));
  const key = short * 100_003 + m;
  let z = bestRankZCache.get(key);
  if (z === undefined) {
    z = -normalQuantile(rankSumLowerTail(short, m - short, 0));
    bestRankZCache.set(key, z);
  }
  return z;
}
/** bestRankZ depends on two small integers only: worked out once per pair. */
const bestRankZCache = new Map<number, number>();

/** The lines a split's statistic must clear in a segment (see criticalLines). */
interface Lines {
  rank: number;
  median: number;
}

/**
 * The rank test's line is the permutation line of the largest candidate's statistic
 * (maxRankLine.ts): exact for any noise whose runs are exchangeable, about 0.3 below the
 * Bonferroni line at a hundred runs. The median test keeps the Bonferroni line: its
 * standard error assumes normal noise at that scale, and CI noise's slow runs make it the
 * riskier of the two (see `significant`), so it gets no share of that gain.
 */
function criticalLines(length: number, options: ChangePointOptions): Lines {
  const { alpha, minSegment } = options;
  const median = bonferroniZ(length, alpha, minSegment);
  return { rank: maxRankLine(length, minSegment, alpha, median), median };
}

/** Two-sided, Bonferroni over the segment's candidate splits (conservative: neighbouring
 *  splits' statistics are correlated). */
function bonferroniZ(length: number, alpha: number, minSegment: number): number {
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
  if (at !== undefined && significant(y, from, at, to, options) >= 0) {
    found.push(at);
    segment(y, from, at, options, found);
    segment(y, at, to, options, found);
    return;
  }
  // No single step: perhaps a level that came and went (a regression fixed later), which
  // one split cannot see — each side of it holds a mix of both levels.
  const bump = bestInterval(y, from, to, options);
  if (!bump) return;
  found.push(bump.start, bump.end);
  segment(y, from, bump.start, options, found);
  segment(y, bump.start, bump.end, options, found);
  segment(y, bump.end, to, options, found);
}

/**
 * Circular binary segmentation's step (Olshen, Venkatraman, Lucito & Wigler 2004,
 * "Circular binary segmentation for the analysis of array-based DNA copy number data",
 * Biostatistics 5(4)): the stretch [start, end) of [from, to) whose mean differs most from
 * the rest's (least squares, each part ≥ minSegment runs), kept when the rank test of the
 * stretch against the rest clears the line — Bonferroni over every stretch — and both hold
 * their level. O(m²) for a segment of m runs, only where no single split was found.
 */
function bestInterval(y: Ranked, from: number, to: number, options: ChangePointOptions) {
  const { minSegment, alpha } = options;
  const m = to - from;
  if (m < 3 * minSegment) return undefined;
  const { sums } = y;
  const total = (sums[to] as number) - (sums[from] as number);
  // score(start, end) = (inside·(m − inside)/m)·(mean inside − mean outside)², which is
  // (m·S − total·inside)² / (m·inside·(m − inside)) for S the stretch's sum.
  let best: { start: number; end: number } | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  let candidates = 0;
  for (let inside = minSegment; inside <= m - 2 * minSegment; inside++) {
    const weight = 1 / (m * inside * (m - inside));
    const first = from + minSegment;
    const last = to - minSegment - inside;
    if (last < first) continue;
    candidates += last - first + 1;
    for (let start = first; start <= last; start++) {
      const d = m * ((sums[start + inside] as number) - (sums[start] as number)) - total * inside;
      const score = d * d * weight;
      if (score > bestScore) {
        bestScore = score;
        best = { start, end: start + inside };
      }
    }
  }
  if (!best) return undefined;
  const ranks = ranksOf(y, from, to);
  let sum = 0;
  for (let i = best.start; i < best.end; i++) sum += ranks[i - from] as number;
  const line = normalQuantile(1 - alpha / (2 * candidates));
  if (rankSumZ(sum, best.end - best.start, m) < line) return undefined;
  const holds =
    sustained(y.y, from, best.start, best.end, minSegment) &&
    sustained(y.y, best.start, best.end, to, minSegment);
  return holds ? best : undefined;
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
    placed.push({ at, z: testZ(y, from, at, to, criticalLines(to - from, options)).z });
  }
  return placed;
}

/**
 * Each change point moved to its maximum-likelihood start between its neighbours, under the
 * noise density of the series' own residuals (stepLocation.ts), on the unfiltered log
 * values: the least-squares split is the right locator for normal noise only, and one slow
 * run beside a step pulls it by several runs.
 */
function relocate(
  raw: Float64Array,
  placed: { at: number; z: number }[],
  minSegment: number,
): { at: number; z: number }[] {
  const density = residualDensity(
    residuals(
      raw,
      placed.map((p) => p.at),
    ),
  );
  if (!density) return placed;
  const out: { at: number; z: number }[] = [];
  for (let j = 0; j < placed.length; j++) {
    const from = j === 0 ? 0 : (out[j - 1]?.at as number);
    const to = j === placed.length - 1 ? raw.length : (placed[j + 1]?.at as number);
    const p = placed[j] as { at: number; z: number };
    out.push({ at: locateStep(raw, from, p.at, to, minSegment, density), z: p.z });
  }
  return out;
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
  const series = ranked(raw, hampel(raw, sigma, options.outlierCutoff), sigma);
  const found: number[] = [];
  segment(series, 0, n, options, found);
  if (found.length === 0) return [];
  const placed = relocate(raw, prune(series, found, options), options.minSegment);

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
