import { describe, expect, it } from "vitest";
import { stepAwareBaseline } from "../../src/analyze/baselineSince.js";
import { compare } from "../../src/analyze/compare.js";
import { createRandom } from "../../src/analyze/random.js";
import type { Results } from "../../src/model/types.js";
import { results } from "./builders.js";

/** 30 baseline runs, commits c00 … c29: parse/json moved +20 % (intended) at run `step`;
 *  hash/fnv1a never moved. */
function history(step: number): Results[] {
  const random = createRandom(step);
  const noisy = (v: number) => [0, 1, 2, 3, 4].map(() => v * Math.exp(0.03 * random.normal()));
  return Array.from({ length: 30 }, (_, i) => ({
    ...results(
      [
        { benchmark: "parse/json", samples: noisy(i >= step ? 0.012 : 0.01) },
        { benchmark: "hash/fnv1a", samples: noisy(0.002) },
      ],
      `c${String(i).padStart(2, "0")}`,
    ),
    timestamp: new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString(),
  }));
}

const current = (parse: number) => [
  results(
    [
      {
        benchmark: "parse/json",
        samples: [0, 1, 2, 3, 4].map((k) => parse * (1 + 0.005 * (k - 2))),
      },
      { benchmark: "hash/fnv1a", samples: [0.002, 0.002, 0.00201, 0.00199, 0.002] },
    ],
    "head",
  ),
];

describe("a baseline that starts at the newest step", () => {
  it("uses the runs since the step for the metric that moved, all runs for the rest, and says so", () => {
    const chosen = stepAwareBaseline(history(15));
    expect(chosen.notes).toEqual([
      "baseline: 15 runs since c15, where parse/json time moved +20 %",
    ]);
    const parseRuns = chosen.runs.filter((r) => r.benchmarks.some((b) => b.name === "parse/json"));
    expect(parseRuns.map((r) => r.commit)[0]).toBe("c15");
    expect(parseRuns).toHaveLength(15);
    expect(
      chosen.runs.filter((r) => r.benchmarks.some((b) => b.name === "hash/fnv1a")),
    ).toHaveLength(30);
  });

  it("a +12 % regression after an intended +20 % step is graded Moderate; against all 30 runs it hides", () => {
    const runs = history(15);
    const head = current(0.01344);
    const whole = compare({ baseline: runs, current: head });
    const since = compare({ baseline: stepAwareBaseline(runs).runs, current: head });
    const parse = (r: typeof whole) => r.findings.find((f) => f.benchmark === "parse/json");
    expect(parse(since)).toMatchObject({ verdict: "regression", severity: "moderate" });
    expect(parse(whole)?.verdict).not.toBe("regression");
  });

  it("with fewer than 5 runs since the step it keeps all runs and says why", () => {
    const chosen = stepAwareBaseline(history(27));
    expect(chosen.runs).toEqual(history(27));
    expect(chosen.notes).toEqual([
      "parse/json time moved +19 % at c27, only 3 runs ago (fewer than 5): the baseline is still all 30 runs, the old level included",
    ]);
  });

  it("without a step nothing changes and nothing is said", () => {
    const runs = history(30);
    expect(stepAwareBaseline(runs)).toEqual({ runs, cuts: [], notes: [] });
  });
});
