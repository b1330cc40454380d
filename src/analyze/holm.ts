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
  // Indices sorted by p (a stable sort, so ties keep input order), not an object per value:
  // one family holds every compared metric, 30,000 in a large suite.
  const order: number[] = [];
  for (let i = 0; i < pValues.length; i++) if (!Number.isNaN(pValues[i])) order.push(i);
  order.sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const m = order.length;
  const adjusted = new Array<number>(pValues.length).fill(Number.NaN);
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const i = order[rank] as number;
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[i] as number)));
    adjusted[i] = running;
  }
  return adjusted;
}

/** Bonferroni: min(1, m·p). */
export function bonferroni(p: number, m: number): number {
  return Math.min(1, p * Math.max(1, m));
}
