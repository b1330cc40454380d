import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { createRandom } from "../../src/analyze/random.js";
import type { Results } from "../../src/model/types.js";
import { results } from "./builders.js";

/** 20 runs of `metrics` benchmarks, then a current run with each benchmark × factors[i]. */
function suite(factors: number[]): { baseline: Results[]; current: Results[] } {
  const rng = createRandom(4);
  const run = (commit: string, f: (i: number) => number) =>
    results(
      factors.map((_, i) => ({
        benchmark: `bench/${i}`,
        samples: Array.from({ length: 5 }, () => f(i) * Math.exp(0.02 * rng.normal())),
      })),
      commit,
    );
  return {
    baseline: Array.from({ length: 20 }, (_, k) => run(`c${k}`, () => 1)),
    current: [run("head", (i) => factors[i] as number)],
  };
}

describe("many series jumping together by one factor read as a runner hiccup", () => {
  it("4 of 5 metrics 1.5× slower together: says it looks like a slowed runner", () => {
    const report = compare(suite([1.5, 1.52, 1.48, 1.5, 1]));
    expect(report.warnings.join(" ")).toContain(
      "4 of 5 metrics got worse together by about 1.50×: that is what a slowed runner looks like",
    );
  });

  it("one metric 1.5× slower, or several by very different factors: no such warning", () => {
    expect(compare(suite([1.5, 1, 1, 1, 1])).warnings.join(" ")).not.toContain("together");
    expect(compare(suite([1.2, 2.5, 1.1, 4, 1])).warnings.join(" ")).not.toContain("together");
  });
});
