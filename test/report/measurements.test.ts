import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/report/markdown.js";
import { isReciprocalPair, measurementsOf, tallyOf } from "../../src/report/measurements.js";
import { cpuChange, sharedShift } from "../../src/report/patterns.js";
import { sparkline } from "../../src/report/sparkline.js";
import { finding, regression, report } from "./builders.js";
import { allClearCase, otherCpuCase, regressionCase } from "./commentCases.js";

const times = [0.01, 0.0102, 0.0099, 0.0101, 0.0145];
const time = (overrides = {}) =>
  regression("critical", { metric: "time", series: times, changeBy: 0.45, ...overrides });
const throughput = (series = times.map((t) => 1 / t), overrides = {}) =>
  regression("severe", {
    metric: "throughput",
    unit: "ops/s",
    direction: "higher",
    series,
    changeBy: -0.31,
    ...overrides,
  });

describe("one measurement seen two ways", () => {
  it("pairs a time with its reciprocal rate, found from units and values", () => {
    expect(isReciprocalPair(time(), throughput())).toBe(true);
    // ns per op against ops per second, with a fixed factor: still one measurement.
    expect(isReciprocalPair(time(), throughput(times.map((t) => 64 / t)))).toBe(true);
  });

  it("does not pair by name: a throughput that is not 1/time stays its own measurement", () => {
    const wobbly = times.map((t, i) => (1 / t) * (1 + 0.03 * Math.sin(i + 1)));
    expect(isReciprocalPair(time(), throughput(wobbly))).toBe(false);
    // Same direction, or a size instead of a rate, or another benchmark: not a pair.
    expect(isReciprocalPair(time(), throughput(undefined, { direction: "lower" }))).toBe(false);
    expect(isReciprocalPair(time(), throughput(undefined, { unit: "B" }))).toBe(false);
    expect(isReciprocalPair(time(), throughput(undefined, { benchmark: "other" }))).toBe(false);
    // Two steady metrics measured apart: their product stays within 1 %, but only as steady
    // as they are, so they are not taken for one measurement.
    const steady = [0.01, 0.01004, 0.00998, 0.01002, 0.01001];
    const wobble = [1, 0.997, 1.003, 1.001, 0.999];
    const apart = steady.map((t, i) => (1 / t) * (wobble[i] as number));
    expect(isReciprocalPair(time({ series: steady }), throughput(apart))).toBe(false);
    expect(isReciprocalPair(time({ series: steady }), throughput(steady.map((t) => 1 / t)))).toBe(
      true,
    );
    // Two points prove nothing.
    expect(isReciprocalPair(time({ series: [1, 2] }), throughput([1, 0.5]))).toBe(false);
  });

  it("grades the pair once, by the worse of the two, and counts it once", () => {
    const memory = finding({ metric: "memory", unit: "B", series: [1e6, 1e6, 1e6, 1e6, 1e6] });
    const tally = tallyOf([throughput(), memory, time()]);
    expect(tally.measurements).toHaveLength(2);
    expect(tally.measurements[0]?.finding.metric).toBe("time");
    expect(tally.measurements[0]?.twin?.metric).toBe("throughput");
    expect(tally.bySeverity).toEqual({ critical: 1, severe: 0, moderate: 0, minor: 0 });
    expect(tally.byVerdict.unchanged).toBe(1);
    expect(tally.rows).toHaveLength(1);
  });

  it("counts and the gate agree on the plain case: 12 slowdowns, not 24, and the gate fails", () => {
    const plain = regressionCase();
    // The per-metric counts of the JSON contract still list both views of each slowdown.
    expect(plain.counts.regression).toBe(24);
    const tally = tallyOf(plain.findings);
    expect(tally.byVerdict.regression).toBe(12);
    expect(tally.byVerdict.unchanged).toBe(12);
    expect(tally.rows).toHaveLength(12);
    // The gate fails exactly when some measurement's grade reaches fail-on (critical).
    expect(plain.status).toBe("fail");
    expect(tally.bySeverity.critical).toBeGreaterThan(0);
    const md = renderMarkdown(plain, { target: "comment" });
    expect(md).toContain(`🔴 ${tally.bySeverity.critical} critical · `);
    expect(md).toContain("`throughput` ⇄ `time` in 12 benchmarks: one measurement seen two ways");
    expect(md.match(/^\| [a-z]+\/[a-z0-9]+ \|/gm)).toHaveLength(12);
  });

  it("keeps every finding in exactly one measurement", () => {
    const findings = regressionCase().findings;
    const seen = measurementsOf(findings).flatMap((m) =>
      m.twin ? [m.finding, m.twin] : [m.finding],
    );
    expect(new Set(seen).size).toBe(findings.length);
  });
});

