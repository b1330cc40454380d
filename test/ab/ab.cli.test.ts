/**
 * `perfgate ab` end to end on real git repositories made here: real worktrees, real builds,
 * real benchmark processes. Slowdowns are real extra work (30 % more loop iterations), so
 * the grades hold on a noisy shared machine: a 30 % slowdown measures 25–35 %, far from the
 * 5 % and 40 % lines.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { perfgate } from "./cli.js";
import { COMMAND_FILES, makeRepo, type TestRepo, TINYBENCH_FILES } from "./repo.js";

const repos: TestRepo[] = [];
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const r of repos) r.remove();
  for (const c of cleanups) c();
});

function repo(): TestRepo {
  const r = makeRepo();
  repos.push(r);
  return r;
}

/** Worktrees git still knows of besides the main one (each must be gone after a run). */
function extraWorktrees(r: TestRepo): string[] {
  return r
    .git("worktree", "list", "--porcelain")
    .split("\n")
    .filter((l) => l.startsWith("worktree "))
    .slice(1);
}

type JsonReport = {
  status: string;
  worst: string;
  mode: string;
  warnings: string[];
  current: { rounds: number };
  findings: { benchmark: string; metric: string; verdict: string; severity?: string }[];
};

const COMMAND = ["--build", "node build.mjs", "--run", "node bench.mjs", "--tool", "go"];

