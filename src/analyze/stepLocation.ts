/**
 * Where exactly a detected step starts: the maximum-likelihood location of one step between
 * two fixed neighbours, with the noise's density learnt from the series itself.
 *
 * Given the levels a (before) and b (after) and the noise density f, the log-likelihood of
 * "the new level starts at run k" is
 *
 *     ℓ(k) = Σ_{i<k} log f(yᵢ − a) + Σ_{i≥k} log f(yᵢ − b)
 *
 * and its maximum is the Bayes-optimal guess of k under a flat prior (Hinkley 1970,
 * "Inference about the change-point in a sequence of random variables", Biometrika 57(1),
 * derived it for a known density). For Gaussian noise ℓ is the least-squares split; CI noise
 * is not Gaussian (whole runs +30–60 % now and then), and one such run next to the step
 * pulls a least-squares split by several runs. So f is the series' own residual density: a
 * Gaussian kernel density estimate (Silverman 1986, "Density Estimation for Statistics and
 * Data Analysis", §3.4) of each run's distance from its level's median, with Silverman's
 * bandwidth on a robust scale. A slow run then costs what such runs cost in this series, no
 * more; on a quiet series the density is nearly normal and ℓ is the least-squares split.
 *
 * Levels and location are refined in turn (levels = medians of the two sides), twice: the
 * second pass rarely moves the step, a third never did on the bench.
 *
 * Pure; O(m·n) per step for m runs between the neighbours and n residuals.
 */
import { MAD_TO_SIGMA } from "./normal.js";
import { median } from "./summary.js";

/** Silverman's rule of thumb: h = 0.9 · s · n^(−1/5) (Silverman 1986, eq. 3.31), s a robust
 *  scale so that the slow runs being modelled do not widen every kernel. */
const SILVERMAN = 0.9;
/** Below this density a residual is as unlikely as the model can say: a floor so that one
 *  run further out than any residual seen does not decide the location alone (it adds the
 *  same bounded penalty to either side). Relative to the kernel's peak 1/(h√2π). */
const DENSITY_FLOOR = 1e-4;
/** How far from where the tests put it a step may move: the least-squares split on
 *  filtered values was off by more than 3 runs in 9 % of +20 % steps on 10 %-CV noise
 *  (bench/changepoints.bench.ts), rarely by more than 12. */
const SEARCH_RUNS = 16;
/** Level-then-location passes. */
const PASSES = 2;

export interface ResidualDensity {
  /** log f(x) for a residual x (log scale). */
  logDensity(x: number): number;
}

/** The kernel density of `residuals` (Silverman's bandwidth on 1.4826·MAD); undefined when
 *  they have no spread (a constant series: nothing to locate by likelihood). */
export function residualDensity(residuals: readonly number[]): ResidualDensity | undefined {
  const n = residuals.length;
  if (n < 2) return undefined;
  const m = median(residuals);
  const scale = MAD_TO_SIGMA * median(residuals.map((r) => Math.abs(r - m)));
  if (!(scale > 0)) return undefined;
  const h = SILVERMAN * scale * n ** -0.2;
  const points = Float64Array.from(residuals);
  const norm = 1 / (n * h * Math.sqrt(2 * Math.PI));
  const floor = DENSITY_FLOOR / (h * Math.sqrt(2 * Math.PI));
  return {
    logDensity(x) {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const z = (x - (points[j] as number)) / h;
        sum += Math.exp(-0.5 * z * z);
      }
      return Math.log(sum * norm + floor);
    },
  };
}

/** Runs this close to a change point are left out of the density: which level they
 *  belong to is the question, and residuals taken about a wrong split would teach the
 *  density that split's errors (the location then sticks where it started). */
const NEAR_STEP = 8;
/** Fewer residuals than this far from any step: use them all. */
const MIN_RESIDUALS = 20;

/** Each run's distance from the median of its level, the levels cut at `points`, for the
 *  runs more than NEAR_STEP from every cut (all runs when too few are). */
export function residuals(y: ArrayLike<number>, points: readonly number[]): number[] {
  const far: number[] = [];
  const all: number[] = [];
  const bounds = [0, ...points, y.length];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const from = bounds[s] as number;
    const to = bounds[s + 1] as number;
    const m = medianOfRange(y, from, to);
    for (let i = from; i < to; i++) {
      const r = Number(y[i]) - m;
      all.push(r);
      const clear =
        (s === 0 || i - from >= NEAR_STEP) && (s === bounds.length - 2 || to - i > NEAR_STEP);
      if (clear) far.push(r);
    }
  }
  return far.length >= MIN_RESIDUALS ? far : all;
}

function medianOfRange(y: ArrayLike<number>, from: number, to: number): number {
  return median(Array.from({ length: to - from }, (_, i) => Number(y[from + i])));
}

/**
 * The most likely start of the level that begins near `at`, in [from + minSegment,
 * to − minSegment], its neighbours' change points (or the series' ends) at `from` and `to`.
 */
export function locateStep(
  y: ArrayLike<number>,
  from: number,
  at: number,
  to: number,
  minSegment: number,
  density: ResidualDensity,
): number {
  let k = at;
  for (let pass = 0; pass < PASSES; pass++) {
    const a = medianOfRange(y, from, k);
    const b = medianOfRange(y, k, to);
    // ℓ(k) − const = Σ_{i<k} (log f(yᵢ − a) − log f(yᵢ − b)): one running sum.
    let best = k;
    let bestScore = Number.NEGATIVE_INFINITY;
    let sum = 0;
    // Only the runs a candidate start could move between the levels change ℓ: those within
    // SEARCH_RUNS of where the step is now (the tests found it there, give or take).
    const lo = Math.max(from, k - SEARCH_RUNS);
    const hi = Math.min(to - minSegment, k + SEARCH_RUNS);
    if (lo >= from + minSegment) {
      // The start at `lo` itself: no run moved.
      best = lo;
      bestScore = 0;
    }
    for (let i = lo; i < hi; i++) {
      const v = Number(y[i]);
      sum += density.logDensity(v - a) - density.logDensity(v - b);
      const split = i + 1;
      if (split >= from + minSegment && sum > bestScore) {
        bestScore = sum;
        best = split;
      }
    }
    if (best === k) break;
    k = best;
  }
  return k;
}
