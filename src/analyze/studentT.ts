/**
 * Student's t distribution with ν degrees of freedom: CDF and quantile.
 *
 * CDF: for t < 0, P(T ≤ t) = ½·I_{ν/(ν+t²)}(ν/2, ½) (Abramowitz & Stegun 26.7.1 via
 * 26.5.27); symmetric for t > 0. Quantile: bisection on the CDF, bracketed by the normal
 * quantile, then cached, because compare() asks for the same few (ν, p) pairs thousands of
 * times. Tested against scipy.stats.t in test/analyze/distributions.test.ts.
 */
import { normalCdf, normalQuantile } from "./normal.js";
import { regularizedBeta } from "./specialFunctions.js";

/** Above this many degrees of freedom the t and normal CDFs agree to ~1e-7: use the normal. */
const NORMAL_LIMIT_DF = 1e7;

/** P(T ≤ t) for T ~ t(df), df > 0. */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  if (df > NORMAL_LIMIT_DF) return normalCdf(t);
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t < 0 ? tail : 1 - tail;
}

/** Two-sided p-value of a t statistic: P(|T| ≥ |t|). */
export function tTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  if (df > NORMAL_LIMIT_DF) return 2 * normalCdf(-Math.abs(t));
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/** Quantiles by df, then p. Numbers as keys, not `${p}|${df}`: turning a p such as
 *  0.99999833… into text costs more than the lookup itself, twice per metric. */
const cache = new Map<number, Map<number, number>>();
const BISECTION_STEPS = 200;

/** t with P(T ≤ t) = p for T ~ t(df). */
export function tQuantile(p: number, df: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  let byP = cache.get(df);
  if (!byP) {
    byP = new Map();
    cache.set(df, byP);
  }
  const hit = byP.get(p);
  if (hit !== undefined) return hit;
  // The t quantile is at least the normal one; grow the bracket until it holds p.
  let low = normalQuantile(p);
  let high = Math.max(2 * low, 1);
  while (tCdf(high, df) < p) high *= 2;
  for (let i = 0; i < BISECTION_STEPS && high - low > 1e-12 * high; i++) {
    const mid = (low + high) / 2;
    if (tCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  const value = (low + high) / 2;
  byP.set(p, value);
  return value;
}