describe("perfgate ab", () => {
  it("grades a tinybench task doing 30 % more work as Severe, and fails at --fail-on severe", async () => {
    const r = repo();
    r.commit(TINYBENCH_FILES(100_000), "base");
    r.commit({ "work.mjs": "export const UNITS = 130000;\n" }, "30 % more work");
    const ran = await perfgate(
      ["ab", "--base", "HEAD~1", "--format", "json", "--fail-on", "severe"],
      {
        cwd: r.dir,
      },
    );
    expect(ran.stderr).not.toMatch(/internal error/);
    const report = JSON.parse(ran.stdout) as JsonReport;
    expect(report.mode).toBe("paired");
    const latency = report.findings.find((f) => f.metric === "latency");
    expect(latency).toMatchObject({
      benchmark: "work/spin",
      verdict: "regression",
      severity: "severe",
    });
    expect(report).toMatchObject({ status: "fail", worst: "severe" });
    expect(ran.code).toBe(1);
    expect(report.warnings[0]).toMatch(
      /^same-runner A\/B: \d+ pairs .*stopped: every interval is clear/,
    );
    expect(extraWorktrees(r)).toEqual([]);
  }, 120_000);

  it("builds each tree once and grades a command benchmark's 30 % slowdown; the history lens is shown beside", async () => {
    const r = repo();
    r.commit(COMMAND_FILES(100_000), "base");
    // A stored history of the base side, made with perfgate run in the same repository.
    r.commit(
      { ".perfgate.yml": "run:\n  command: node bench.mjs\n  tool: go\n  build: node build.mjs\n" },
      "config",
    );
    const history = mkdtempSync(join(tmpdir(), "perfgate-ab-history-"));
    cleanups.push(() => rmSync(history, { recursive: true, force: true }));
    const files = [0, 1, 2].map((i) => join(history, `h${i}.json`));
    for (const out of files) {
      const run = await perfgate(["run", "--out", out, "--rounds", "3"], { cwd: r.dir });
      expect(run.code).toBe(0);
    }
    r.git("checkout", "-q", "-b", "feature");
    r.commit({ "units.txt": "130000\n" }, "30 % more work");
    const ran = await perfgate(
      ["ab", "--base", "main", ...COMMAND, "--format", "markdown", "--baseline", ...files],
      { cwd: r.dir },
    );
    expect(ran.stderr).not.toMatch(/internal error/);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/Severe/);
    expect(ran.stdout).toMatch(/same-runner A\/B: \d+ pairs/);
    expect(ran.stdout).toMatch(
      /### History lens \(stored baseline; shown for context, does not decide the gate\)/,
    );
    expect(ran.stdout).toMatch(/history lens \(shown, does not decide the gate\)/);
    // One build per tree: the base tree in a temporary worktree, head in the checkout.
    expect(
      ran.stderr.match(/perfgate: build \(base [0-9a-f]{12}\): node build\.mjs/g),
    ).toHaveLength(1);
    expect(
      ran.stderr.match(/perfgate: build \(head [0-9a-f]{12}\): node build\.mjs/g),
    ).toHaveLength(1);
    expect(extraWorktrees(r)).toEqual([]);
  }, 120_000);

  it("A/A: the same commit on both sides, three times, is never Critical", async () => {
    const r = repo();
    r.commit(COMMAND_FILES(100_000), "only");
    for (let seed = 1; seed <= 3; seed++) {
      const ran = await perfgate(
        [
          "ab",
          "--base",
          "HEAD",
          ...COMMAND,
          "--seed",
          String(seed),
          "--max-pairs",
          "12",
          "--format",
          "json",
        ],
        { cwd: r.dir },
      );
      expect(ran.stderr).not.toMatch(/internal error/);
      const report = JSON.parse(ran.stdout) as JsonReport;
      expect(report.worst).not.toBe("critical");
      expect(report.status).toBe("pass");
      expect(ran.code).toBe(0);
    }
    expect(extraWorktrees(r)).toEqual([]);
  }, 180_000);

  it("a build that fails in the base tree is one line naming the tree, and the worktree is gone", async () => {
    const r = repo();
    r.commit(
      {
        ...COMMAND_FILES(100_000),
        "build.mjs": 'console.error("cannot find compiler"); process.exit(1);\n',
      },
      "broken build",
    );
    r.commit(COMMAND_FILES(100_000), "fixed build");
    const ran = await perfgate(["ab", "--base", "HEAD~1", ...COMMAND], { cwd: r.dir });
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim().split("\n").at(-1)).toMatch(
      /^perfgate: build failed in the base tree \([0-9a-f]{12}\): .*cannot find compiler/,
    );
    expect(extraWorktrees(r)).toEqual([]);
  }, 60_000);

  const RUN = ["--run", "node bench.mjs", "--tool", "go"];
  it.each([
    [["--base", "no-such-branch", ...RUN], /--base 'no-such-branch' does not name a commit/],
    [["--base=-c", ...RUN], /--base '-c' is not a git ref/],
    [["--base", "HEAD", "--run", "x"], /--run needs --tool/],
    [["--base", "HEAD", "--max-time", "soon", ...RUN], /--max-time must be a duration/],
    [
      ["--base", "HEAD", "--min-pairs", "10", "--max-pairs", "8", ...RUN],
      /--max-pairs \(8\) is below --min-pairs \(10\)/,
    ],
  ])(
    "bad input %j → exit 2 with one line",
    async (args, message) => {
      const r = repo();
      r.commit(COMMAND_FILES(1000), "only");
      const ran = await perfgate(["ab", ...args], { cwd: r.dir });
      expect(ran.code).toBe(2);
      expect(ran.stderr).toMatch(message);
      expect(ran.stderr.trim().split("\n")).toHaveLength(1);
    },
    30_000,
  );
});

describe("perfgate ab with the throughput suite", () => {
  it("runs the real-throughput suite as both sides of a pair and compares them", async () => {
    const r = repo();
    // One scenario keeps a pair's two suite runs short enough for a busy 2-core machine
    // (the whole quick suite twice took over 150 s at load 18).
    const config = "run:\n  throughput:\n    quick: true\n    only: [throughput]\n";
    r.commit({ ".perfgate.yml": config }, "only");
    const ran = await perfgate(
      ["ab", "--base", "HEAD", "--min-pairs", "1", "--max-pairs", "1", "--format", "json"],
      { cwd: r.dir },
    );
    expect(ran.stderr).not.toMatch(/internal error/);
    const report = JSON.parse(ran.stdout) as JsonReport;
    expect(report.mode).toBe("paired");
    expect(report.current.rounds).toBe(1);
    expect(report.findings.map((f) => f.benchmark)).toContain("tcp/throughput");
    // One pair can never be significant, let alone Critical.
    expect(report.worst).toBe("none");
    expect(report.warnings[0]).toMatch(/^same-runner A\/B: 1 pair .*stopped at the pair cap \(1\)/);
    expect(ran.code).toBe(0);
    expect(extraWorktrees(r)).toEqual([]);
  }, 150_000);
});
