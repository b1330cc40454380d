import { describe, expect, it } from "vitest";
import { changePoints } from "../../src/analyze/changePoints.js";
import { normalQuantile } from "../../src/analyze/normal.js";
import { createRandom, type Random } from "../../src/analyze/random.js";

/** n runs of lognormal noise (CV ≈ cv) around 1, × (1 + step) from run `at` on. */
function series(random: Random, n: number, cv: number, at = n, step = 0): number[] {
  return Array.from(
    { length: n },
    (_, i) => (i >= at ? 1 + step : 1) * Math.exp(cv * random.normal()),
  );
}

describe("change points in one series", () => {
  it.each([
    { at: 30, step: 0.2 },
    { at: 10, step: -0.2 },
    { at: 57, step: 0.5 },
  ])("a $step step at run $at of 60 (3 % noise) is found at exactly that run", ({ at, step }) => {
    const values = series(createRandom(at), 60, 0.03, at, step);
    const found = changePoints(values).filter((c) => c.index === at);
    expect(found).toHaveLength(1);
    expect(found[0]?.change).toBeCloseTo(step, 1);
    expect(found[0]?.runsBefore).toBe(at);
  });

  it("over 100 seeded series, a −20 % step at run 10 of 60 is placed exactly every time, with at most 2 other changes in all", () => {
    // One series alone can hold a stretch of noise that every test calls a level: the
    // detector's error rate is a rate (α = 0.01 per segment searched), so it is tested as one.
    let exact = 0;
    let others = 0;
    for (let seed = 0; seed < 100; seed++) {
      const found = changePoints(series(createRandom(1000 + seed), 60, 0.03, 10, -0.2));
      if (found.some((c) => c.index === 10)) exact++;
      others += found.filter((c) => c.index !== 10).length;
    }
    expect(exact).toBe(100);
    expect(others).toBeLessThanOrEqual(2);
  });

  it("seven runs +20 % at the end of 100 (8 % noise): a rank statistic of 3.8, over the permutation line (3.57) and under Bonferroni's (3.88), is a step", () => {
    const found = changePoints(series(createRandom(77), 100, 0.08, 93, 0.2));
    expect(found.map((c) => c.index)).toEqual([93]);
    expect(found[0]?.z).toBeGreaterThan(3.57);
    expect(found[0]?.z).toBeLessThan(normalQuantile(1 - 0.01 / (2 * 95)));
    expect(found[0]?.change).toBeCloseTo(0.22, 2);
  });

  it("a single 2× outlier run, or two in a row, is not a step", () => {
    const values = series(createRandom(7), 40, 0.03);
    values[20] = 2;
    expect(changePoints(values)).toEqual([]);
    values[21] = 2.1;
    expect(changePoints(values)).toEqual([]);
  });

  it("a new level needs three runs: two high runs at the end are not yet a step, three are", () => {
    const values = series(createRandom(3), 40, 0.02);
    const two = [...values.slice(0, 38), 1.5, 1.5];
    expect(changePoints(two)).toEqual([]);
    const three = [...values.slice(0, 37), 1.5, 1.52, 1.49];
    expect(changePoints(three).map((c) => c.index)).toEqual([37]);
  });

  it("finds a step up and the step back down", () => {
    const values = series(createRandom(11), 90, 0.03).map((v, i) =>
      i >= 30 && i < 60 ? v * 1.3 : v,
    );
    expect(changePoints(values).map((c) => c.index)).toEqual([30, 60]);
  });

  it("pure noise gives no change point in 200 series of 100 runs (10 % noise, heavy tail)", () => {
    const random = createRandom(99);
    let found = 0;
    for (let s = 0; s < 200; s++) {
      // One run in ten lands on a slow machine: +30–60 %, as the real A/A runs show.
      const values = series(random, 100, 0.1).map((v) =>
        random.next() < 0.1 ? v * (1.3 + 0.3 * random.next()) : v,
      );
      found += changePoints(values).length;
    }
    expect(found).toBeLessThanOrEqual(2);
  });

  it("constant, short and empty series have none; values with no log are skipped", () => {
    expect(changePoints(new Array(50).fill(3))).toEqual([]);
    expect(changePoints([1, 1, 2, 2, 2])).toEqual([]);
    expect(changePoints([])).toEqual([]);
    const values = [...new Array(20).fill(1), ...new Array(20).fill(2)];
    values.splice(5, 0, Number.NaN, 0, -1);
    const found = changePoints(values);
    expect(found.map((c) => c.index)).toEqual([23]);
    expect(found[0]?.change).toBe(1);
  });
});
