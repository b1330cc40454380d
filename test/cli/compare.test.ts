import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/analyze/random.js";
import { requireTool, script } from "../helpers/systemTools.js";
import { perfgate, ROOT } from "./run.js";

const HISTORY = "fixtures/results/history-30-runs-3pct-noise.json";
const UNCHANGED = "fixtures/results/current-unchanged.json";
const SLOWER_12 = "fixtures/results/current-12pct-slower.json";
const SLOWER_60 = "fixtures/results/current-60pct-slower.json";
const ESC = "\u001b[";

interface JsonFinding {
  benchmark: string;
  metric: string;
  verdict: string;
  severity: string;
  change: { estimate: number; low: number; high: number; level: number } | null;
}
interface JsonReport {
  status: string;
  worst: string;
  mode: string;
  findings: JsonFinding[];
}

async function json(args: string[]): Promise<{ code: number | null; report: JsonReport }> {
  const ran = await perfgate(["compare", ...args, "--format", "json"]);
  expect(ran.stderr).toBe("");
  return { code: ran.code, report: JSON.parse(ran.stdout) as JsonReport };
}

function finding(report: JsonReport, benchmark: string, metric: string): JsonFinding {
  const found = report.findings.find((f) => f.benchmark === benchmark && f.metric === metric);
  if (!found) throw new Error(`no finding for ${benchmark} ${metric}`);
  return found;
}

