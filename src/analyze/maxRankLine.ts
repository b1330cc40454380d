/**
 * The line a segment's rank statistic must clear, from the statistic's own null
 * distribution instead of a Bonferroni bound.
 *
 * Binary segmentation tests one split per segment, but the split was chosen by looking at
 * the data: the false-change rate of one test is the chance that the largest of the
 * candidate splits' statistics clears the line. A Bonferroni correction over the m − 2s + 1
 * candidates bounds it, but it treats every candidate as a new chance, while the rank sums
 * of neighbouring splits share all but one run and move together: the bound is loose by
 * a factor of about four at a hundred runs.
 *
 * Under "no change" (the runs exchangeable) the ranks of a segment are a uniformly random
 * permutation, whatever the noise's shape: the null distribution of
 *
 *     max over k in [s, m − s] of z_k     (z_k the exact-tail rank z of the split at k)
 *
 * depends on m and s only (the permutation principle; Pettitt 1979, "A non-parametric
 * approach to the change-point problem", Applied Statistics 28(2), for the same statistic
 * with a normal approximation; Antoch & Hušková 2001, "Permutation tests in change point
 * analysis", Statistics & Probability Letters 53(1), for permutation lines of maxima). Its
 * upper α quantile is found here by Monte Carlo over random permutations from a fixed seed
 * (the same line every run), once per segment length on a grid and then looked up.
 *
 *          Bonferroni (m = 100, α = 0.01): 3.88 ─┐
 *     permutation line of the maximum:   3.56 ─┐ │
 *                 z of the chosen split ───────●─┼─┼──▶
 *                                              change
 *
 * Pure: the seed is fixed, so the line is a function of (m, s, α).
 */
import { createRandom } from "./random.js";
import { rankSumZ } from "./rankSumExact.js";

/** Permutations per segment length when a line is worked out at run time (options other
 *  than the defaults): the 99th percentile is then the 80th largest of 8,000, its sampling
 *  error about ±0.04 in z. */
const PERMUTATIONS = 8000;
const SEED = 0x5eed_13;
/** Segment lengths the line is worked out for, about 12 % apart; a segment between two uses
 *  the next longer one's line (it grows with the length, so that errs on the cautious side). */
const GRID_GROWTH = 1.12;

/**
 * The lines for the defaults (minSegment 3, α 0.01) at each grid length up to 512, from
 * 40,000 permutations each (`npx tsx scripts/max-rank-lines.ts` prints them; a test checks
 * them against fresh simulations). Working them out at run time took 0.3 s, a third of a
 * 3,000-series history's whole budget. Read through `envelope`: Monte Carlo error and the
 * statistic's discreteness leave the raw lines a little uneven (3.562 at 72 runs, 3.546
 * at 81), and a segment must never get a lower line than a shorter one would.
 */
export const DEFAULT_LINES: Readonly<Record<number, number>> = {
  6: 1.964,
  7: 1.903,
  8: 2.19,
  9: 2.412,
  11: 2.745,
  13: 2.99,
  15: 3.005,
  17: 3.1,
  20: 3.171,
  23: 3.257,
  26: 3.36,
  30: 3.339,
  34: 3.349,
  39: 3.438,
  44: 3.424,
  50: 3.463,
  57: 3.493,
  64: 3.49,
  72: 3.562,
  81: 3.546,
  91: 3.503,
  102: 3.567,
  115: 3.552,
  129: 3.572,
  145: 3.607,
  163: 3.578,
  183: 3.614,
  205: 3.616,
  230: 3.639,
  258: 3.643,
  289: 3.651,
  324: 3.673,
  363: 3.701,
  407: 3.676,
  456: 3.702,
  511: 3.682,
  573: 3.697,
};
export const DEFAULT_LINE_OPTIONS = { minSegment: 3, alpha: 0.01 } as const;

/** DEFAULT_LINES made non-decreasing in the length (each the largest up to its length). */
const envelope = new Map<number, number>();
{
  let top = 0;
  for (const [m, line] of Object.entries(DEFAULT_LINES).sort(
    (a, b) => Number(a[0]) - Number(b[0]),
  )) {
    top = Math.max(top, line);
    envelope.set(Number(m), top);
  }
}

const lines = new Map<string, number>();

/** The grid lengths from 2·minSegment up to `max`. */
export function gridLengths(minSegment: number, max: number): number[] {
  const out: number[] = [];
  for (let g = 2 * minSegment; ; g = Math.max(g + 1, Math.ceil(g * GRID_GROWTH))) {
    out.push(g);
    if (g >= max) return out;
  }
}

/** The smallest grid length ≥ m. */
function gridLength(m: number, minSegment: number): number {
  let g = 2 * minSegment;
  while (g < m) g = Math.max(g + 1, Math.ceil(g * GRID_GROWTH));
  return g;
}

/**
 * The upper-α point of max_k z_k over the splits of a segment of `length` runs with both
 * sides ≥ minSegment, z_k two-sided (rankSumZ): a line the chosen split's z clears with
 * chance ≤ α when nothing changed. Never above the Bonferroni line, which `bonferroni`
 * gives (so a Monte Carlo error can only make it cautious, never looser than before).
 */
export function maxRankLine(
  length: number,
  minSegment: number,
  alpha: number,
  bonferroni: number,
): number {
  const m = gridLength(length, minSegment);
  if (minSegment === DEFAULT_LINE_OPTIONS.minSegment && alpha === DEFAULT_LINE_OPTIONS.alpha) {
    const line = envelope.get(m);
    if (line !== undefined) return Math.min(line, bonferroni);
  }
  const key = `${m} ${minSegment} ${alpha}`;
  let line = lines.get(key);
  if (line === undefined) {
    line = simulatedLine(m, minSegment, alpha);
    lines.set(key, line);
  }
  return Math.min(line, bonferroni);
}

/** The line for a segment of exactly m runs, from `permutations` random orders. */
export function simulatedLine(
  m: number,
  minSegment: number,
  alpha: number,
  permutations = PERMUTATIONS,
  seed = SEED + m,
): number {
  const random = createRandom(seed);
  const ranks = new Float64Array(m);
  const maxima = new Float64Array(permutations);
  for (let p = 0; p < permutations; p++) {
    for (let i = 0; i < m; i++) ranks[i] = i + 1;
    // Fisher–Yates: every arrangement of the ranks equally likely.
    for (let i = m - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const t = ranks[i] as number;
      ranks[i] = ranks[j] as number;
      ranks[j] = t;
    }
    let sum = 0;
    let max = 0;
    for (let k = 0; k < m - minSegment; k++) {
      sum += ranks[k] as number;
      if (k + 1 < minSegment) continue;
      const z = rankSumZ(sum, k + 1, m);
      if (z > max) max = z;
    }
    maxima[p] = max;
  }
  maxima.sort();
  // Just above the ⌈(1 − α)·P⌉-th smallest maximum (0-based): fewer than a share α of the
  // permutations' maxima lie above it. The statistic is discrete, and a z equal to the line
  // must not count as clearing it.
  const at = Math.min(permutations - 1, Math.ceil((1 - alpha) * permutations));
  return (maxima[at] as number) + 1e-9;
}
