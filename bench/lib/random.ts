/**
 * Randomness helpers for the benchmarks, on perfgate's one seeded generator
 * (src/analyze/random.ts, mulberry32): every table is reproducible from its seed.
 */
import type { Random } from "../../src/analyze/random.js";

export { createRandom, type Random } from "../../src/analyze/random.js";

/**
 * A lognormal factor with median 1 and the given coefficient of variation:
 * CV² = exp(σ²) − 1, so σ = √ln(1 + CV²). Multiplicative noise is what machines do: a slower
 * runner slows every operation by a factor, not by an added constant.
 */
export function lognormalFactor(random: Random, cv: number): number {
  if (cv <= 0) return 1;
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  return Math.exp(sigma * random.normal());
}

/** k distinct indices from [0, n), in random order (partial Fisher–Yates). */
export function sampleIndices(random: Random, n: number, k: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  const count = Math.min(k, n);
  for (let i = 0; i < count; i++) {
    const j = i + random.int(n - i);
    const tmp = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = tmp;
  }
  return pool.slice(0, count);
}
