import * as ss from "simple-statistics";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/analyze/random.js";
import { median, medianInPlace, percentile } from "../../src/util/quantiles.js";

describe("medians and percentiles", () => {
  it("median and medianInPlace give simple-statistics' median on 3,000 samples with ties", () => {
    const rng = createRandom(11);
    for (let t = 0; t < 3000; t++) {
      // Both sides of the insertion-sort cut-offs (16 values in place, 32 for a copy).
      const n = 1 + rng.int(70);
      const xs = Array.from({ length: n }, () => (rng.next() < 0.3 ? rng.int(4) : rng.normal()));
      const reference = ss.median(xs);
      // (a + b) / 2 here, a + (b − a) / 2 there: equal up to the last bit.
      expect(median(xs)).toBeCloseTo(reference, 14);
      expect(medianInPlace(Float64Array.from(xs))).toBe(median(xs));
    }
  });

  it.each([
    // R: quantile(x, p) (type 7, the default); NumPy: np.percentile(x, 100 * p).
    [[1, 2, 3, 4], 0.25, 1.75],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    [[1, 2, 3, 4, 6, 7], 0.5, 3.5],
    [[5], 0.99, 5],
    [[1, 2, 3], 0, 1],
    [[1, 2, 3], 1, 3],
  ])("percentile of %j at %f is R's and NumPy's %f", (xs, q, expected) => {
    expect(percentile(xs, q)).toBeCloseTo(expected, 12);
  });

  it("p99.9 of 1…10,000 lies between the 9,990th and 9,991st values, not on one of them", () => {
    const xs = Array.from({ length: 10_000 }, (_, i) => i + 1);
    expect(percentile(xs, 0.999)).toBeCloseTo(9990.001, 9);
  });

  it("an empty sample gives NaN, and the caller's array keeps its order", () => {
    const xs = [3, 1, 2];
    expect(median(xs)).toBe(2);
    expect(xs).toEqual([3, 1, 2]);
    expect(median([])).toBeNaN();
    expect(percentile([], 0.5)).toBeNaN();
  });
});
