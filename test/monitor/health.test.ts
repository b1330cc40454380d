/** Health rules: every boundary, both sides (README "Health rules"). */
import { describe, expect, it } from "vitest";
import {
  assessHealth,
  CRITICAL_LATENCY_FACTOR,
  CRITICAL_LOSS,
  CRITICAL_SUCCESS,
  CRITICAL_THROUGHPUT_FRACTION,
  DEGRADED_LOSS,
  DEGRADED_SUCCESS,
  DEGRADED_THROUGHPUT_FRACTION,
  type HealthFigures,
} from "../../src/monitor/health.js";

const expected = { expectedGbps: 2, maxLatencyMs: 10 };
const healthy: HealthFigures = {
  throughputGbps: 2,
  p99Ms: 1,
  loss: 0,
  connectionSuccess: 1,
};
const tiny = 1e-9;

describe("assessHealth", () => {
  it.each<[string, Partial<HealthFigures>, string]>([
    [
      "throughput exactly 80 % of expected is Healthy",
      { throughputGbps: 2 * DEGRADED_THROUGHPUT_FRACTION },
      "Healthy",
    ],
    [
      "throughput just under 80 % is Degraded",
      { throughputGbps: 2 * DEGRADED_THROUGHPUT_FRACTION - tiny },
      "Degraded",
    ],
    [
      "throughput exactly 50 % is Degraded",
      { throughputGbps: 2 * CRITICAL_THROUGHPUT_FRACTION },
      "Degraded",
    ],
    [
      "throughput just under 50 % is Critical",
      { throughputGbps: 2 * CRITICAL_THROUGHPUT_FRACTION - tiny },
      "Critical",
    ],
    ["p99 exactly the max latency is Healthy", { p99Ms: 10 }, "Healthy"],
    ["p99 just over the max latency is Degraded", { p99Ms: 10 + tiny }, "Degraded"],
    ["p99 exactly 2× max is Degraded", { p99Ms: 10 * CRITICAL_LATENCY_FACTOR }, "Degraded"],
    [
      "p99 just over 2× max is Critical",
      { p99Ms: 10 * CRITICAL_LATENCY_FACTOR + tiny },
      "Critical",
    ],
    ["loss exactly 1 % is Healthy", { loss: DEGRADED_LOSS }, "Healthy"],
    ["loss just over 1 % is Degraded", { loss: DEGRADED_LOSS + tiny }, "Degraded"],
    ["loss exactly 5 % is Degraded", { loss: CRITICAL_LOSS }, "Degraded"],
    ["loss just over 5 % is Critical", { loss: CRITICAL_LOSS + tiny }, "Critical"],
    ["success exactly 99 % is Healthy", { connectionSuccess: DEGRADED_SUCCESS }, "Healthy"],
    [
      "success just under 99 % is Degraded",
      { connectionSuccess: DEGRADED_SUCCESS - tiny },
      "Degraded",
    ],
    ["success exactly 90 % is Degraded", { connectionSuccess: CRITICAL_SUCCESS }, "Degraded"],
    [
      "success just under 90 % is Critical",
      { connectionSuccess: CRITICAL_SUCCESS - tiny },
      "Critical",
    ],
    [
      "unmeasured figures are not judged",
      { throughputGbps: undefined, p99Ms: Number.NaN, loss: undefined },
      "Healthy",
    ],
  ])("%s", (_name, change, health) => {
    expect(assessHealth({ ...healthy, ...change }, expected).health).toBe(health);
  });

  it("the worst rule wins and its reason comes first", () => {
    const verdict = assessHealth(
      { throughputGbps: 1.5, p99Ms: 25, loss: 0, connectionSuccess: 1 },
      expected,
    );
    expect(verdict.health).toBe("Critical");
    expect(verdict.reasons).toHaveLength(2);
    expect(verdict.reasons[0]).toMatch(/^p99 25 ms > 2 × 10 ms/);
    expect(verdict.reasons[1]).toMatch(/^throughput 1.5 Gbit\/s is 75 % of 2/);
  });

  it("a healthy path has no reasons", () => {
    expect(assessHealth(healthy, expected)).toEqual({ health: "Healthy", reasons: [] });
  });
});
