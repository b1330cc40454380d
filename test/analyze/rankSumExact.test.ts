import { describe, expect, it } from "vitest";
import { rankSumLowerTail } from "../../src/analyze/rankSumExact.js";

/** P(U ≤ u) by listing every choice of the short side's ranks (small sizes only). */
function bruteForce(m: number, n: number, u: number): number {
  let hits = 0;
  let all = 0;
  const pick = (start: number, left: number, chosen: number[]) => {
    if (left === 0) {
      all++;
      // U = pairs (short, long) with the long side's value below: for the j-th smallest of
      // the short side at position r, r − j long values lie below it (U and mn − U have
      // the same distribution, so counting either way tests the same tail).
      let count = 0;
      chosen.forEach((r, j) => {
        count += r - j;
      });
      if (count <= u) hits++;
      return;
    }
    for (let r = start; r <= m + n - left; r++) pick(r + 1, left - 1, [...chosen, r]);
  };
  pick(0, m, []);
  return hits / all;
}

describe("the exact rank-sum tail", () => {
  it.each([
    [3, 5],
    [4, 7],
    [5, 9],
    [2, 12],
  ])("matches listing every arrangement for sides of %i and %i", (m, n) => {
    for (let u = 0; u <= m * n; u++) {
      expect(rankSumLowerTail(m, n, u)).toBeCloseTo(bruteForce(m, n, u), 12);
    }
  });

  it("gives the chance of the short side being all at one end, beyond the normal approximation's reach", () => {
    // Five runs above ninety-five: 1 / C(100, 5).
    expect(rankSumLowerTail(5, 95, 0)).toBeCloseTo(1 / 75_287_520, 20);
  });

  it("rounds a fractional U (tied values) up, toward 'not significant'", () => {
    expect(rankSumLowerTail(3, 5, 1.5)).toBe(rankSumLowerTail(3, 5, 2));
    expect(rankSumLowerTail(3, 5, -1)).toBe(0);
    expect(rankSumLowerTail(3, 5, 15)).toBe(1);
  });
});
