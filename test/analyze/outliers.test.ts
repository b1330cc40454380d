import { describe, expect, it } from "vitest";
import { MIN_RUNS_TO_TRIM, outlierIndices } from "../../src/analyze/outliers.js";

const everyday = [0.01, -0.02, 0.005, 0.0, 0.015, -0.01, 0.02, -0.005, 0.012, -0.015];

describe("which baseline runs are odd", () => {
  it("none in an everyday history", () => {
    expect(outlierIndices(everyday, 3)).toEqual([]);
  });
  it("one run on a loaded runner (+40 %)", () => {
    expect(outlierIndices([...everyday, Math.log(1.4)], 3)).toEqual([10]);
  });
  it("most extreme first, at most a fifth of the runs", () => {
    const runs = [...everyday, 0.3, 0.5, 0.4];
    expect(outlierIndices(runs, 3)).toEqual([11, 12]);
  });
  it("uses the mean absolute deviation when over half the runs are equal", () => {
    expect(outlierIndices([1, 1, 1, 1, 1, 1, 1, 1, 1.01, 5], 3)).toEqual([9]);
    expect(outlierIndices([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 3)).toEqual([]);
  });
  it(`never below ${MIN_RUNS_TO_TRIM} runs, and keeps at least the runs asked`, () => {
    expect(
      outlierIndices([0, 0.01, -0.01, 0.02, -0.02, 0.005, 2].slice(0, MIN_RUNS_TO_TRIM - 1), 3),
    ).toEqual([]);
    expect(outlierIndices([...everyday, 2], 11)).toEqual([]);
  });
});
