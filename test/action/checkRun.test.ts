/**
 * check: true, end to end with the bundled Action against the local GitHub server: one check
 * run on the PR's head with the verdict, annotations sent 50 per request, and a warning (not
 * a failure) when the token may not write checks.
 */
import { describe, expect, it } from "vitest";
import type { Results } from "../../src/model/types.js";
import { baselineRuns, results } from "../baseline/builders.js";
import {
  PR,
  runBundled,
  seedByPushes,
  slowedDown,
  useBundledWorld,
  type World,
} from "./harness.js";

let dist: string;
let world: World;
const N = 120;
useBundledWorld({
  ready: (built, made) => {
    dist = built;
    world = made;
  },
  seed: (made) => seedByPushes(made, baselineRuns(5, { n: N })),
});

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

/** Every benchmark slower, by factor, factor² or factor⁴ in turn: a code change, not one
 *  runner hiccup (a whole suite slowed by one factor passes once as a hiccup: hiccup.ts). */
const slower = (factor: number): Results => {
  const run = results({ commit: HEAD, n: N });
  const steps = [1, 2, 4].map((power) => slowedDown(run, factor ** power));
  return { ...run, benchmarks: run.benchmarks.map((b, i) => steps[i % 3]?.benchmarks[i] ?? b) };
};

describe("check: true", () => {
  it("publishes one completed check run on the PR's head, annotations 50 per request", async () => {
    const out = await runBundled(
      process.execPath,
      dist,
      world.env(PR, { results: world.write("pr.json", slower(1.6)), check: "true" }),
    );
    expect(out.code, out.log).toBe(1);
    expect(world.github.checkRuns).toHaveLength(1);
    const run = world.github.checkRuns[0];
    expect(run).toMatchObject({
      name: "perfgate (unit)",
      head_sha: HEAD,
      status: "completed",
      conclusion: "failure",
    });
    expect(run?.batches).toEqual([50, 50, 20]);
    expect(run?.annotations).toHaveLength(N);
    expect(run?.annotations[0]).toMatchObject({ path: "pr.json", annotation_level: "failure" });
    expect(run?.output.title).toMatch(
      /^Critical regression in \d+ of \d+ benchmarks.* — the gate fails; head \S+ against \d+ runs? of .+$/,
    );
    expect(run?.output.summary?.length).toBeLessThanOrEqual(65_535);
    expect(run?.output.summary).toContain("bench/0");
    expect(out.outputs["check-url"]).toMatch(/\/runs\/\d+$/);
  });

  it("a passing run concludes success; without checks: write it warns and the gate decides alone", async () => {
    const ok = await runBundled(
      process.execPath,
      dist,
      world.env(PR, { results: world.write("pr.json", slower(1)), check: "true" }),
    );
    expect(ok.code, ok.log).toBe(0);
    expect(world.github.checkRuns[0]?.conclusion).toBe("success");

    // A copy: the server's default user is shared by every world, and must stay as it is.
    const bot = world.github.users.get("ghs_default_token");
    if (bot) world.github.users.set("ghs_default_token", { ...bot, canCheck: false });
    const refused = await runBundled(
      process.execPath,
      dist,
      world.env(PR, { results: world.write("pr2.json", slower(1)), check: "true" }),
    );
    expect(refused.code, refused.log).toBe(0);
    expect(world.github.checkRuns).toHaveLength(1);
    expect(
      refused.warnings.some((w) => w.startsWith("No check run:") && w.includes("checks: write")),
    ).toBe(true);
    expect(refused.outputs["check-url"]).toBe("");
  });
});
