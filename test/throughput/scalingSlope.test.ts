/**
 * The verdict engine grades how a metric grows with N, not only each N on its own: on a
 * synthetic history with runner noise, N = 1,000 getting 30 % slower while N = 10 stays
 * the same is a slope regression; the same slowdown at every N is not a slope change.
 */
import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { createRandom } from "../../src/analyze/random.js";
import { logLogSlope } from "../../src/analyze/scaling.js";
import type { Finding } from "../../src/analyze/types.js";
import type { Results } from "../../src/model/types.js";

const NS = [10, 100, 500, 1000];
/** Aggregate Gbit/s per N on a healthy build: it grows, then flattens (a made-up shape). */
const HEALTHY: Record<number, number> = { 10: 8, 100: 9, 500: 9.5, 1000: 9.6 };

/** One run: the runner's speed moves every N together (±3 %), each round ±1 % more. */
function run(seed: number, factor: (n: number) => number, commit: string): Results {
  const next = createRandom(seed).next;
  const runner = 1 + 0.06 * (next() - 0.5);
  return {
    schema: "perfgate/results/v1",
    suite: "real-throughput-scaling",
    commit,
    timestamp: "2026-11-27T00:00:00Z",
    environment: {},
    benchmarks: NS.map((n) => ({
      name: `tcp/scaling/n=${n}`,
      metrics: {
        throughput: {
          unit: "Gbit/s",
          direction: "higher" as const,
          samples: Array.from(
            { length: 3 },
            () => (HEALTHY[n] as number) * factor(n) * runner * (1 + 0.02 * (next() - 0.5)),
          ),
        },
      },
    })),
  };
}

const same = () => 1;
const history = Array.from({ length: 10 }, (_, i) => run(100 + i, same, `base${i}`));

/** Slower at large N only: 1 at N = 10, 0.7 at N = 1,000, log-linear between. */
const slowerAtScale = (n: number) => 0.7 ** (Math.log(n / 10) / Math.log(100));

function slopeOf(findings: Finding[]): Finding {
  const found = findings.find(
    (f) => f.benchmark === "tcp/scaling" && f.metric === "throughput slope",
  );
  if (!found) throw new Error(`no slope finding in ${findings.map((f) => f.benchmark).join(", ")}`);
  return found;
}

describe("scaling slopes", () => {
  it("fits the exponent of a power law", () => {
    const points = NS.map((n) => ({ n, value: 3 * n ** -0.5 }));
    expect(logLogSlope(points)).toBeCloseTo(-0.5, 12);
    expect(logLogSlope([{ n: 10, value: 1 }])).toBeUndefined();
    expect(
      logLogSlope([
        { n: 10, value: 1 },
        { n: 10, value: 2 },
      ]),
    ).toBeUndefined();
  });

  it("grades 30 % slower at N = 1,000 with N = 10 unchanged as a slope regression", () => {
    const report = compare({ baseline: history, current: [run(7, slowerAtScale, "head")] });
    const slope = slopeOf(report.findings);
    expect(slope.verdict).toBe("regression");
    expect(["moderate", "severe"]).toContain(slope.severity);
    expect(slope.change?.estimate).toBeLessThan(-0.2);
    expect(slope.change?.estimate).toBeGreaterThan(-0.4);
    expect(slope.reason).toContain("n=10→1000");
    // The single smallest N alone would not have shown it.
    const small = report.findings.find((f) => f.benchmark === "tcp/scaling/n=10");
    expect(small?.verdict).not.toBe("regression");
  });

  it("does not call an unchanged build or a uniform slowdown a slope change", () => {
    const unchanged = slopeOf(
      compare({ baseline: history, current: [run(8, same, "h")] }).findings,
    );
    expect(unchanged.verdict).toBe("unchanged");
    const uniform = compare({ baseline: history, current: [run(9, () => 0.7, "h")] });
    expect(slopeOf(uniform.findings).verdict).toBe("unchanged");
    // … while every N on its own regressed.
    const perN = uniform.findings.filter((f) => /\/n=\d+$/.test(f.benchmark));
    expect(perN.every((f) => f.verdict === "regression")).toBe(true);
  });

  it("grades the slope in paired mode from the pairs' differences", () => {
    const base = Array.from({ length: 6 }, (_, i) => run(200 + i, same, "base"));
    const head = Array.from({ length: 6 }, (_, i) => run(300 + i, slowerAtScale, "head"));
    const slope = slopeOf(compare({ baseline: base, current: head, paired: true }).findings);
    expect(slope.verdict).toBe("regression");
    const control = Array.from({ length: 6 }, (_, i) => run(400 + i, same, "head"));
    expect(
      slopeOf(compare({ baseline: base, current: control, paired: true }).findings).verdict,
    ).not.toBe("regression");
  });

  it("passes the collector's stop note on to the report", () => {
    const stopped = run(10, same, "head");
    stopped.notes = ["scaling: stopped at n=100; n=500, n=1000 not measured: …"];
    const report = compare({ baseline: history, current: [stopped] });
    expect(report.warnings).toContain(stopped.notes[0]);
  });
});
