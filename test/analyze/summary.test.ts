import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/analyze/random.js";
import { mad, median, medianInPlace, sampleSd } from "../../src/analyze/summary.js";

describe("summaries", () => {
  it("the fast medians agree with sort-and-pick on 5,000 random samples with ties", () => {
    const rng = createRandom(3);
    for (let t = 0; t < 5000; t++) {
      const n = 1 + rng.int(80);
      const xs = Array.from({ length: n }, () => (rng.next() < 0.3 ? rng.int(5) : rng.normal()));
      const sorted = [...xs].sort((a, b) => a - b);
      const expected =
        n % 2
          ? sorted[(n - 1) / 2]
          : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
      expect(median(xs)).toBe(expected);
      expect(medianInPlace(Float64Array.from(xs))).toBe(expected);
    }
  });
  it("leaves the caller's array alone and returns NaN when empty", () => {
    const xs = [3, 1, 2];
    expect(median(xs)).toBe(2);
    expect(xs).toEqual([3, 1, 2]);
    expect(median([])).toBeNaN();
    expect(sampleSd([1])).toBeNaN();
  });
  it("sample SD and MAD", () => {
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935299395, 14); // numpy.std(x, ddof=1)
    expect(mad([1, 1, 2, 2, 4, 6, 9])).toBe(1);
  });
});
