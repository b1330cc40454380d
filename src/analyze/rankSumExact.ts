/**
 * The exact null distribution of the Mann–Whitney statistic when one side is small.
 *
 * Under "no change" every choice of which m of the m + n values form the short side is
 * equally likely, and the number of choices with U = u (U = pairs in which the short side's
 * value is the smaller) is the coefficient of q^u in the Gaussian binomial
 *
 *     [m + n choose m]_q = Π_{i=1..m} (1 − q^{n+i}) / (1 − q^i)
 *
 * (Mann & Whitney 1947, "On a test of whether one of two random variables is stochastically
 * larger than the other", Ann. Math. Statist. 18(1); the q-binomial form: Andrews 1976, "The
 * Theory of Partitions", Thm 3.1 — U counts partitions into at most m parts each ≤ n).
 * Only the lower half is needed (the distribution is symmetric), so the product is
 * truncated there: O(m² n) once per pair of sizes, then a lookup.
 *
 * Why it matters: the normal approximation puts a hard ceiling on the statistic when one
 * side is short. Five runs at the very top of ninety-five give z ≈ 3.7 however far above
 * they are, while the exact chance of that arrangement is 1 / C(100, 5) ≈ 1.3e-8. The exact
 * tail lets the newest few runs of a history (the step a push needs to hear about) count
 * for what they are, without assuming anything about the noise's shape: the distribution
 * holds for any continuous noise (ties make it slightly conservative).
 */

import { normalQuantile } from "./normal.js";

/** The short side's size up to which the exact tail is used; above it both sides hold
 *  enough runs for the normal approximation, which errs on the cautious side in the far
 *  tail (U's exact distribution has lighter tails than the normal). */
export const EXACT_RANK_SUM_MAX_SIDE = 25;

/** C(a, b) as a double (exact to 15 digits far beyond what a history holds). */
function choose(a: number, b: number): number {
  let c = 1;
  for (let i = 1; i <= b; i++) c = (c * (a - b + i)) / i;
  return c;
}

/**
 * P(U ≤ u) for sides of m and n values under "no change", U the count of pairs (short,
 * long) with the short side's value below. A fractional u (mid-ranks of tied values) is
 * rounded up, which errs toward "not significant".
 */
export function rankSumLowerTail(m: number, n: number, u: number): number {
  if (u < 0) return 0;
  if (u >= m * n) return 1;
  const k = Math.ceil(u - 1e-9);
  // The distribution is symmetric about mn/2: the lower half answers every question.
  if (k > (m * n) / 2) return 1 - rankSumLowerTail(m, n, m * n - k - 1);
  // 0 ≤ k ≤ ⌊mn/2⌋ here: always inside the table.
  return lowerHalf(m, n)[k] as number;
}

/** Cumulative P(U ≤ k) for k up to mn/2, per pair of sizes: a history asks about the same
 *  few pairs over and over (every series of the same length). Bounded: cleared when full. */
const tables = new Map<number, Float64Array>();
const MAX_TABLES = 512;

function lowerHalf(m: number, n: number): Float64Array {
  const key = m * 1_000_003 + n;
  const cached = tables.get(key);
  if (cached) return cached;
  const k = Math.floor((m * n) / 2);
  const c = new Float64Array(k + 1);
  c[0] = 1;
  for (let i = 1; i <= m; i++) {
    for (let v = k; v >= n + i; v--) c[v] = (c[v] as number) - (c[v - n - i] as number);
    for (let v = i; v <= k; v++) c[v] = (c[v] as number) + (c[v - i] as number);
  }
  const total = choose(m + n, m);
  let running = 0;
  for (let v = 0; v <= k; v++) {
    running += c[v] as number;
    c[v] = Math.min(1, running / total);
  }
  if (tables.size >= MAX_TABLES) tables.clear();
  tables.set(key, c);
  return c;
}

/** The rank sum `sum` of a group of `inside` runs among `m`, as a two-sided z: exact when
 *  the smaller group is short (rankSumLowerTail), else the normal approximation. */
export function rankSumZ(sum: number, inside: number, m: number): number {
  const outside = m - inside;
  const short = Math.min(inside, outside);
  const normal =
    Math.abs(sum - (inside * (m + 1)) / 2) / Math.sqrt((inside * outside * (m + 1)) / 12);
  // The exact tail only where it can matter: below NO_CHANCE_Z no split is a change at any
  // α a user would set, and the exact tail costs O(short · U).
  if (short <= EXACT_RANK_SUM_MAX_SIDE && normal >= NO_CHANCE_Z) {
    // U of the group; its distance to the nearer end of [0, inside·outside] has the same
    // null distribution whichever group is the short one (it is symmetric).
    const u = sum - (inside * (inside + 1)) / 2;
    const tail = rankSumLowerTail(short, m - short, Math.min(u, inside * outside - u));
    return tail >= 0.5 ? 0 : -normalQuantile(tail);
  }
  return normal;
}

/** Below this (two-sided p ≈ 0.05) the exact tail is not worked out: at such moderate
 *  values the normal approximation is within 0.3 of it (three runs above seventeen:
 *  2.49 against 2.70), and no line is below 2.58 (α = 0.01, one candidate). */
const NO_CHANCE_Z = 2;
