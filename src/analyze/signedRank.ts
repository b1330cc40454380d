/**
 * The Wilcoxon signed-rank statistic V (sum of the ranks of the positive differences) and
 * its null distribution: under "no shift" each |difference| is equally likely to carry
 * either sign, so V is the sum of a random subset of the ranks 1…n — a sign-flip
 * permutation test on ranks (Wilcoxon 1945; Hollander & Wolfe, "Nonparametric Statistical
 * Methods", 2nd ed., §3.1). The exact distribution counts subsets by sum (dynamic
 * programming, O(n³)); above EXACT_SIGNED_RANK_MAX_N the normal approximation is as good.
 */
import { normalCdf } from "./normal.js";

/** Up to this n the exact distribution is used (R's wilcox.test uses exact below 50). */
export const EXACT_SIGNED_RANK_MAX_N = 50;

const cdfCache = new Map<number, Float64Array>();

/** cdf[k] = P(V ≤ k) for k = 0 … n(n+1)/2 under the null. */
export function signedRankCdf(n: number): Float64Array {
  const cached = cdfCache.get(n);
  if (cached) return cached;
  const total = (n * (n + 1)) / 2;
  // counts[k] = number of subsets of {1..i} with sum k; below 2^53 for n ≤ 50, so exact.
  const counts = new Float64Array(total + 1);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    for (let k = (rank * (rank + 1)) / 2; k >= rank; k--) {
      counts[k] = (counts[k] as number) + (counts[k - rank] as number);
    }
  }
  const cdf = new Float64Array(total + 1);
  const outcomes = 2 ** n;
  let running = 0;
  for (let k = 0; k <= total; k++) {
    running += counts[k] as number;
    cdf[k] = running / outcomes;
  }
  cdfCache.set(n, cdf);
  return cdf;
}

/** P(V ≤ k) under the null, exact. */
export function signedRankP(k: number, n: number): number {
  if (k < 0) return 0;
  const cdf = signedRankCdf(n);
  return cdf[Math.min(Math.floor(k), cdf.length - 1)] as number;
}

/** Smallest q with P(V ≤ q) ≥ p (R's qsignrank). */
export function signedRankQuantile(p: number, n: number): number {
  const cdf = signedRankCdf(n);
  for (let q = 0; q < cdf.length; q++) if ((cdf[q] as number) >= p - 1e-12) return q;
  return cdf.length - 1;
}

/** Average ranks of values (ties share the mean of their ranks), 1-based. */
export function ranks(values: readonly number[]): { ranks: number[]; tieGroups: number[] } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const result = new Array<number>(values.length).fill(0);
  const tieGroups: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.v === order[start]?.v) end++;
    const rank = (start + end + 2) / 2;
    for (let k = start; k <= end; k++) result[(order[k] as { i: number }).i] = rank;
    if (end > start) tieGroups.push(end - start + 1);
    start = end + 1;
  }
  return { ranks: result, tieGroups };
}

/**
 * Two-sided p-value of the signed-rank test of "differences centred on 0". Zero differences
 * are dropped (Wilcoxon's convention, as R and scipy's default). Exact when n ≤ 50 and
 * there are no ties or zeros; otherwise the normal approximation with tie correction and
 * continuity correction, as R's wilcox.test(correct = TRUE).
 */
export function signedRankTest(differences: readonly number[]): {
  statistic: number;
  pValue: number;
  n: number;
} {
  const nonZero = differences.filter((d) => d !== 0);
  const n = nonZero.length;
  if (n === 0) return { statistic: 0, pValue: 1, n };
  const { ranks: r, tieGroups } = ranks(nonZero.map(Math.abs));
  let v = 0;
  nonZero.forEach((d, i) => {
    if (d > 0) v += r[i] as number;
  });
  const exact = n <= EXACT_SIGNED_RANK_MAX_N && tieGroups.length === 0 && n === differences.length;
  if (exact) {
    const half = (n * (n + 1)) / 4;
    const tail = v > half ? 1 - signedRankP(v - 1, n) : signedRankP(v, n);
    return { statistic: v, pValue: Math.min(1, 2 * tail), n };
  }
  const expected = (n * (n + 1)) / 4;
  const tieTerm = tieGroups.reduce((sum, t) => sum + t ** 3 - t, 0);
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  if (!(variance > 0)) return { statistic: v, pValue: 1, n };
  const diff = v - expected;
  const z = (diff - Math.sign(diff) * 0.5) / Math.sqrt(variance);
  return { statistic: v, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))), n };
}
