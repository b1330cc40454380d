/**
 * Issue 21 §1: the config's rules and thresholds grade the run whatever says what to run —
 * `results:` + `tool:` (a team moving from github-action-benchmark), `command:` + `tool:`,
 * or `config:` itself. Real hyperfine 1.15 output (fixtures/tools/hyperfine/output.json):
 * its `system` metric is the noisy one people want to ignore.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/action/engine.js";
import type { Results } from "../../src/model/types.js";
import { PR, runInProcess, seedCache, useWorld, type World } from "./harness.js";

const HYPERFINE = fileURLToPath(
  new URL("../../fixtures/tools/hyperfine/output.json", import.meta.url),
);
const SUITE = "hyperfine";

/** Ignore hyperfine's `system` everywhere; `sleep 0.02` (≈ 21 ms) must stay under 5 ms. */
const RULES = `rules:
  - benchmark: "**"
    metric: system
    ignore: true
  - benchmark: "sleep*"
    metric: time
    max: 5 ms
`;

interface Finding {
  benchmark: string;
  metric: string;
  severity: string;
  reason: string;
  limit: { bound: string; value: number } | null;
}
interface JsonReport {
  status: string;
  findings: Finding[];
  settings: { name: string; value: string; source: string }[];
}

let world: World;
useWorld({
  ready: (made) => {
    world = made;
  },
  seed: async () => {
    world.write("hf.json", readFileSync(HYPERFINE, "utf8"));
    // Three earlier runs of the same file: a baseline the rules can be graded against.
    const [run] = (await defaultEngine.readResults([HYPERFINE], "hyperfine", SUITE)) as [Results];
    await seedCache(
      world,
      [0, 1, 2].map((i) => ({ ...run, commit: `${i}`.repeat(40) })),
      SUITE,
    );
  },
});

const reportOf = (path: string | undefined) =>
  JSON.parse(readFileSync(path ?? "", "utf8")) as JsonReport;
const find = (r: JsonReport, benchmark: string, metric: string) =>
  r.findings.find((f) => f.benchmark === benchmark && f.metric === metric);

/** What the rules above do to a report: system ignored, the limit breached and Critical. */
function expectRulesApplied(report: JsonReport): void {
  const systems = report.findings.filter((f) => f.metric === "system");
  expect(systems).toHaveLength(2);
  for (const f of systems) expect(f.reason).toBe("ignored by a rule in the config");
  expect(find(report, "sleep 0.02", "time")).toMatchObject({
    severity: "critical",
    limit: { bound: "max", value: 0.005 },
  });
  expect(report.status).toBe("fail");
}

describe("the config's rules grade every source (issue 21 §1)", () => {
  it("without a config, the same run of results: + tool: passes and grades system like any metric", async () => {
    const out = await runInProcess(world.env(PR, { results: "hf.json", tool: "hyperfine" }));
    expect(out.code, out.failed.join("\n")).toBe(0);
    const report = reportOf(out.outputs["report-json"]);
    expect(find(report, "sleep 0.02", "system")?.reason).not.toContain("ignored");
    expect(find(report, "sleep 0.02", "time")?.limit).toBeNull();
  });

  it("results: + tool: with the workspace's .perfgate.yml: system ignored, the limit fails the job", async () => {
    world.write(".perfgate.yml", RULES);
    const out = await runInProcess(world.env(PR, { results: "hf.json", tool: "hyperfine" }));
    expect(out.code).toBe(1);
    expectRulesApplied(reportOf(out.outputs["report-json"]));
  });

  it("results: + config: another file: that file's rules and settings apply, its run section is not run", async () => {
    // The run section would fail the job if it ran: the results input says what to run.
    world.write(
      "ci/perf.yml",
      `${RULES}history-size: 2\nrun:\n  command: sh -c "exit 3"\n  tool: hyperfine\n`,
    );
    world.write(".perfgate.yml", "fail-on: never\n");
    const out = await runInProcess(
      world.env(PR, { results: "hf.json", tool: "hyperfine", config: "ci/perf.yml" }),
    );
    expect(out.code, out.log).toBe(1);
    expect(out.log).toContain("Baseline: 2 run(s)");
    const report = reportOf(out.outputs["report-json"]);
    expectRulesApplied(report);
    expect(report.settings).toContainEqual({
      name: "history-size",
      value: "2",
      source: "ci/perf.yml",
    });
  });

  it("a config: beside results: that does not exist fails with one line naming it", async () => {
    const out = await runInProcess(
      world.env(PR, { results: "hf.json", tool: "hyperfine", config: "ci/missing.yml" }),
    );
    expect(out.code).toBe(1);
    expect(out.failed).toHaveLength(1);
    expect(out.failed[0]).toContain("ci/missing.yml");
  });

  it("command: + tool: with the workspace's .perfgate.yml: the same rules grade what it collects", async () => {
    world.write(".perfgate.yml", RULES);
    const out = await runInProcess(
      world.env(PR, {
        command: "cat hf.json",
        tool: "hyperfine",
        suite: SUITE,
        rounds: "2",
        "confirm-rounds": "0",
      }),
    );
    expect(out.code, out.log).toBe(1);
    expectRulesApplied(reportOf(out.outputs["report-json"]));
    // What the two rounds of the command cost is said in the log, the summary and the JSON.
    expect(out.log).toMatch(/perfgate: collected in [\d.]+ s: 2 rounds of [\d.]+ s/);
    expect(out.summary).toMatch(/collected in [\d.]+ s: 2 rounds of/);
    const json = JSON.parse(readFileSync(out.outputs["report-json"] ?? "", "utf8"));
    expect(json.current.collection.roundSeconds).toHaveLength(2);
  }, 60_000);
});
