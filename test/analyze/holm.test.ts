import { describe, expect, it } from "vitest";
import { mixtureP } from "../../src/analyze/historyModel.js";
import { bonferroni, holmAdjust } from "../../src/analyze/holm.js";

describe("Holm adjustment", () => {
  it("matches R's p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5, NA), 'holm')", () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005, 0.5, Number.NaN]);
    // R 4.2.2: 0.04 0.09 0.09 0.025 0.5 NA
    for (const [i, v] of [0.04, 0.09, 0.09, 0.025, 0.5].entries())
      expect(adjusted[i]).toBeCloseTo(v, 14);
    expect(adjusted[5]).toBeNaN();
  });
  it("leaves the caller's array alone and handles an empty family", () => {
    const p = [0.3, 0.1];
    holmAdjust(p);
    expect(p).toEqual([0.3, 0.1]);
    expect(holmAdjust([])).toEqual([]);
  });
  it("Bonferroni caps at 1", () => {
    expect(bonferroni(0.0004, 2)).toBeCloseTo(0.0008, 15);
    expect(bonferroni(0.6, 3)).toBe(1);
  });
});

describe("the outlier-aware mixture p-value", () => {
  it.each([
    // [p_t, set aside, runs, as far out, expected]
    [1e-9, 1, 21, 0, (20 / 21) * 1e-9],
    [1e-9, 1, 21, 1, (20 / 21) * 1e-9 + 1 / 21],
    [0.01, 4, 20, 2, 0.8 * 0.01 + 0.1],
    [0.9, 4, 20, 4, 0.8 * 0.9 + 0.2],
  ])("p_t %f, %i of %i set aside, %i as far out", (pT, k, n, alike, expected) => {
    expect(mixtureP(pT, k, n, alike)).toBeCloseTo(expected, 15);
  });
});
