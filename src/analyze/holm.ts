/**
 * Holm's step-down adjustment (Holm 1979, "A simple sequentially rejective multiple test
 * procedure"): with m p-values sorted ascending p(1) ≤ … ≤ p(m), the adjusted value of
 * p(i) is max over j ≤ i of min(1, (m − j + 1)·p(j)). Rejecting where the adjusted value is
 * ≤ α keeps the family-wise error rate ≤ α under any dependence, and is never less powerful
 * than Bonferroni. Same as R's p.adjust(p, "holm").
 *
 * NaN p-values (nothing to test) are left NaN and do not count towards m.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !Number.isNaN(p))
    .sort((a, b) => a.p - b.p);
  const m = order.length;
  const adjusted = pValues.map(() => Number.NaN);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/** Bonferroni: min(1, m·p). */
export function bonferroni(p: number, m: number): number {
  return Math.min(1, p * Math.max(1, m));
}
