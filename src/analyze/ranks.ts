/**
 * Average ranks (ties share the mean of their ranks), the building block of the rank tests
 * (Mann–Kendall in trend.ts). Hollander & Wolfe, *Nonparametric Statistical Methods*, §1.
 */
/** Average ranks of values (ties share the mean of their ranks), 1-based. */
export function ranks(values: readonly number[]): { ranks: number[]; tieGroups: number[] } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const result = new Array<number>(values.length).fill(0);
  const tieGroups: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.v === order[start]?.v) end++;
    const rank = (start + end + 2) / 2;
    for (let k = start; k <= end; k++) result[(order[k] as { i: number }).i] = rank;
    if (end > start) tieGroups.push(end - start + 1);
    start = end + 1;
  }
  return { ranks: result, tieGroups };
}
