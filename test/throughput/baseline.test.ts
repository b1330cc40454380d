/** The bundled baseline `npm start` compares with must match what the suite writes today. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { QUICK_PLAN, sizeLabel } from "../../src/collect/throughput/plan.js";
import { validateHistory } from "../../src/model/validate.js";

const FILE = "fixtures/baseline/real-throughput.history.json";

/** The benchmarks and metrics a --quick run writes, derived from the plan. */
function quickSuiteShape(): Record<string, string[]> {
  const shape: Record<string, string[]> = {};
  for (const t of ["tcp", "tls"]) shape[`${t}/throughput`] = ["throughput", "cpu"];
  for (const t of ["tcp", "tls"])
    for (const size of QUICK_PLAN.transferSizes)
      shape[`${t}/transfer/${sizeLabel(size)}`] = ["time", "time-with-setup"];
  for (const t of ["tcp", "tls"]) shape[`${t}/latency`] = ["p50", "p95", "p99", "p999"];
  for (const t of ["tcp", "tls"]) shape[`${t}/connect`] = ["time", "rate"];
  shape["process/peak-memory"] = ["server", "client"];
  return shape;
}

describe("the bundled baseline history", () => {
  const history = validateHistory(JSON.parse(readFileSync(FILE, "utf8")), FILE);

  it("holds 10 real quick runs of the real-throughput suite, one per honest commit label", () => {
    expect(history.suite).toBe("real-throughput");
    expect(history.runs.map((r) => r.commit)).toEqual(
      Array.from({ length: 10 }, (_, i) => `bundled-baseline-${i + 1}`),
    );
    for (const run of history.runs) {
      expect(run.notes?.some((n) => n.startsWith("--quick:"))).toBe(true);
      expect(run.environment.placement).toBeTruthy();
    }
  });

  it("has exactly the benchmarks and metrics a quick run writes today, one sample per round", () => {
    const shape = quickSuiteShape();
    for (const run of history.runs) {
      const got = Object.fromEntries(run.benchmarks.map((b) => [b.name, Object.keys(b.metrics)]));
      expect(got).toEqual(shape);
      for (const b of run.benchmarks)
        for (const m of Object.values(b.metrics)) expect(m.samples).toHaveLength(QUICK_PLAN.rounds);
    }
  });
});
