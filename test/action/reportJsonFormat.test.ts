/**
 * Input report-json-format: the report-json output file in the full (v1) or the compact
 * (v2) format, the same verdict either way.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REPORT_COMPACT_SCHEMA, type Results } from "../../src/model/types.js";
import { baselineRuns, results } from "../baseline/builders.js";
import { PR, runInProcess, seedCache, useWorld, type World } from "./harness.js";

let world: World;
useWorld({
  ready: (made) => {
    world = made;
  },
});

/** bench/0 25 % slower than a steady baseline, the other benchmarks as they were. */
function slower(): Results {
  const r = results({ commit: "ec26c3e57ca3a959ca5aad62de7213c562f8c821" });
  const time = r.benchmarks[0]?.metrics.time;
  if (time) time.samples = time.samples.map((s) => s * 1.25);
  return r;
}

interface AnyReport {
  schema: string;
  status: string;
  worst: string;
  findings: { benchmark: string }[];
  unchanged?: { columns: string[]; rows: unknown[][] };
}

const reportOf = (path: string | undefined) =>
  JSON.parse(readFileSync(path ?? "", "utf8")) as AnyReport;

describe("input report-json-format", () => {
  it("compact writes perfgate/report/v2 (unchanged series as rows); full (the default) v1; same verdict", async () => {
    await seedCache(world, baselineRuns(8));
    const pr = world.write("pr.json", slower());
    const full = await runInProcess(world.env(PR, { results: pr }));
    const compact = await runInProcess(
      world.env(PR, { results: pr, "report-json-format": "compact" }),
    );
    expect(full.code, full.failed.join("\n")).toBe(0);
    expect(compact.code, compact.failed.join("\n")).toBe(0);
    const v1 = reportOf(full.outputs["report-json"]);
    const v2 = reportOf(compact.outputs["report-json"]);
    expect(v1.schema).toBe("perfgate/report/v1");
    expect(v1.unchanged).toBeUndefined();
    expect(v2.schema).toBe(REPORT_COMPACT_SCHEMA);
    expect({ status: v2.status, worst: v2.worst }).toEqual({ status: v1.status, worst: v1.worst });
    expect(v2.worst).toBe("severe");
    // The slowed series stays a finding; the steady ones become rows without samples.
    expect(v2.findings.map((f) => f.benchmark)).toContain("bench/0");
    expect(v2.unchanged?.rows.length).toBeGreaterThan(0);
    expect(v2.findings.length + (v2.unchanged?.rows.length ?? 0)).toBe(v1.findings.length);
  });

  it("a format it does not know fails the run with one line naming the input", async () => {
    const out = await runInProcess(
      world.env(PR, {
        results: world.write("pr.json", slower()),
        "report-json-format": "yaml",
      }),
    );
    expect(out.code).toBe(1);
    expect(out.failed).toEqual([
      expect.stringMatching(/input 'report-json-format' must be one of full, compact; got 'yaml'/),
    ]);
  });
});