describe("perfgate compare: verdicts and exit codes", () => {
  it("an unchanged run passes (exit 0) and prints plain text off a terminal", async () => {
    const ran = await perfgate(["compare", "--baseline", HISTORY, "--current", UNCHANGED]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain("PASS");
    expect(ran.stdout).toContain("parse/json");
    expect(ran.stdout).not.toContain(ESC);
  });

  it("a 60 % slowdown is Critical and fails the gate (exit 1); --format json carries the numbers", async () => {
    const { code, report } = await json(["--baseline", HISTORY, "--current", SLOWER_60]);
    expect(code).toBe(1);
    expect(report.status).toBe("fail");
    expect(report.worst).toBe("critical");
    expect(report.mode).toBe("history");
    const time = finding(report, "parse/json", "time");
    expect(time.verdict).toBe("regression");
    expect(time.severity).toBe("critical");
    // The fixture is 1.6x slower; the interval must contain the truth and be ordered.
    const change = time.change;
    expect(change).not.toBeNull();
    expect(change?.low).toBeLessThan(0.6);
    expect(change?.high).toBeGreaterThan(0.6);
    expect(change?.low).toBeLessThan(change?.estimate as number);
    expect(change?.estimate).toBeLessThan(change?.high as number);
    expect(change?.level).toBe(0.95);
    const throughput = finding(report, "tcp/throughput", "throughput");
    expect(throughput.verdict).toBe("regression");
    expect(throughput.change?.estimate).toBeLessThan(0);
  });

  it("an unchanged run's JSON has every benchmark and metric with a change and an interval", async () => {
    const { code, report } = await json(["--baseline", HISTORY, "--current", UNCHANGED]);
    expect(code).toBe(0);
    expect(report.status).toBe("pass");
    expect(report.worst).toBe("none");
    expect(report.findings.map((f) => `${f.benchmark} ${f.metric}`).sort()).toEqual([
      "parse/json time",
      "tcp/throughput throughput",
    ]);
    for (const f of report.findings) {
      expect(f.severity).toBe("none");
      expect(f.change?.low).toBeLessThanOrEqual(0.05);
      expect(f.change?.high).toBeGreaterThanOrEqual(-0.05);
    }
  });

  it("--fail-on never passes even a Critical regression", async () => {
    const ran = await perfgate([
      "compare",
      "--baseline",
      HISTORY,
      "--current",
      SLOWER_60,
      "--fail-on",
      "never",
    ]);
    expect(ran.code).toBe(0);
  });

  it("a 12 % slowdown passes the default gate but fails --fail-on minor", async () => {
    const args = ["compare", "--baseline", HISTORY, "--current", SLOWER_12];
    expect((await perfgate(args)).code).toBe(0);
    expect((await perfgate([...args, "--fail-on", "minor"])).code).toBe(1);
  });

  it("fail-on from --config applies when the flag is absent, and the flag wins over it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-cli-"));
    const config = join(dir, "perfgate.yml");
    writeFileSync(config, "fail-on: minor\n");
    const args = ["compare", "-b", HISTORY, "-c", SLOWER_12, "--config", config];
    expect((await perfgate(args)).code).toBe(1);
    expect((await perfgate([...args, "--fail-on", "critical"])).code).toBe(0);
  });

  it("a failing verdict says compare could not confirm it, unless confirm-rounds is 0 (issue 23)", async () => {
    const ran = await perfgate(["compare", "-b", HISTORY, "-c", SLOWER_60, "--format", "json"]);
    expect(ran.code).toBe(1);
    const warnings = (JSON.parse(ran.stdout) as { warnings: string[] }).warnings;
    expect(warnings[0]).toBe(
      "not confirmed: perfgate did not collect these results, so it cannot run more rounds before failing (perfgate run, or the Action with command: or config:, runs 5 more rounds first; re-run the benchmark to tell a runner hiccup from a slowdown)",
    );
    const dir = mkdtempSync(join(tmpdir(), "perfgate-cli-"));
    const config = join(dir, ".perfgate.yml");
    writeFileSync(config, "confirm-rounds: 0\n");
    const off = await perfgate([
      ...["compare", "-b", HISTORY, "-c", SLOWER_60, "--format", "json"],
      ...["--config", config],
    ]);
    expect(off.code).toBe(1);
    expect(off.stdout).not.toContain("not confirmed");
    const passing = await perfgate(["compare", "-b", HISTORY, "-c", UNCHANGED, "--format", "json"]);
    expect(passing.stdout).not.toContain("not confirmed");
  });

  it("many benchmarks 1.6× slower together pass as a runner hiccup, unless confirm-rounds is 0 (issue 23)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-cli-"));
    const rng = createRandom(23);
    const file = (name: string, factors: number[]) => {
      const path = join(dir, `${name}.json`);
      const benchmarks = factors.map((f, i) => ({
        name: `bench/${i}`,
        metrics: {
          time: {
            unit: "s",
            direction: "lower",
            samples: Array.from({ length: 5 }, () => f * 1e-3 * Math.exp(0.02 * rng.normal())),
          },
        },
      }));
      const results = { schema: "perfgate/results/v1", suite: "hiccup", commit: name };
      writeFileSync(
        path,
        JSON.stringify({
          ...results,
          timestamp: "2026-12-01T00:00:00Z",
          environment: {},
          benchmarks,
        }),
      );
      return path;
    };
    const baseline = Array.from({ length: 12 }, (_, k) => file(`base${k}`, [1, 1, 1, 1, 1]));
    const current = file("head", [1.6, 1.62, 1.58, 1.6, 1]);
    const args = ["compare", "-b", ...baseline, "-c", current];
    const ran = await perfgate([...args, "--format", "text"]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(
      "the gate passes: it looks like a runner hiccup, re-run to confirm",
    );
    expect(ran.stdout).toContain("looks like a runner hiccup: 4 of 5 metrics got worse together");
    const config = join(dir, ".perfgate.yml");
    writeFileSync(config, "confirm-rounds: 0\n");
    const off = await perfgate([...args, "--config", config, "--format", "text"]);
    expect(off.code).toBe(1);
    expect(off.stdout).toContain("the gate fails");
  });

  it("an absolute limit with a unit in the config is Critical", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-cli-"));
    const config = join(dir, ".perfgate.yml");
    writeFileSync(config, 'rules:\n  - benchmark: "tcp/*"\n    min: 10 Gbit/s\n');
    const ran = await perfgate(["compare", "-b", HISTORY, "-c", UNCHANGED, "--config", config]);
    expect(ran.code).toBe(1);
  });

  it("uses the last history-size runs of a longer baseline", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-cli-"));
    const config = join(dir, ".perfgate.yml");
    writeFileSync(config, "history-size: 5\n");
    const ran = await perfgate([
      "compare",
      "-b",
      HISTORY,
      "-c",
      UNCHANGED,
      "--config",
      config,
      "--format",
      "json",
    ]);
    const report = JSON.parse(ran.stdout) as {
      baseline: { runs: number; commits: string[] };
      warnings: string[];
    };
    expect(report.baseline.runs).toBe(5);
    expect(report.warnings).toContain("used the newest 5 of 30 baseline runs (history-size 5)");
    // the newest five: the fixture's commits c0ffee25 … c0ffee29
    expect(report.baseline.commits.map((c) => c.slice(0, 8))).toEqual(
      ["25", "26", "27", "28", "29"].map((n) => `c0ffee${n}`),
    );
  });

  it("reads ./.perfgate.yml when --config is not given", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-cli-"));
    writeFileSync(join(dir, ".perfgate.yml"), "fail-on: minor\n");
    const ran = await perfgate(
      ["compare", "-b", join(ROOT, HISTORY), "-c", join(ROOT, SLOWER_12)],
      { cwd: dir },
    );
    expect(ran.code).toBe(1);
  });
});

