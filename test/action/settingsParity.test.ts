/**
 * One config, two doors: the bundled CLI (`perfgate compare`) and the bundled Action, both
 * under Node 24, read the same .perfgate.yml, history and results and must give the same
 * grades, the same settings with their sources, and the same exit code.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Results } from "../../src/model/types.js";
import { baselineRuns, history, results } from "../baseline/builders.js";
import { node24 } from "../helpers/node24.js";
import { PR, runBundled, seedCache, useBundledWorld, type World } from "./harness.js";

let dist: string;
let world: World;
useBundledWorld({
  ready: (built, made) => {
    dist = built;
    world = made;
  },
});

const SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
/** The Action seeds resampling from the commit (run.ts seedOf); the CLI takes it as --seed. */
const SEED = Number.parseInt(SHA.slice(0, 8), 16);

/**
 * Twelve stored runs: the older seven 30 % slower than the newest five. With history-size 5
 * the baseline is the fast five and a head at +25 % is Severe; with the default 30 the
 * window mixes both and the grade differs, so a door that ignored the file would disagree.
 */
function storedRuns(): Results[] {
  const slow = baselineRuns(7, { centre: 130 });
  const fast = baselineRuns(5, { centre: 100 }).map((r, k) => ({
    ...r,
    commit: `d${String(k).padStart(39, "0")}`,
    timestamp: new Date(Date.UTC(2026, 10, 2, k)).toISOString(),
  }));
  return [...slow, ...fast];
}

function head(): Results {
  const r = results({ commit: SHA });
  const time = r.benchmarks[0]?.metrics.time;
  if (time) time.samples = time.samples.map((s) => s * 1.25);
  return r;
}

interface JsonReport {
  status: string;
  worst: string;
  failOn: string;
  baseline: { runs: number };
  settings: unknown[];
  findings: { benchmark: string; metric: string; verdict: string; severity: string }[];
}

/** What the two doors must agree on. */
function verdictOf(report: JsonReport) {
  return {
    status: report.status,
    worst: report.worst,
    failOn: report.failOn,
    baselineRuns: report.baseline.runs,
    settings: report.settings,
    grades: report.findings.map((f) => `${f.benchmark} ${f.metric} ${f.verdict} ${f.severity}`),
  };
}

function cli(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node24, [join(dist, "cli.js"), ...args], {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("one .perfgate.yml through the CLI and through the Action (bundled, Node 24)", () => {
  it.each([
    ["fail-on: severe\nhistory-size: 5\n", "severe", 1],
    ["history-size: 5\n", "severe", 0],
    [
      "fail-on: moderate\nthresholds:\n  severe: 0.3\n  critical: 0.5\nhistory-size: 5\n",
      "moderate",
      1,
    ],
  ])("%j gives the same grades and exit code", async (config, worst, expectedCode) => {
    const runs = storedRuns();
    await seedCache(world, runs);
    world.write(".perfgate.yml", config);
    const current = world.write("head.json", head());
    const action = await runBundled(node24, dist, world.env(PR, { results: current }));
    expect(action.code, action.log).toBe(expectedCode);

    const dir = join(world.root, "cli");
    mkdirSync(dir);
    writeFileSync(join(dir, ".perfgate.yml"), config);
    writeFileSync(join(dir, "history.json"), JSON.stringify(history(runs)));
    writeFileSync(join(dir, "head.json"), JSON.stringify(head()));
    const args = ["compare", "--baseline", "history.json", "--current", "head.json"];
    const ran = await cli([...args, "--format", "json", "--seed", String(SEED)], dir);
    expect(ran.code, ran.stderr).toBe(expectedCode);

    const fromAction = verdictOf(
      JSON.parse(readFileSync(action.outputs["report-json"] ?? "", "utf8")) as JsonReport,
    );
    const fromCli = verdictOf(JSON.parse(ran.stdout) as JsonReport);
    expect(fromCli).toEqual(fromAction);
    expect(fromCli.baselineRuns).toBe(5);
    expect(fromCli.grades).toContain(`bench/0 time regression ${worst}`);
    // The text report and the Markdown summary both say where the settings came from.
    const text = await cli([...args, "--seed", String(SEED)], dir);
    expect(text.stdout).toContain("history-size: 5 (.perfgate.yml)");
    expect(action.summary).toContain("history-size: 5 (.perfgate.yml)");
  });
});
