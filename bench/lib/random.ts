/**
 * Seeded randomness for the benchmarks: every table is reproducible from its seed.
 * mulberry32 (Tommy Ettinger's 32-bit generator, public domain) is small, fast and good
 * enough for Monte Carlo at the trial counts used here (≤ 10⁶ draws per table).
 */
export interface Random {
  /** Uniform on [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Uniform integer on [0, n). */
  int(n: number): number;
}

export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      // 1 − u keeps the log argument in (0, 1].
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      return Math.floor(next() * n);
    },
  };
}

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