describe("patterns", () => {
  it("says when all benchmarks moved together by a similar amount", () => {
    const text = sharedShift(tallyOf(regressionCase().findings).rows);
    expect(text).toMatch(
      /^all 12 benchmarks \d+–\d+ % slower: a shared cause — the runner, a dependency, or common code\?$/,
    );
  });

  it("says so for a suite-wide speed-up too, and 'worse' for what is not a time", () => {
    const faster = [0.28, 0.3, 0.31, 0.33].map((x, i) =>
      finding({ benchmark: `b${i}`, verdict: "improvement", severity: "severe", changeBy: -x }),
    );
    expect(sharedShift(tallyOf(faster).rows)).toBe(
      "all 4 benchmarks 28–33 % faster: a shared cause — the runner, a dependency, or common code?",
    );
    const lower = [0.2, 0.22, 0.25].map((x, i) =>
      regression("severe", {
        benchmark: `n${i}`,
        metric: "throughput",
        unit: "Gbit/s",
        direction: "higher",
        changeBy: -x,
      }),
    );
    expect(sharedShift(tallyOf(lower).rows)).toMatch(/^all 3 benchmarks 20–25 % worse:/);
  });

  it("says nothing when a few benchmarks moved, or none", () => {
    const few = [
      regression("critical", { benchmark: "a" }),
      regression("critical", { benchmark: "b" }),
      ...Array.from({ length: 6 }, (_, i) => finding({ benchmark: `q${i}` })),
    ];
    expect(sharedShift(tallyOf(few).rows)).toBeUndefined();
    expect(sharedShift(tallyOf(allClearCase().findings).rows)).toBeUndefined();
  });

  it("says nothing when most moved by very different amounts", () => {
    const spread = [0.06, 0.3, 1.5, 4].map((x, i) =>
      regression("severe", { benchmark: `b${i}`, changeBy: x }),
    );
    expect(sharedShift(tallyOf(spread).rows)).toBeUndefined();
  });

  it("says when this run's CPU is not the baseline's", () => {
    expect(cpuChange(otherCpuCase())).toBe(
      "this run's CPU (Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz) is not the baseline's (AMD EPYC 7763 64-Core Processor, 20 of 20 runs): a different runner alone can shift every benchmark",
    );
    expect(cpuChange(regressionCase())).toBeUndefined();
    // Nothing recorded, nothing said.
    expect(cpuChange(report([]))).toBeUndefined();
  });
});

describe("sparkline", () => {
  it("draws the history in eight heights and marks this run after the arrow", () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe("▁▂▃▄▅▆▇█→█");
    expect(sparkline([5, 5, 5, 5])).toBe("▄▄▄→▄");
    expect(sparkline([10, 10.1, 9.9, 15])).toBe("▁▁▁→█");
  });

  it("keeps the newest 12 runs, and draws nothing it cannot", () => {
    const long = Array.from({ length: 30 }, (_, i) => i);
    expect(sparkline(long)?.length).toBe(12 + 2);
    expect(sparkline([1])).toBeUndefined();
    expect(sparkline([1, Number.NaN, 2])).toBeUndefined();
  });
});
