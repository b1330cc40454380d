/**
 * `baseline: branch` end to end: a real bare remote and a clone as the workspace; saves push
 * one file per run to perfgate-data, and a history file committed on master is still read.
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { Results } from "../../src/model/types.js";
import { baselineRuns, results } from "../baseline/builders.js";
import { makeRepo } from "../helpers/githubServer.js";
import {
  makeWorld,
  PR,
  pushToMaster,
  runBundled,
  runInProcess,
  useBundledWorld,
  type World,
} from "./harness.js";

let dist: string;
let repo: Awaited<ReturnType<typeof makeRepo>>;
let world: World;
useBundledWorld({
  ready: (built, made) => {
    dist = built;
    world = made;
  },
  world: async () => {
    // The payloads' repository's default branch is master.
    repo = await makeRepo();
    execFileSync("git", ["push", "-q", "origin", "main:master"], { cwd: repo.work });
    execFileSync("git", ["fetch", "-q", "origin"], { cwd: repo.work });
    return makeWorld({ bare: repo.bare, workspace: repo.work });
  },
});
afterEach(() => {
  rmSync(repo.root, { recursive: true, force: true });
});

const BRANCH = { baseline: "branch", "baseline-path": ".perfgate/history.json" };
const push = (run: Results, runId: string) => pushToMaster(run.commit ?? "", runId);
/** The runs saved on perfgate-data (file names: time_commit.json), oldest first. */
const DATA_DIR = ".perfgate/master/unit";
const stored = () => {
  const names = execFileSync("git", ["ls-tree", "--name-only", `perfgate-data:${DATA_DIR}`], {
    cwd: repo.bare,
    encoding: "utf8",
  });
  return {
    runs: names
      .split("\n")
      .filter(Boolean)
      .map((name) => ({ commit: name.replace(/^.*_/, "").replace(/\.json$/, "") })),
  };
};

describe("baseline: branch, through the Action", () => {
  it("pushes save one file per run on perfgate-data, master untouched; a PR reads them with git and fails on a 3x slowdown", async () => {
    const masterBefore = execFileSync("git", ["rev-parse", "master"], {
      cwd: repo.bare,
      encoding: "utf8",
    });
    const runs = baselineRuns(4);
    for (const [i, run] of runs.entries()) {
      const out = await runInProcess(
        world.env(push(run, String(10 + i)), {
          ...BRANCH,
          results: world.write(`s${i}.json`, run),
        }),
      );
      expect(out.code, out.failed.join()).toBe(0);
      expect(out.log).toContain(`Saved the baseline to perfgate-data:${DATA_DIR}/`);
    }
    expect(stored().runs.map((r) => r.commit)).toEqual(runs.map((r) => r.commit));
    expect(execFileSync("git", ["rev-parse", "master"], { cwd: repo.bare, encoding: "utf8" })).toBe(
      masterBefore,
    );

    const current = results({ commit: "e".repeat(40) });
    const time = current.benchmarks[0]?.metrics.time;
    if (time) time.samples = time.samples.map((s) => s * 3);
    const contentsReads = () =>
      world.github.requests.filter((r) => r.path.includes("/contents/")).length;
    const before = contentsReads();
    const out = await runInProcess(
      world.env(PR, { ...BRANCH, results: world.write("pr.json", current) }),
    );
    expect(out.code).toBe(1);
    expect(out.log).toContain(`Baseline: 4 run(s) from perfgate-data:${DATA_DIR}/`);
    expect(contentsReads()).toBe(before); // read with git, not the API
    expect(stored().runs).toHaveLength(4); // a PR never writes
  });

  it("a checkout that cannot push (persist-credentials: false) saves through the git-data API, one run per commit", async () => {
    execFileSync("git", ["remote", "set-url", "--push", "origin", `${repo.root}/no-push.git`], {
      cwd: repo.work,
    });
    const runs = baselineRuns(3);
    for (const [i, run] of runs.entries()) {
      const out = await runInProcess(
        world.env(push(run, String(20 + i)), {
          ...BRANCH,
          results: world.write(`n${i}.json`, run),
        }),
      );
      expect(out.code, out.failed.join()).toBe(0);
      expect(out.log, out.warnings.join("\n")).toMatch(
        /Saved the baseline to perfgate-data:.*through the REST API/,
      );
    }
    expect(stored().runs.map((r) => r.commit)).toEqual(runs.map((r) => r.commit));
    const added = execFileSync(
      "git",
      ["log", "--format=", "--diff-filter=A", "--name-only", "perfgate-data"],
      { cwd: repo.bare, encoding: "utf8" },
    );
    expect(added.split("\n").filter(Boolean)).toHaveLength(3);
    expect(
      world.github.requests.filter((r) => r.path.includes("/contents/") && r.method === "PUT"),
    ).toEqual([]);
  });

  it("two pushes saving at once (two Action processes): neither run is lost", async () => {
    const [a, b, c] = baselineRuns(3);
    await runInProcess(world.env(push(a, "1"), { ...BRANCH, results: world.write("a.json", a) }));
    const [x, y] = await Promise.all([
      runBundled(
        process.execPath,
        dist,
        world.env(push(b, "2"), { ...BRANCH, results: world.write("b.json", b) }),
      ),
      runBundled(
        process.execPath,
        dist,
        world.env(push(c, "3"), { ...BRANCH, results: world.write("c.json", c) }),
      ),
    ]);
    expect([x.code, y.code]).toEqual([0, 0]);
    expect(new Set(stored().runs.map((r) => r.commit))).toEqual(
      new Set([a.commit, b.commit, c.commit]),
    );
    const log = execFileSync("git", ["log", "--format=%s", "perfgate-data"], {
      cwd: repo.bare,
      encoding: "utf8",
    });
    expect(log.split("\n").filter((l) => l.startsWith("perfgate: record"))).toHaveLength(3);
  });

  it("a corrupt history: a warning naming it, the run passes, and the file is left as it was", async () => {
    const broken = '{"schema": "perfgate/history/v1", "suite": "unit", "runs": [{"oops": 1}]}\n';
    execFileSync("mkdir", ["-p", ".perfgate"], { cwd: repo.work });
    execFileSync("sh", ["-c", `printf '%s' '${broken}' > .perfgate/history.json`], {
      cwd: repo.work,
    });
    execFileSync("git", ["add", "."], { cwd: repo.work });
    execFileSync(
      "git",
      ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "broken"],
      { cwd: repo.work },
    );
    execFileSync("git", ["push", "-q", "origin", "HEAD:master"], { cwd: repo.work });
    const run = results({ commit: "d".repeat(40) });
    const out = await runInProcess(
      world.env(push(run, "5"), { ...BRANCH, results: world.write("d.json", run) }),
    );
    expect(out.code).toBe(0);
    const warnings = out.warnings.join("\n");
    expect(warnings).toMatch(
      /baseline in master:\.perfgate\/history\.json is not a history this perfgate can read/,
    );
    expect(warnings).toMatch(/not saved: .*left exactly as it was/);
    expect(out.summary).toMatch(/not saved: .*left exactly as it was/);
    expect(
      execFileSync("git", ["show", "master:.perfgate/history.json"], {
        cwd: repo.bare,
        encoding: "utf8",
      }),
    ).toBe(broken);
  });
});