describe("perfgate compare --format json-compact", () => {
  it("prints the compact report: the same verdicts, unchanged findings as table rows", async () => {
    const args = ["compare", "-b", HISTORY, "-c", SLOWER_60];
    const [full, compact] = await Promise.all([
      perfgate([...args, "--format", "json"]),
      perfgate([...args, "--format", "json-compact"]),
    ]);
    expect(compact.code).toBe(1);
    expect(compact.stderr).toBe("");
    const v1 = JSON.parse(full.stdout) as JsonReport;
    const v2 = JSON.parse(compact.stdout) as JsonReport & {
      schema: string;
      unchanged: { columns: string[]; rows: unknown[][] };
    };
    expect(v2.schema).toBe("perfgate/report/v2");
    expect(v2.status).toBe(v1.status);
    const grades = (r: JsonReport) =>
      r.findings.map((f) => `${f.benchmark} ${f.verdict} ${f.severity}`);
    const tabled = v2.unchanged.rows.map((row) => `${row[0]} unchanged none`);
    expect([...grades(v2), ...tabled].sort()).toEqual(grades(v1).sort());
  });
});

describe("perfgate compare: files per side", () => {
  const base = (i: number) => `fixtures/results/paired/base-${i}.json`;
  const head = (i: number) => `fixtures/results/paired/head-${i}.json`;
  const all = [1, 2, 3, 4, 5, 6, 7, 8];

  it("--paired takes globs, repeated flags and several files after one flag alike", async () => {
    const globs = await json([
      "--paired",
      "--baseline",
      "fixtures/results/paired/base-*.json",
      "--current",
      "fixtures/results/paired/head-*.json",
    ]);
    const repeated = await json([
      "--paired",
      ...all.flatMap((i) => ["--baseline", base(i)]),
      ...all.flatMap((i) => ["--current", head(i)]),
    ]);
    const listed = await json(["--paired", "-b", ...all.map(base), "-c", ...all.map(head)]);
    expect(globs.report.mode).toBe("paired");
    expect(repeated.report).toEqual(globs.report);
    expect(listed.report).toEqual(globs.report);
    // Head is 30 % slower in every pair: a regression, graded, the interval around it.
    const time = finding(globs.report, "parse/json", "time");
    expect(time.verdict).toBe("regression");
    expect(time.change?.low).toBeLessThan(0.3 + 0.1);
    expect(time.change?.high).toBeGreaterThan(0.3 - 0.1);
  });

  it("reads a baseline from several results files and from a migrated v0 file", async () => {
    const ran = await perfgate([
      "compare",
      "-b",
      "fixtures/results/v0-pre-release.json",
      ...all.map(base),
      "-c",
      UNCHANGED,
    ]);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
  });

  it("the same input and seed give the same report", async () => {
    const args = ["-b", HISTORY, "-c", SLOWER_12, "--seed", "7"];
    const a = await perfgate(["compare", ...args, "--format", "json"]);
    const b = await perfgate(["compare", ...args, "--format", "json"]);
    expect(a.stdout).toBe(b.stdout);
  });

  it("reads github-action-benchmark's custom JSON with --tool", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-cli-"));
    const write = (name: string, ms: number[]) => {
      const entries = ms.map((value) => ({ name: "render", unit: "ms", value }));
      writeFileSync(join(dir, name), JSON.stringify(entries));
      return join(dir, name);
    };
    const baseline = [write("b1.json", [10, 10.1]), write("b2.json", [10.2, 9.9])];
    const baseline3 = write("b3.json", [10, 10.05]);
    const current = write("c.json", [20, 20.2, 19.9]);
    const ran = await perfgate([
      "compare",
      "--tool",
      "customSmallerIsBetter",
      "-b",
      ...baseline,
      baseline3,
      "-c",
      current,
      "--format",
      "json",
    ]);
    expect(ran.stderr).toBe("");
    const report = JSON.parse(ran.stdout) as JsonReport;
    const value = finding(report, "render", "value");
    expect(value.verdict).toBe("regression");
    expect(value.change?.estimate).toBeGreaterThan(0.5);
  });

  it("--out writes the report to a file and nothing to stdout", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-cli-"));
    const out = join(dir, "report.json");
    const ran = await perfgate([
      "compare",
      "-b",
      HISTORY,
      "-c",
      SLOWER_60,
      "--format",
      "json",
      "--out",
      out,
    ]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).status).toBe("fail");
  });

  it("--format markdown prints the comment", async () => {
    const ran = await perfgate(["compare", "-b", HISTORY, "-c", SLOWER_60, "--format", "markdown"]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain("<!-- perfgate:report");
    expect(ran.stdout).toMatch(/\|.*parse\/json.*\|/);
  });
});

