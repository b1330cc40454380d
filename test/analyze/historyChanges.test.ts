import { describe, expect, it } from "vitest";
import { historyChanges } from "../../src/analyze/historyChanges.js";
import { createRandom } from "../../src/analyze/random.js";
import { DEFAULT_THRESHOLDS } from "../../src/model/defaults.js";
import type { Results } from "../../src/model/types.js";
import { results } from "./builders.js";

/** 40 runs with commits c00 … c39: parse/json time steps ×`factor` from run 25; tcp
 *  throughput (higher is better) drops 12 % from run 15; hash/fnv1a never moves. */
function history(factor = 1.25): Results[] {
  const random = createRandom(5);
  const noisy = (v: number) => [0, 1, 2].map(() => v * Math.exp(0.02 * random.normal()));
  return Array.from({ length: 40 }, (_, i) => ({
    ...results(
      [
        { benchmark: "parse/json", samples: noisy(i >= 25 ? 0.01 * factor : 0.01) },
        {
          benchmark: "tcp",
          metric: "throughput",
          unit: "Gbit/s",
          direction: "higher",
          samples: noisy(i >= 15 ? 8.8 : 10),
        },
        { benchmark: "hash/fnv1a", samples: noisy(0.002) },
      ],
      `c${String(i).padStart(2, "0")}`,
    ),
    timestamp: new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString(),
  }));
}

describe("change points of a history", () => {
  it("names the first commit at the new level, grades it, oldest first", () => {
    const changes = historyChanges(history());
    expect(
      changes.map((c) => [c.benchmark, c.metric, c.commit, c.kind, c.severity, c.run]),
    ).toEqual([
      ["tcp", "throughput", "c15", "regression", "moderate", 15],
      ["parse/json", "time", "c25", "regression", "severe", 25],
    ]);
    const parse = changes[1];
    expect(parse?.change).toBeCloseTo(0.25, 1);
    expect(parse?.after ?? 0).toBeGreaterThan(parse?.before ?? 0);
    expect(parse?.unit).toBe("s");
  });

  it("a faster benchmark is an improvement; a step under the 5 % tolerance is not listed", () => {
    expect(historyChanges(history(0.8)).find((c) => c.benchmark === "parse/json")).toMatchObject({
      kind: "improvement",
      severity: "severe",
    });
    expect(historyChanges(history(1.03)).find((c) => c.benchmark === "parse/json")).toBeUndefined();
  });

  it("reads the thresholds it is given", () => {
    const strict = { minor: 0.01, moderate: 0.02, severe: 0.05, critical: 0.1, tolerance: 0.01 };
    expect(historyChanges(history(1.04)).find((c) => c.benchmark === "parse/json")).toBeUndefined();
    const changes = historyChanges(history(1.04), {
      thresholds: { ...DEFAULT_THRESHOLDS, ...strict },
      changePoints: { minSegment: 3, alpha: 0.005, outlierCutoff: 3 },
    });
    expect(changes.find((c) => c.benchmark === "parse/json")?.severity).toBe("moderate");
  });

  it("marks a step that an accept: entry names by its commit as accepted", () => {
    const changes = historyChanges(history(), {
      thresholds: DEFAULT_THRESHOLDS,
      changePoints: { minSegment: 3, alpha: 0.005, outlierCutoff: 3 },
      accept: [{ benchmark: "parse/**", commit: "c25", reason: "new parser" }],
    });
    expect(changes.map((c) => [c.benchmark, c.accepted])).toEqual([
      ["tcp", undefined],
      ["parse/json", "new parser"],
    ]);
  });

  it("grades each series by the thresholds its rules give it, and skips a series a rule ignores", () => {
    // parse/json moves +8 %: Minor by default; a rule that makes 5 % Moderate for parse/**
    // grades it Moderate, and the tcp series (no rule) keeps the global bands.
    const config = {
      rules: [
        { benchmark: "parse/**", thresholds: { moderate: 0.05, severe: 0.2 } },
        { benchmark: "tcp", ignore: true },
      ],
    };
    const base = historyChanges(history(1.08));
    expect(base.find((c) => c.benchmark === "parse/json")?.severity).toBe("minor");
    expect(base.some((c) => c.benchmark === "tcp")).toBe(true);
    const ruled = historyChanges(history(1.08), {
      thresholds: DEFAULT_THRESHOLDS,
      changePoints: { minSegment: 3, alpha: 0.01, outlierCutoff: 3 },
      config,
    });
    expect(ruled.find((c) => c.benchmark === "parse/json")?.severity).toBe("moderate");
    expect(ruled.some((c) => c.benchmark === "tcp")).toBe(false);
  });
});
