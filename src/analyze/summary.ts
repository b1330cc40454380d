/**
 * Small summaries of one sample that every model uses. They never sort the caller's array
 * and never throw on an empty one (they return NaN, which the models turn into warnings).
 */
/** Median of a copy; the caller's array is left alone. compare() takes about a million
 *  medians of 5–30 values for 10,000 benchmarks, so small ones use an insertion sort
 *  (no comparator calls, no iterator) and large ones a numeric sort. */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return values[0] as number;
  const sorted = new Array<number>(n);
  if (n <= INSERTION_SORT_MAX) {
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      let j = i - 1;
      while (j >= 0 && (sorted[j] as number) > v) {
        sorted[j + 1] = sorted[j] as number;
        j--;
      }
      sorted[j + 1] = v;
    }
  } else {
    for (let i = 0; i < n; i++) sorted[i] = values[i] as number;
    sorted.sort((a, b) => a - b);
  }
  const mid = n >> 1;
  return n % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const INSERTION_SORT_MAX = 32;

/** Median of a typed array that the caller owns and lets us reorder: Hoare's selection
 *  (quickselect, expected O(n)), for the hundreds of pairwise slopes of a trend. A full
 *  sort (even the typed array's own) costs ~30× more here. */
export function medianInPlace(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const upper = select(values, n >> 1);
  if (n % 2 === 1) return upper;
  // The lower middle is the largest value left of the upper middle after selection.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) lower = Math.max(lower, values[i] as number);
  return (lower + upper) / 2;
}

/** Reorders `a` so that a[k] is the k-th smallest, smaller ones before it; returns a[k]. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
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
