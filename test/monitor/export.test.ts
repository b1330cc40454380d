/** A monitor session as a perfgate results file: one round per interval, compare-ready. */
import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { validateResults } from "../../src/model/validate.js";
import { MONITOR_SUITE, monitorResults } from "../../src/monitor/export.js";
import type { IntervalFigures } from "../../src/monitor/window.js";

function interval(index: number, gbps: number | null, p50Ms: number): IntervalFigures {
  return {
    index,
    timestamp: new Date(Date.UTC(2026, 0, 31, 12, 0, index)).toISOString(),
    throughputGbps: gbps,
    tier: gbps === null ? null : "Standard",
    latencyMs: { p50: p50Ms, p95: p50Ms * 2, p99: p50Ms * 3 },
    intervalLatencyMs: { p50: p50Ms, p95: p50Ms * 2, p99: p50Ms * 3 },
    connectionSuccess: 1,
    loss: 0,
    jitterMs: 0.05 + index / 1000,
    health: "Healthy",
    reasons: [],
    errors: [],
    failures: {},
  };
}

const build = (intervals: IntervalFigures[]) =>
  monitorResults({
    intervals,
    target: "10.0.0.2:5300",
    environment: { os: "linux" },
    timestamp: new Date("2026-01-31T12:01:00Z"),
    commit: "abc",
  });

describe("monitorResults", () => {
  it("puts each interval's own figures in canonical units, skipping failed bursts", () => {
    const results = build([interval(1, 2.5, 0.5), interval(2, null, 0.6), interval(3, 2.4, 0.4)]);
    expect(results.suite).toBe(MONITOR_SUITE);
    expect(results.environment.target).toBe("10.0.0.2:5300");
    const [throughput, rtt, udp] = results.benchmarks;
    expect(throughput?.metrics.throughput).toEqual({
      unit: "Gbit/s",
      direction: "higher",
      samples: [2.5, 2.4],
    });
    expect(rtt?.metrics.p50?.samples).toEqual([0.0005, 0.0006, 0.0004]);
    expect(rtt?.metrics.p99?.unit).toBe("s");
    expect(udp?.metrics.jitter?.samples).toHaveLength(3);
    expect(() => validateResults(results, "monitor.json")).not.toThrow();
  });

  it("compares a slower session with a faster one as a throughput regression", () => {
    const fast = Array.from({ length: 10 }, (_, i) => interval(i + 1, 5 + (i % 3) * 0.05, 0.5));
    const slow = Array.from({ length: 10 }, (_, i) => interval(i + 1, 2 + (i % 3) * 0.05, 0.5));
    const report = compare({ baseline: [build(fast)], current: [build(slow)] });
    const finding = report.findings.find((f) => f.benchmark === "path/throughput");
    expect(finding?.verdict).toBe("regression");
  });
});
