/**
 * The Action resolves its settings as the CLI does: built-in default < .perfgate.yml < input.
 * (Before, action.yml's own `default:` values hid the config's fail-on and history-size.)
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Results } from "../../src/model/types.js";
import { baselineRuns, results } from "../baseline/builders.js";
import { PR, runInProcess, seedCache, useWorld, type World } from "./harness.js";

let world: World;
useWorld({
  ready: (made) => {
    world = made;
  },
});

/** bench/0 25 % slower than a steady baseline: Severe, not Critical. */
function severe(): Results {
  const r = results({ commit: "ec26c3e57ca3a959ca5aad62de7213c562f8c821" });
  const time = r.benchmarks[0]?.metrics.time;
  if (time) time.samples = time.samples.map((s) => s * 1.25);
  return r;
}

interface JsonReport {
  status: string;
  worst: string;
  failOn: string;
  settings: { name: string; value: string; source: string }[];
}

const reportOf = (path: string | undefined) =>
  JSON.parse(readFileSync(path ?? "", "utf8")) as JsonReport;

describe("the Action's settings", () => {
  it("a Severe regression passes by default (fail-on critical) and names no setting", async () => {
    await seedCache(world, baselineRuns(8));
    const out = await runInProcess(world.env(PR, { results: world.write("pr.json", severe()) }));
    expect(out.code, out.failed.join("\n")).toBe(0);
    const report = reportOf(out.outputs["report-json"]);
    expect(report).toMatchObject({ status: "pass", worst: "severe", failOn: "critical" });
    expect(report.settings).toEqual([]);
  });

  it("fail-on: severe in the workspace's .perfgate.yml fails the job, and the report says why", async () => {
    await seedCache(world, baselineRuns(8));
    world.write(".perfgate.yml", "fail-on: severe\n");
    const out = await runInProcess(world.env(PR, { results: world.write("pr.json", severe()) }));
    expect(out.code).toBe(1);
    const report = reportOf(out.outputs["report-json"]);
    expect(report).toMatchObject({ status: "fail", worst: "severe", failOn: "severe" });
    expect(report.settings).toEqual([
      { name: "fail-on", value: "severe", source: ".perfgate.yml" },
    ]);
    expect(out.summary).toContain("fail-on: severe (.perfgate.yml)");
  });

  it("an input beats the config file for its own setting only; the report names each source", async () => {
    await seedCache(world, baselineRuns(8));
    world.write(".perfgate.yml", "fail-on: severe\nhistory-size: 6\n");
    const out = await runInProcess(
      world.env(PR, { results: world.write("pr.json", severe()), "fail-on": "never" }),
    );
    expect(out.code, out.failed.join("\n")).toBe(0);
    // The window is the file's history-size: 6 of the 8 stored runs.
    expect(out.log).toContain("Baseline: 6 run(s)");
    const report = reportOf(out.outputs["report-json"]);
    expect(report.failOn).toBe("never");
    expect(report.settings).toEqual([
      { name: "fail-on", value: "never", source: "input fail-on" },
      { name: "history-size", value: "6", source: ".perfgate.yml" },
    ]);
  });

  it("input config names the file whose settings apply (and whose run section is run)", async () => {
    await seedCache(world, baselineRuns(8));
    world.write(".perfgate.yml", "fail-on: never\n");
    const file = world.write("pr.json", severe());
    world.write(
      "ci/gate.yml",
      `suite: unit\nfail-on: severe\nhistory-size: 7\nrun:\n  files: ["../${file}"]\n  tool: auto\n`,
    );
    const out = await runInProcess(world.env(PR, { config: "ci/gate.yml" }));
    expect(out.code, out.log).toBe(1);
    expect(out.log).toContain("Baseline: 7 run(s)");
    expect(reportOf(out.outputs["report-json"]).settings).toEqual([
      { name: "fail-on", value: "severe", source: "ci/gate.yml" },
      { name: "history-size", value: "7", source: "ci/gate.yml" },
      { name: "suite", value: "unit", source: "ci/gate.yml" },
    ]);
  });

  it("a bad .perfgate.yml fails the run with one line naming the file and the key", async () => {
    world.write(".perfgate.yml", "fail-on: sometimes\n");
    const out = await runInProcess(world.env(PR, { results: world.write("pr.json", severe()) }));
    expect(out.code).toBe(1);
    expect(out.failed).toHaveLength(1);
    expect(out.failed[0]).toMatch(/^perfgate: .*\.perfgate\.yml: \$\.fail-on: /);
  });
});

describe("the Action reads results by the same rules as perfgate compare", () => {
  it("files of two suites without a suite named: one line naming the second file, like compare", async () => {
    world.write("jobs/a.json", results({ suite: "unit" }));
    world.write("jobs/b.json", results({ suite: "other" }));
    const out = await runInProcess(world.env(PR, { results: "jobs/*.json" }));
    expect(out.code).toBe(1);
    expect(out.failed).toHaveLength(1);
    expect(out.failed[0]).toMatch(
      /^perfgate: .*jobs\/b\.json: \$\.suite: suite 'other' does not match suite 'unit' of .*jobs\/a\.json$/,
    );
  });

  it("a results file the schema refuses is refused with the file and the key", async () => {
    world.write("bad.json", JSON.stringify({ ...results(), suite: undefined }));
    const out = await runInProcess(world.env(PR, { results: "bad.json" }));
    expect(out.code).toBe(1);
    expect(out.failed[0]).toMatch(/^perfgate: .*bad\.json: \$: missing required key 'suite'$/);
  });
});
