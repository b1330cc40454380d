/**
 * `compare: same-runner` in the Action, in-process against the local cache and GitHub
 * servers of test/action/harness.ts, on a real repository whose PR head is 3× slower.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readResults } from "../../src/collect/read.js";
import type { Results } from "../../src/model/types.js";
import { makeWorld, runInProcess, seedCache, type World } from "../action/harness.js";
import { perfgate } from "./cli.js";
import { COMMAND_FILES, makeRepo, type TestRepo } from "./repo.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function prRepo(): Promise<{ repo: TestRepo; world: World }> {
  const repo = makeRepo();
  cleanups.push(() => repo.remove());
  // The fixture event's PR merges into "master".
  repo.git("checkout", "-q", "-b", "master");
  repo.commit({ ...COMMAND_FILES(100_000), "base.perfgate.yml": CONFIG }, "base");
  const world = await makeWorld({ workspace: repo.dir });
  cleanups.push(() => world.close());
  return { repo, world };
}

/** The config the history runs and the Action read: each tree builds its own bench. */
const CONFIG = "run:\n  command: node bench.mjs\n  tool: go\n  build: node build.mjs\n";

const INPUTS = {
  config: "base.perfgate.yml",
  compare: "same-runner",
  comment: "never",
};

describe("the Action with compare: same-runner", () => {
  it("runs base beside a 3× slower head, grades it Critical, fails the job, and shows the history lens", async () => {
    const { repo, world } = await prRepo();
    // A stored history of the base, as pushes to master would have recorded it.
    const history: Results[] = [];
    for (let i = 0; i < 3; i++) {
      const out = join(world.root, `h${i}.json`);
      const ran = await perfgate(
        ["run", "--config", "base.perfgate.yml", "--out", out, "--rounds", "3"],
        { cwd: repo.dir },
      );
      expect(ran.stderr).not.toMatch(/internal error/);
      history.push(...(await readResults(out)));
    }
    await seedCache(world, history, "go", "master");
    repo.git("checkout", "-q", "-b", "changes");
    repo.commit({ "units.txt": "300000\n" }, "3x the work");
    const outcome = await runInProcess(
      world.env({ name: "pull_request", file: "pull_request.opened.json" }, INPUTS),
    );
    expect(outcome.failed.join("\n")).toMatch(/Critical/i);
    expect(outcome.code).toBe(1);
    expect(outcome.outputs["worst-severity"]).toBe("critical");
    expect(outcome.outputs.status).toBe("fail");
    const report = JSON.parse(readFileSync(outcome.outputs["report-json"] as string, "utf8")) as {
      mode: string;
      warnings: string[];
    };
    expect(report.mode).toBe("paired");
    expect(report.warnings[0]).toMatch(/^same-runner A\/B: \d+ pairs/);
    // Three stored runs measured on a busy machine are a thin history: the lens must see the
    // 3× slowdown as Severe or worse, but whether it clears the Critical line depends on how
    // far apart those three runs landed, and the lens does not decide the gate anyway.
    expect(report.warnings).toContainEqual(
      expect.stringMatching(
        /^history lens \(shown, does not decide the gate\): (pass, worst severe|fail, worst critical), over 3 stored runs$/,
      ),
    );
    expect(outcome.summary).toMatch(/same-runner A\/B/);
    expect(repo.git("worktree", "list").split("\n")).toHaveLength(1);
  }, 150_000);

  it("off a pull request it says so and compares with the stored history", async () => {
    const { world } = await prRepo();
    const outcome = await runInProcess(
      world.env({ name: "push", file: "push.master.json" }, INPUTS),
    );
    expect(outcome.log).toMatch(/compare: same-runner needs a pull request/);
    expect(outcome.code).toBe(0);
  }, 60_000);

  it("refuses results files: same-runner runs the benchmarks itself", async () => {
    const { world } = await prRepo();
    const outcome = await runInProcess(
      world.env(
        { name: "pull_request", file: "pull_request.opened.json" },
        {
          compare: "same-runner",
          results: "out/*.json",
          comment: "never",
        },
      ),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.failed[0]).toMatch(/same-runner runs the benchmarks itself on both sides/);
  }, 30_000);
});
