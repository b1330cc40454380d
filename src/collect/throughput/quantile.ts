/**
 * Percentile of an ascending array, linear between closest ranks (Hyndman & Fan 1996,
 * definition 7, the default of R and NumPy): with 10,000 values p99.9 sits between the
 * 9,990th and 9,991st, not on whichever one a rounding rule happens to pick.
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}
