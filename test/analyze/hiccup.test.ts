import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { notConfirmed } from "../../src/analyze/confirm.js";
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

describe("only metrics a slowed runner moves count toward the pattern", () => {
  it("a Go-like suite: 4 of 5 ns/op 1.5× slower, its B/op and allocs/op unchanged, is the pattern", () => {
    const { baseline, current } = suite([1.5, 1.52, 1.48, 1.5, 1]);
    const withMemory = (r: Results): Results => ({
      ...r,
      benchmarks: r.benchmarks.map((b) => ({
        ...b,
        metrics: {
          ...b.metrics,
          "B/op": { unit: "B", direction: "lower", samples: [4096, 4096, 4096, 4096, 4096] },
          "allocs/op": { unit: "count", direction: "lower", samples: [12, 12, 12, 12, 12] },
        },
      })),
    });
    const report = compare({
      baseline: baseline.map(withMemory),
      current: current.map(withMemory),
    });
    expect(report.findings.filter((f) => f.change !== undefined)).toHaveLength(15);
    expect(report.warnings.join(" ")).toContain("4 of 5 metrics got worse together");
  });
});

describe("results perfgate did not collect: a runner hiccup passes the gate, re-run to confirm", () => {
  const REMEDY = "re-run it";

  it("4 of 5 metrics 1.6× slower together: graded, the gate passes, the report says why", () => {
    const first = compare(suite([1.6, 1.62, 1.58, 1.6, 1]));
    expect(first.status).toBe("fail");
    const report = notConfirmed(first, REMEDY);
    expect(report.status).toBe("pass");
    expect(report.worst).toBe("critical");
    expect(report.findings.filter((f) => f.severity === "critical")).toHaveLength(4);
    expect(report.hiccup).toBe("4 of 5 metrics got worse together by about 1.60×");
    expect(report.warnings[0]).toBe(
      "looks like a runner hiccup: 4 of 5 metrics got worse together by about 1.60×, as a slowed runner does, and perfgate did not collect these results, so it cannot run more rounds to tell it from a change to shared code: the gate passes; re-run the benchmark to confirm (confirm-rounds: 0 fails on it)",
    );
    // Said once, not also as the analysis's own warning.
    expect(report.warnings.filter((w) => w.includes("together"))).toHaveLength(1);
  });

  it("one series 1.6× slower, or several by very different factors: not confirmed, it fails", () => {
    for (const factors of [
      [1.6, 1, 1, 1, 1],
      [1.6, 3, 1.3, 5, 1],
    ]) {
      const report = notConfirmed(compare(suite(factors)), REMEDY);
      expect(report.status).toBe("fail");
      expect(report.hiccup).toBeUndefined();
      expect(report.warnings[0]).toBe(
        "not confirmed: perfgate did not collect these results, so it cannot run more rounds before failing (re-run it)",
      );
    }
  });

  it("a failing finding outside the pattern (a breached limit) still fails the gate", () => {
    const input = suite([1.6, 1.62, 1.58, 1.6, 1]);
    const report = notConfirmed(
      compare({ ...input, config: { rules: [{ benchmark: "bench/4", max: 0.5 }] } }),
      REMEDY,
    );
    expect(report.status).toBe("fail");
    expect(report.hiccup).toBeUndefined();
  });
});

describe("a hiccup passes once: the same jump on the next run is a level that held", () => {
  it("every series 1.6× slower on two runs in a row: the first passes as a hiccup, the second fails", () => {
    const { baseline, current } = suite([1.6, 1.62, 1.58, 1.6, 1.61]);
    const looked = compare({ baseline, current });
    const plain = "that is what a slowed runner looks like";
    expect(looked.warnings.join(" ")).toContain(plain);
    const first = notConfirmed(looked, "re-run it");
    expect(first.status).toBe("pass");
    expect(first.hiccup).toBeDefined();
    // The note that the gate passed takes the plain warning's place.
    expect(first.warnings[0]).toMatch(/^looks like a runner hiccup: 5 of 5 metrics/);
    expect(first.warnings.join(" ")).not.toContain(plain);
    const next = suite([1.61, 1.6, 1.59, 1.62, 1.6]).current.map((r) => ({ ...r, commit: "next" }));
    const second = compare({ baseline: [...baseline, ...current], current: next });
    expect(second.hiccupHeld).toBe(true);
    expect(second.warnings.join(" ")).toContain(
      "5 of 5 metrics were about 1.60× worse in head too, and this run repeats it: a level that held over two runs, not a passing runner hiccup",
    );
    // A newest baseline run without a commit is named as what it is.
    const { commit: _, ...anonymous } = current[0] as Results;
    const unnamed = compare({ baseline: [...baseline, anonymous], current: next });
    expect(unnamed.warnings.join(" ")).toContain(
      "about 1.60× worse in the newest baseline run too",
    );
    const report = notConfirmed(second, "re-run it");
    expect(report.status).toBe("fail");
    expect(report.worst).toBe("critical");
    expect(report.hiccup).toBeUndefined();
  });

  it("one series that was slow in the newest run and is slow again stays a possible slow mode", () => {
    const { baseline, current } = suite([1.6, 1, 1, 1, 1]);
    const next = suite([1.6, 1, 1, 1, 1]).current;
    const report = compare({ baseline: [...baseline, ...current], current: next });
    expect(report.hiccupHeld).toBeUndefined();
    expect(report.status).toBe("pass");
    expect(report.findings.find((f) => f.benchmark === "bench/0")?.reason).toContain(
      "like this run",
    );
  });
});
