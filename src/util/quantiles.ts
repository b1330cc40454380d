/**
 * Medians and percentiles: one definition each for the whole of perfgate (src and bench).
 * `percentile` is simple-statistics' type-7 quantile; mean, SD and MAD are simple-statistics'
 * too (analyze/summary.ts). Two medians stay hand-written for what it lacks, speed:
 * - `median`: the value of simple-statistics' `median` (the middle, or the mean of the two
 *   middles), without its copy per call, because compare() takes about a million medians
 *   of 5–30 values;
 * - `medianInPlace`: selection in a typed array the caller lets us reorder.
 * test/util/quantiles.test.ts checks each against simple-statistics and R/NumPy values.
 * None sorts the caller's array (but medianInPlace, by contract); all give NaN when empty.
 */
import * as ss from "simple-statistics";

/** Median of a copy; the caller's array is left alone. compare() takes about a million
 *  medians of 5–30 values for 10,000 benchmarks, so small ones use an insertion sort in
 *  reused space (no comparator calls, no iterator, no allocation) and large ones a numeric
 *  sort of a copy. */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return values[0] as number;
  if (n <= INSERTION_SORT_MAX) {
    const sorted = smallSorted;
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      let j = i - 1;
      while (j >= 0 && (sorted[j] as number) > v) {
        sorted[j + 1] = sorted[j] as number;
        j--;
      }
      sorted[j + 1] = v;
    }
    return middle(sorted, n);
  }
  const sorted = new Array<number>(n);
  for (let i = 0; i < n; i++) sorted[i] = values[i] as number;
  sorted.sort((a, b) => a - b);
  return middle(sorted, n);
}

function middle(sorted: ArrayLike<number>, n: number): number {
  const mid = n >> 1;
  return n % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const INSERTION_SORT_MAX = 32;
/** Where small medians are sorted, reused from call to call instead of a new array each
 *  time (a million short-lived arrays were most of compare()'s garbage). Each call writes
 *  the first n slots before reading them, and nothing in the sort calls back out. */
const smallSorted = new Float64Array(INSERTION_SORT_MAX);

/** Median of the first `length` values of a typed array that the caller owns and lets us
 *  reorder (the rest is neither read nor touched): Hoare's selection
 *  (quickselect, expected O(n)), for the hundreds of pairwise slopes of a trend. A full
 *  sort (even the typed array's own) costs ~30× more here. */
export function medianInPlace(values: Float64Array, length = values.length): number {
  const n = length;
  if (n === 0) return Number.NaN;
  // A run's 5 rounds, a Hampel window of 5: sorted by insertion, without selection's
  // partitioning (a fifth of the time of a million such medians). Same value, but for the
  // sign of a zero when -0 and 0 are both there.
  if (n <= INSERTION_SORT_MAX_IN_PLACE && !hasNaN(values, n)) {
    for (let i = 1; i < n; i++) {
      const v = values[i] as number;
      let j = i - 1;
      while (j >= 0 && (values[j] as number) > v) {
        values[j + 1] = values[j] as number;
        j--;
      }
      values[j + 1] = v;
    }
    return middle(values, n);
  }
  const upper = select(values, n >> 1, n);
  if (n % 2 === 1) return upper;
  // The lower middle is the largest value left of the upper middle after selection.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) lower = Math.max(lower, values[i] as number);
  return (lower + upper) / 2;
}

/** Longest selection done by insertion sort instead. */
const INSERTION_SORT_MAX_IN_PLACE = 16;

function hasNaN(values: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (Number.isNaN(values[i] as number)) return true;
  return false;
}

/** Reorders a[0 … length) so that a[k] is the k-th smallest, smaller ones before it;
 *  returns a[k]. */
function select(a: Float64Array, k: number, length: number): number {
  let left = 0;
  let right = length - 1;
  while (right > left) {
    const pivot = a[(left + right) >> 1] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k] as number;
}

/**
 * Percentile of an ascending array, linear between closest ranks (Hyndman & Fan 1996,
 * definition 7, the default of R and NumPy): with 10,000 values p99.9 sits between the
 * 9,990th and 9,991st, not on whichever one a rounding rule happens to pick. This is
 * simple-statistics' `quantileSorted`, with NaN instead of an exception when empty.
 */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  return sorted.length === 0 ? Number.NaN : ss.quantileSorted(sorted as number[], q);
}
