/**
 * Small summaries of one sample that every model uses. They never sort the caller's array
 * and never throw on an empty one (they return NaN, which the models turn into warnings).
 */
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
  const upper = select(values, n >> 1, n);
  if (n % 2 === 1) return upper;
  // The lower middle is the largest value left of the upper middle after selection.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) lower = Math.max(lower, values[i] as number);
  return (lower + upper) / 2;
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

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n − 1 in the denominator); NaN below two values. */
export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

/** Median absolute deviation from the median (raw, not scaled to σ). */
export function mad(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/** True when every value equals the first (an empty sample is not "constant"). */
export function isConstant(values: readonly number[]): boolean {
  return values.length > 0 && values.every((v) => v === values[0]);
}
