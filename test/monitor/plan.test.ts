/** What one interval does: bounded in bytes and time whatever the expectations. */
import { describe, expect, it } from "vitest";
import {
  intervalPlan,
  MAX_BURST_BYTES,
  MAX_BURST_MS,
  MAX_OPERATION_TIMEOUT_MS,
  MIN_BURST_BYTES,
  MIN_OPERATION_TIMEOUT_MS,
} from "../../src/monitor/plan.js";

describe("intervalPlan", () => {
  it("sizes the burst from the expected rate with 4× headroom", () => {
    // 1 Gbit/s for 250 ms is 31.25 MB; ×4 = 125 MB
    expect(intervalPlan(1000, { expectedGbps: 1, maxLatencyMs: 10 })).toMatchObject({
      burstMs: MAX_BURST_MS,
      burstBytes: 125_000_000,
      probeGraceMs: 50,
      timeoutMs: MIN_OPERATION_TIMEOUT_MS,
    });
  });

  it("bounds the burst's bytes on both sides", () => {
    expect(intervalPlan(1000, { expectedGbps: 1000, maxLatencyMs: 10 }).burstBytes).toBe(
      MAX_BURST_BYTES,
    );
    expect(intervalPlan(1000, { expectedGbps: 0.0001, maxLatencyMs: 10 }).burstBytes).toBe(
      MIN_BURST_BYTES,
    );
  });

  it("keeps every part inside a short interval, and the timeout inside its bounds", () => {
    const plan = intervalPlan(200, { expectedGbps: 1, maxLatencyMs: 1000 });
    expect(plan.burstMs).toBe(50);
    expect(plan.probeGraceMs).toBe(40);
    expect(intervalPlan(60_000, { expectedGbps: 1, maxLatencyMs: 10 }).timeoutMs).toBe(
      MAX_OPERATION_TIMEOUT_MS,
    );
  });
});
