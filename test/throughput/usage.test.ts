import { describe, expect, it } from "vitest";
import { cpuSeconds, processCpuSeconds } from "../../src/collect/throughput/usage.js";

describe("another process's CPU time from /proc (the scaling trial's server, at the window's end)", () => {
  it.runIf(process.platform === "linux")(
    "agrees with the process's own count to /proc's 10 ms ticks",
    () => {
      // Burn some CPU so the two counts are not both near zero.
      const until = performance.now() + 150;
      while (performance.now() < until);
      const own = cpuSeconds();
      const read = processCpuSeconds(process.pid) as number;
      const after = cpuSeconds();
      expect(read).toBeGreaterThan(0);
      // /proc truncates to whole ticks: at most one tick (per field) below, never above.
      expect(read).toBeGreaterThanOrEqual(own - 0.02 - 1e-9);
      expect(read).toBeLessThanOrEqual(after + 1e-9);
    },
  );

  it("is undefined for a process that is not there, not an error", () => {
    // Above any pid_max Linux allows (2^22): no /proc entry (off Linux there never is one).
    expect(processCpuSeconds(2 ** 31 - 1)).toBeUndefined();
  });
});
