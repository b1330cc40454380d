/**
 * Many metrics (issue 23): a suite of unchanged metrics must not grade more than the stated
 * false-alarm rate in total. Grades (any severity) control the family-wise rate with Holm
 * at alpha = 5 % per suite; a Critical also clears criticalAlpha = 0.1 % with Bonferroni per
 * suite (docs/verdict.md, "Many metrics"). Simulated suites of 10, 100 and 1,000 metrics,
 * each metric its own runner noise (run CV 3 %, round CV 1.5 %), 20 runs × 5 rounds.
 */
import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { createRandom } from "../../src/analyze/random.js";
import type { Results } from "../../src/model/types.js";
import { results } from "./builders.js";

function suite(metrics: number, seed: number): { baseline: Results[]; current: Results[] } {
  const rng = createRandom(seed);
  const run = (commit: string) =>
    results(
      Array.from({ length: metrics }, (_, m) => {
        const level = Math.exp(0.03 * rng.normal());
        return {
          benchmark: `bench/${m}`,
          samples: Array.from({ length: 5 }, () => level * Math.exp(0.015 * rng.normal())),
        };
      }),
      commit,
    );
  return {
    baseline: Array.from({ length: 20 }, (_, i) => run(`c${i}`)),
    current: [run("head")],
  };
}

describe("a suite of unchanged metrics stays under the per-suite false-alarm rate", () => {
  it.each([
    // metrics, suites tried, most suites with any grade allowed (5 % + binomial slack)
    [10, 200, 18],
    [100, 60, 7],
    [1000, 12, 3],
  ])(
    "%i metrics: over %i suites, at most %i with any grade, none failing",
    (metrics, suites, most) => {
      let graded = 0;
      let failed = 0;
      for (let s = 0; s < suites; s++) {
        const report = compare(suite(metrics, 1000 * metrics + s));
        if (report.findings.some((f) => f.severity !== undefined)) graded++;
        if (report.status === "fail") failed++;
      }
      expect(failed).toBe(0);
      expect(graded).toBeLessThanOrEqual(most);
    },
    120_000,
  );
});
