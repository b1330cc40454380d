import { describe, expect, it } from "vitest";
import { configAtLooks, levelsAtLook, lookSchedule } from "../../src/ab/looks.js";
import { DEFAULT_THRESHOLDS } from "../../src/model/defaults.js";

describe("look schedule", () => {
  it.each([
    [6, 20, 4, [6, 10, 15, 20]],
    [6, 6, 4, [6]],
    [6, 8, 4, [6, 7, 8]],
    [1, 1, 1, [1]],
    [4, 40, 1, [40]],
    [10, 4, 4, [4]], // a cap below the first look: the cap wins
  ])("min %i, max %i, %i looks → %j", (min, max, looks, expected) => {
    expect(lookSchedule(min, max, looks)).toEqual(expected);
  });
});

describe("levels split over looks (Bonferroni)", () => {
  it("divides α, the Critical level and the interval's miss rate by the looks", () => {
    const at = levelsAtLook(DEFAULT_THRESHOLDS, 4);
    expect(at.alpha).toBeCloseTo(0.0125, 12);
    expect(at.criticalAlpha).toBeCloseTo(0.00025, 12);
    expect(at.confidence).toBeCloseTo(0.9875, 12);
    expect(at.tolerance).toBe(DEFAULT_THRESHOLDS.tolerance);
    expect(at.critical).toBe(DEFAULT_THRESHOLDS.critical);
  });

  it("one look leaves the levels as they are", () => {
    expect(levelsAtLook(DEFAULT_THRESHOLDS, 1)).toEqual(DEFAULT_THRESHOLDS);
  });

  it("splits the user's own levels and each rule's, leaving other fields alone", () => {
    const config = configAtLooks(
      {
        thresholds: { alpha: 0.1 },
        rules: [
          { benchmark: "a/*", thresholds: { alpha: 0.02, tolerance: 0.1 } },
          { benchmark: "b", ignore: true },
        ],
      },
      2,
      DEFAULT_THRESHOLDS,
    );
    expect(config.thresholds?.alpha).toBeCloseTo(0.05, 12);
    expect(config.thresholds?.criticalAlpha).toBeCloseTo(0.0005, 12);
    expect(config.rules?.[0]?.thresholds).toEqual({ alpha: 0.01, tolerance: 0.1 });
    expect(config.rules?.[1]).toEqual({ benchmark: "b", ignore: true });
  });
});
