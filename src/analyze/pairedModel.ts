/**
 * Paired mode: base and head ran back to back, pair by pair, on one machine. Each pair gives
 * a log ratio dᵢ = ln(headᵢ / baseᵢ); the runner's drift cancels inside a pair.
 *
 * - Estimate: Hodges–Lehmann, the median of the Walsh averages (dᵢ + dⱼ)/2, i ≤ j
 *   (Hodges & Lehmann 1963). Robust to a wild pair, nearly as efficient as the mean.
 * - Interval: inversion of the signed-rank (sign-flip) test, i.e. order statistics of the
 *   sorted Walsh averages (Hollander & Wolfe §3.3; the same as R's wilcox.test(conf.int =
 *   TRUE) without ties): [W₍q₎, W₍N+1−q₎] with q = qsignrank(α/2, n). The level achieved is
 *   1 − 2·P(V ≤ q − 1), never below the one asked when n allows it.
 * - p-value: the signed-rank test (signedRank.ts).
 *
 * Everything is exact or deterministic: no resampling, so the same input gives the same
 * answer without a seed, and 20 pairs take microseconds.
 */
import { normalQuantile } from "./normal.js";
import type { LogShift } from "./shift.js";
import {
  EXACT_SIGNED_RANK_MAX_N,
  signedRankP,
  signedRankQuantile,
  signedRankTest,
} from "./signedRank.js";
import { median } from "./summary.js";

function walshAverages(d: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < d.length; i++) {
    for (let j = i; j < d.length; j++) out.push(((d[i] as number) + (d[j] as number)) / 2);
  }
  return out.sort((a, b) => a - b);
}

/** Position q (1-based) of the lower interval end among N Walsh averages, and the level
 *  achieved; `reachable` is false when n is too small for the level asked. */
export function walshRank(
  n: number,
  level: number,
): { q: number; level: number; reachable: boolean } {
  const alpha = 1 - level;
  const total = (n * (n + 1)) / 2;
  if (n <= EXACT_SIGNED_RANK_MAX_N) {
    const q = signedRankQuantile(alpha / 2, n);
    if (q === 0) return { q: 1, level: 1 - 2 * signedRankP(0, n), reachable: false };
    return { q, level: 1 - 2 * signedRankP(q - 1, n), reachable: true };
  }
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
  const q = Math.max(1, Math.round(total / 2 - normalQuantile(1 - alpha / 2) * sd));
  return { q, level, reachable: true };
}

/** The paired shift from per-pair log ratios. */
export function pairedShift(logRatios: readonly number[], level: number): LogShift {
  const n = logRatios.length;
  if (n === 0) {
    return {
      estimate: 0,
      low: Number.NaN,
      high: Number.NaN,
      level,
      pValue: Number.NaN,
      halfWidthAt: () => undefined,
      intervalAt: () => undefined,
    };
  }
  const walsh = walshAverages(logRatios);
  const total = walsh.length;
  const interval = (l: number) => {
    const { q, level: achieved, reachable } = walshRank(n, l);
    return { low: walsh[q - 1] as number, high: walsh[total - q] as number, achieved, reachable };
  };
  const shown = interval(level);
  return {
    estimate: median(walsh),
    low: shown.low,
    high: shown.high,
    level: shown.achieved,
    pValue: signedRankTest(logRatios).pValue,
    halfWidthAt: (l) => {
      const at = interval(l);
      return at.reachable ? (at.high - at.low) / 2 : undefined;
    },
    intervalAt: (l) => {
      const at = interval(l);
      return at.reachable ? { low: at.low, high: at.high } : undefined;
    },
  };
}

/** Fewest pairs whose exact signed-rank test can reach two-sided level `alpha` at all
 *  (all signs agreeing gives p = 2 / 2ⁿ). */
export function minPairsFor(alpha: number): number {
  let n = 1;
  while (2 / 2 ** n > alpha && n < 64) n++;
  return n;
}
