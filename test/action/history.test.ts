/**
 * History that acts, end to end: the bundled Action on pushes to the baseline branch, against
 * the local cache and GitHub servers — change points in the summary and outputs, alerts as
 * commit comments or one tracking issue, each change point alerted once across re-runs.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Results } from "../../src/model/types.js";
import { results } from "../baseline/builders.js";
import { pushToMaster, runBundled, seedCache, useBundledWorld, type World } from "./harness.js";

let dist: string;
let world: World;
useBundledWorld({
  ready: (built, made) => {
    dist = built;
    world = made;
  },
});

const commit = (k: number) => `c${String(k).padStart(39, "0")}`;

/** Run k of the baseline branch: bench/0 is 30 % slower from run 6 on, bench/1 never moves. */
function run(k: number): Results {
  const r = results({
    n: 2,
    commit: commit(k),
    timestamp: new Date(Date.UTC(2026, 10, 1, k)).toISOString(),
    centre: 100 * (1 + 0.01 * Math.cos(k)),
  });
  const time = r.benchmarks[0]?.metrics.time;
  if (time && k >= 6) time.samples = time.samples.map((v) => v * 1.3);
  return r;
}

async function push(k: number, inputs: Record<string, string>, runId = String(500 + k)) {
  const env = world.env(pushToMaster(commit(k), runId), {
    results: world.write(`run-${k}.json`, run(k)),
    ...inputs,
  });
  return runBundled(process.execPath, dist, env);
}

describe("a push to the baseline branch reports what moved", () => {
  it("puts the change point in the summary and outputs, comments once on the commit that moved it", async () => {
    await seedCache(
      world,
      Array.from({ length: 12 }, (_, k) => run(k)),
    );
    const first = await push(12, { alert: "commit-comment" });
    expect(first.code).toBe(0);
    expect(first.warnings).toEqual([]);
    expect(first.outputs.changes).toBe("1");
    const doc = JSON.parse(readFileSync(first.outputs["changes-json"] as string, "utf8"));
    expect(doc.changes).toHaveLength(1);
    expect(doc.changes[0]).toMatchObject({
      benchmark: "bench/0",
      metric: "time",
      commit: commit(6),
      kind: "regression",
      severity: "severe",
    });
    expect(first.summary).toContain("### Change points in unit");
    // The push itself was compared with the runs since the step, and the report says so.
    expect(first.summary).toContain(
      "baseline: 6 runs since c000000, where bench/0 time moved +30 %",
    );
    expect(first.summary).toContain("| `bench/0` | `time` | `c000000` |");
    expect(world.github.commitComments.map((c) => c.sha)).toEqual([commit(6)]);
    expect(world.github.commitComments[0]?.body).toContain("moved +30.");

    // The same push re-run, and the next push: the change is found again, not alerted again.
    const rerun = await push(12, { alert: "commit-comment" }, "512");
    expect(rerun.code).toBe(0);
    const next = await push(13, { alert: "commit-comment" });
    expect(next.outputs.changes).toBe("1");
    expect(world.github.commitComments).toHaveLength(1);
  });

  it("keeps one tracking issue per suite, updated in place, and says why when it may not write", async () => {
    await seedCache(
      world,
      Array.from({ length: 12 }, (_, k) => run(k)),
    );
    expect((await push(12, { alert: "issue" })).code).toBe(0);
    expect(world.github.issues).toHaveLength(1);
    const issue = world.github.issues[0];
    expect(issue?.title).toBe("perfgate: performance regressions in unit");
    expect(issue?.body).toContain("| `bench/0` | `time` | `c000000` |");
    expect((await push(13, { alert: "issue" })).code).toBe(0);
    // The same issue, its table brought up to date (the new level now has one run more),
    // the change point marked once.
    expect(world.github.issues.map((i) => i.number)).toEqual([issue?.number]);
    const body = world.github.issues[0]?.body ?? "";
    expect(body.match(/<!-- perfgate:change /g)).toHaveLength(1);
    expect(body).toContain("| `bench/0` | `time` | `c000000` |");

    // A token without issues: write: a warning, and the build still passes.
    // A copy: the server's default user is shared by every world, and must stay as it is.
    const bot = world.github.users.get("ghs_default_token");
    if (bot) world.github.users.set("ghs_default_token", { ...bot, canWrite: false });
    world.github.issues.length = 0;
    const refused = await push(14, { alert: "issue" });
    expect(refused.code).toBe(0);
    expect(
      refused.warnings.some((w) => w.includes("No alert (issue)") && w.includes("issues: write")),
    ).toBe(true);
  });

  it("a step alerted when it was placed a few runs earlier is not alerted again where it moved", async () => {
    await seedCache(
      world,
      Array.from({ length: 12 }, (_, k) => run(k)),
    );
    // What an earlier push would have left, had it placed the step at run 5.
    const moved = `<!-- perfgate:change unit bench%2F0 time ${commit(5)} -->\nearlier alert`;
    world.github.commitComments.push({
      id: 1,
      sha: commit(5),
      body: moved,
      user: { login: "github-actions[bot]", type: "Bot" },
    });
    const done = await push(12, { alert: "commit-comment" });
    expect(done.code).toBe(0);
    expect(done.outputs.changes).toBe("1");
    expect(world.github.commitComments.map((c) => c.sha)).toEqual([commit(5)]);
    // Three runs away is still the same step (the estimate can drift further than that as
    // the history grows: MAX_STEP_DRIFT), and it is still not alerted again.
    world.github.commitComments[0] = {
      ...(world.github.commitComments[0] as (typeof world.github.commitComments)[number]),
      sha: commit(3),
      body: moved.replace(commit(5), commit(3)),
    };
    const later = await push(13, { alert: "commit-comment" });
    expect(
      world.github.commitComments.map((c) => c.sha),
      later.log,
    ).toEqual([commit(3)]);
  });

  it("alert: none (the default) writes nothing to GitHub", async () => {
    await seedCache(
      world,
      Array.from({ length: 12 }, (_, k) => run(k)),
    );
    const done = await push(12, {});
    expect(done.outputs.changes).toBe("1");
    expect(world.github.commitComments).toEqual([]);
    expect(world.github.issues).toEqual([]);
  });
});
