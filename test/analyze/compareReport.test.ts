import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { createRandom } from "../../src/analyze/random.js";
import { SEVERITIES } from "../../src/model/defaults.js";
import { history, type MetricSpec, results, rounds } from "./builders.js";

/** A 20-run history of several benchmarks, and a current run with a factor per benchmark. */
function scenario(factors: Record<string, number>, runCv = 0.01, runs = 20) {
  const rng = createRandom(8);
  const names = Object.keys(factors);
  const baseline = Array.from({ length: runs }, (_, r) =>
    results(
      names.map(
        (benchmark): MetricSpec => ({
          benchmark,
          samples: rounds(rng, Math.exp(runCv * rng.normal()), 0.005),
        }),
      ),
      `c${r}`,
    ),
  );
  const current = [
    results(
      names.map((benchmark) => ({
        benchmark,
        samples: rounds(rng, factors[benchmark] as number, 0.005),
      })),
    ),
  ];
  return { baseline, current };
}

describe("the report", () => {
  it("sorts regressions worst first, then inconclusive, improvements, missing, new, unchanged", () => {
    const { baseline, current } = scenario({ a: 1.07, b: 1.6, c: 1, d: 0.7, e: 1.25 });
    current[0]?.benchmarks.push({
      name: "z-new",
      metrics: { time: { unit: "s", direction: "lower", samples: [1] } },
    });
    baseline[baseline.length - 1]?.benchmarks.push({
      name: "y-gone",
      metrics: { time: { unit: "s", direction: "lower", samples: [1] } },
    });
    const report = compare({ baseline, current });
    expect(report.findings.map((f) => `${f.benchmark}:${f.verdict}:${f.severity ?? ""}`)).toEqual([
      "b:regression:critical",
      "e:regression:severe",
      "a:regression:minor",
      "d:improvement:severe",
      "y-gone:missing:",
      "z-new:new:",
      "c:unchanged:",
    ]);
    expect(report.counts).toMatchObject({
      regression: 3,
      improvement: 1,
      unchanged: 1,
      new: 1,
      missing: 1,
      critical: 1,
      severe: 1,
      minor: 1,
      moderate: 0,
    });
    expect(report.worst).toBe("critical");
    expect(report.current.rounds).toBe(5);
    expect(report.suite).toBe("unit");
  });

  it("a bigger slowdown never gets a milder grade (history mode, 1.00× to 2.00×)", () => {
    const { baseline } = history({ runs: 20, runCv: 0.03 });
    let previous = -1;
    for (let factor = 1; factor <= 2.0001; factor += 0.01) {
      const f = compare({
        baseline,
        current: [results([{ samples: [factor, factor, factor * 1.001] }])],
      }).findings[0];
      const rank = f?.verdict === "regression" ? SEVERITIES.indexOf(f.severity ?? "minor") : -1;
      expect(rank, `at ${factor.toFixed(2)}×`).toBeGreaterThanOrEqual(previous);
      previous = rank;
    }
    expect(previous).toBe(SEVERITIES.indexOf("critical"));
  });

  it("states the smallest change it could have detected, never below the tolerance", () => {
    const tight = compare(scenario({ a: 1 }, 0.005)).findings[0];
    const loose = compare(scenario({ a: 1 }, 0.05)).findings[0];
    expect(tight?.minDetectable).toBe(0.05);
    expect(loose?.minDetectable).toBeGreaterThan(0.1);
    expect(loose?.minDetectable).toBeLessThan(0.2);
  });

  it("an inconclusive result in a noisy history says paired mode would decide it", () => {
    // +12 % through 6 % run noise: p = 0.09 after Holm, suggestive but not significant.
    const f = compare(scenario({ a: 1.12 }, 0.06)).findings[0];
    expect(f?.verdict).toBe("inconclusive");
    expect(f?.reason).toContain("paired mode (perfgate ab) would decide it");
    expect(f?.roundsToDecide).toBeUndefined();
  });

  it("an inconclusive result in a short history says how many more baseline runs would decide it", () => {
    const f = compare(scenario({ a: 1.1 }, 0.02, 4)).findings[0];
    expect(f?.verdict).toBe("inconclusive");
    expect(f?.reason).toMatch(/about \d+ baseline runs would decide it \(have 4\)/);
  });

  it("a change far from significant is within noise and says the smallest change the run could have seen (issue 23)", () => {
    // +6 % through 6 % run noise: p = 0.36 after Holm. The interval reaches past the Moderate
    // line, but nothing here points at a change: calling it inconclusive would say that of
    // most runs of a noisy suite.
    const f = compare(scenario({ a: 1.06 }, 0.06)).findings[0];
    expect(f?.verdict).toBe("unchanged");
    expect(f?.reason).toMatch(
      /^within noise \(p = 0\.\d+ after Holm\); this run could only have seen changes of \d+ % or more$/,
    );
  });

  it("a count that stays at 0 is unchanged, not inconclusive", () => {
    const zero = (commit: string) => results([{ benchmark: "drops", samples: [0, 0, 0] }], commit);
    const report = compare({
      baseline: Array.from({ length: 5 }, (_, i) => zero(`c${i}`)),
      current: [zero("head")],
    });
    expect(report.findings[0]?.verdict).toBe("unchanged");
    expect(report.findings[0]?.reason).toBe("0 in the baseline and now");
  });

  it("reports the thresholds in force and the baseline commits", () => {
    const report = compare({ ...scenario({ a: 1 }), config: { thresholds: { critical: 0.5 } } });
    expect(report.thresholds.critical).toBe(0.5);
    expect(report.baseline.commits).toHaveLength(20);
    expect(report.failOn).toBe("critical");
  });
});
