import { describe, expect, it } from "vitest";
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