describe("perfgate compare: colour only for a person at a terminal", () => {
  // util-linux `script` gives the child a pseudo-terminal, as an interactive shell would.
  const args = `compare -b ${HISTORY} -c ${SLOWER_60}`;
  const inTerminal = (env: Record<string, string | undefined>) => {
    const clean = { ...process.env, ...env };
    for (const [k, v] of Object.entries(clean)) if (v === undefined) delete clean[k];
    return execFileSync(
      "script",
      ["-qec", `${process.execPath} --import tsx src/cli.ts ${args}; true`, "/dev/null"],
      { cwd: ROOT, env: clean, encoding: "utf8" },
    );
  };

  it("colours on a TTY", (context) => {
    requireTool(context, script);
    expect(inTerminal({ NO_COLOR: undefined, CI: undefined })).toContain(ESC);
  });

  it("does not colour under NO_COLOR or CI", (context) => {
    requireTool(context, script);
    expect(inTerminal({ NO_COLOR: "1", CI: undefined })).not.toContain(ESC);
    expect(inTerminal({ NO_COLOR: undefined, CI: "true" })).not.toContain(ESC);
  });
});

describe("perfgate compare: bad input exits 2 with one line naming the file and the place", () => {
  it.each([
    ["empty.json", "fixtures/bad/empty.json: the file is empty"],
    ["not-json.json", "fixtures/bad/not-json.json: line 4:3: not JSON: "],
    [
      "unknown-schema.json",
      'fixtures/bad/unknown-schema.json: $.schema: unknown schema "perfgate/results/v9"',
    ],
    [
      "nan-string.json",
      'fixtures/bad/nan-string.json: $.benchmarks[0].metrics.time.samples[1]: "NaN" is not a finite number',
    ],
    [
      "infinity.json",
      "fixtures/bad/infinity.json: $.benchmarks[0].metrics.time.samples[1]: not a finite number",
    ],
    [
      "null-sample.json",
      "fixtures/bad/null-sample.json: $.benchmarks[0].metrics.time.samples[1]: expected number, found null",
    ],
    [
      "negative-time.json",
      "fixtures/bad/negative-time.json: $.benchmarks[0].metrics.time.samples[1]: negative time",
    ],
    [
      "empty-samples.json",
      "fixtures/bad/empty-samples.json: $.benchmarks[0].metrics.time.samples: no samples",
    ],
    [
      "duplicate-names.json",
      "fixtures/bad/duplicate-names.json: $.benchmarks[1].name: duplicate benchmark name 'parse/json'",
    ],
    [
      "bad-direction.json",
      'fixtures/bad/bad-direction.json: $.benchmarks[0].metrics.time.direction: "down" is not one of higher, lower',
    ],
    [
      "not-perfgate.json",
      "fixtures/bad/not-perfgate.json: $: not a perfgate results or history file",
    ],
  ])("%s", async (name, line) => {
    const ran = await perfgate(["compare", "-b", HISTORY, "-c", `fixtures/bad/${name}`]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe("");
    expect(ran.stderr.startsWith(`perfgate: ${line}`)).toBe(true);
    expect(ran.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("a suite mismatch between files of one side", async () => {
    const ran = await perfgate([
      "compare",
      "-b",
      HISTORY,
      "-c",
      UNCHANGED,
      "fixtures/bad/other-suite.json",
    ]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      `perfgate: fixtures/bad/other-suite.json: $.suite: suite 'another-suite' does not match suite 'synthetic' of ${UNCHANGED}\n`,
    );
  });

  it("a suite mismatch between the sides", async () => {
    const ran = await perfgate(["compare", "-b", HISTORY, "-c", "fixtures/bad/other-suite.json"]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain("does not match the baseline's suite 'synthetic'");
  });

  it("a bad config names the file and the key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perfgate-cli-"));
    const config = join(dir, ".perfgate.yml");
    writeFileSync(config, "rules:\n  - benchmark: a\n    min: fast\n");
    const ran = await perfgate(["compare", "-b", HISTORY, "-c", UNCHANGED, "--config", config]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(
      `${config}: $.rules[0].min: "fast" is not a number with a known unit`,
    );
  });

  it.each([
    [["-b", HISTORY], "compare: --current <file> is required"],
    [["-c", UNCHANGED], "compare: --baseline <file> is required"],
    [
      ["-b", HISTORY, "-c", UNCHANGED, "--format", "xml"],
      "--format must be one of text, markdown, json",
    ],
    [
      ["-b", HISTORY, "-c", UNCHANGED, "--fail-on", "big"],
      "--fail-on must be one of minor, moderate, severe, critical, never",
    ],
    [["-b", HISTORY, "-c", UNCHANGED, "--seed", "x"], "--seed must be a whole number"],
    [["--bogus"], "compare: Unknown option '--bogus'"],
    [["--paired", "x.json"], "unexpected argument 'x.json'"],
    [["-b", HISTORY, "-c", "no-such.json"], "no-such.json: no such file"],
    [["-b", HISTORY, "-c", "fixtures/nothing/*.json"], "fixtures/nothing/*.json: matches no files"],
  ])("usage: %j", async (args, message) => {
    const ran = await perfgate(["compare", ...args]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(message);
    expect(ran.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("--help prints the flags and exits 0", async () => {
    const ran = await perfgate(["compare", "--help"]);
    expect(ran.code).toBe(0);
    for (const flag of [
      "--baseline",
      "--current",
      "--paired",
      "--format",
      "--fail-on",
      "--config",
      "--out",
      "--seed",
    ])
      expect(ran.stdout).toContain(flag);
  });
});
