import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { createRandom } from "../../src/analyze/random.js";
import { results } from "./builders.js";

/** `pairs` base/head files run back to back: a drifting machine, head `factor` × base. */
function pairedRuns(pairs: number, factor: number, seed = 5, pairNoise = 0.01) {
  const rng = createRandom(seed);
  const base = [];
  const head = [];
  for (let i = 0; i < pairs; i++) {
    const drift = Math.exp(0.15 * rng.normal()); // the runner swings ±15 % between pairs
    base.push(results([{ samples: [drift * Math.exp(pairNoise * rng.normal())] }], "base"));
    head.push(
      results([{ samples: [factor * drift * Math.exp(pairNoise * rng.normal())] }], "head"),
    );
  }
  return { baseline: base, current: head };
}

describe("paired mode", () => {
  it("a 5 % slowdown with 15 pairs is found through ±15 % runner drift", () => {
    const report = compare({ ...pairedRuns(15, 1.05), paired: true });
    expect(report.mode).toBe("paired");
    expect(report.current.rounds).toBe(15);
    const f = report.findings[0];
    expect(f?.verdict).toBe("regression");
    expect(f?.severity).toBe("minor");
    expect(f?.change?.low).toBeGreaterThan(0);
  });

  it("no change with 15 pairs is unchanged", () => {
    const f = compare({ ...pairedRuns(15, 1), paired: true }).findings[0];
    expect(f?.verdict).toBe("unchanged");
  });

  it("a 50 % slowdown with 12 pairs is Critical", () => {
    const report = compare({ ...pairedRuns(12, 1.5), paired: true });
    expect(report.findings[0]?.severity).toBe("critical");
    expect(report.status).toBe("fail");
  });

  it("5 pairs at +15 % through 20 % pair noise are inconclusive and say how many pairs would decide it", () => {
    // p = 0.09 after Holm: suggestive, not significant.
    const report = compare({ ...pairedRuns(5, 1.15, 5, 0.2), paired: true });
    const f = report.findings[0];
    expect(f?.verdict).toBe("inconclusive");
    expect(f?.roundsToDecide).toBeGreaterThanOrEqual(6);
    expect(f?.reason).toContain("pairs in all would decide it (have 5)");
  });

  it("10 pairs, every one 1.6× slower, are Critical and fail the build (issue 23)", () => {
    const report = compare({ ...pairedRuns(10, 1.6, 7, 0.03), paired: true });
    expect(report.findings[0]?.severity).toBe("critical");
    expect(report.status).toBe("fail");
  });

  it("3 pairs 1.6× slower with 10 % pair noise cannot fail the build, and say how many pairs could", () => {
    const report = compare({ ...pairedRuns(3, 1.6, 11, 0.1), paired: true });
    const f = report.findings[0];
    expect(f?.severity).not.toBe("critical");
    expect(report.status).toBe("pass");
    expect(f?.reason).toMatch(
      /3 pairs cannot fail the build at this spread; about \d+ pairs could/,
    );
  });

  it("one pair is no interval: warns and grades nothing", () => {
    const report = compare({ ...pairedRuns(1, 2), paired: true });
    expect(report.warnings.join(" ")).toContain("need ≥ 2 pairs for an interval; have 1");
    expect(report.findings[0]?.severity).toBeUndefined();
  });

  it("one file per side pairs its rounds in order", () => {
    const base = results([{ samples: [1, 2, 3, 4, 5, 6, 7, 8] }]);
    const head = results([{ samples: [1.3, 2.6, 3.9, 5.2, 6.5, 7.8, 9.1, 10.4] }]);
    const f = compare({ baseline: [base], current: [head], paired: true }).findings[0];
    expect(f?.change?.estimate).toBeCloseTo(0.3, 10);
    expect(f?.verdict).toBe("regression");
    expect(f?.flags).toEqual([]);
  });

  it("unequal file counts pair the first ones and warn", () => {
    const { baseline, current } = pairedRuns(8, 1);
    const report = compare({ baseline, current: current.slice(0, 7), paired: true });
    expect(report.warnings.join(" ")).toContain("have 8 and 7: pairing the first 7");
  });

  it("the same input gives the same report", () => {
    const input = { ...pairedRuns(10, 1.07), paired: true, seed: 3 };
    expect(JSON.stringify(compare(input))).toBe(JSON.stringify(compare(input)));
  });
});
