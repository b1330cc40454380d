/**
 * Confirmation rounds end to end (issue 23): the bundled Action under Node 24 collects a real
 * command whose first rounds are slow (a passing slow mode), finds a Critical, runs
 * `confirm-rounds` more rounds, and takes the verdict again on all of them.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { node24 } from "../helpers/node24.js";
import {
  PR,
  pushToMaster,
  runBundled,
  runInProcess,
  useBundledWorld,
  type World,
} from "./harness.js";

let dist: string;
let world: World;
useBundledWorld({
  ready: (built, made) => {
    dist = built;
    world = made;
  },
  seed: () => {
    // The benchmark: 10 ms (1 % jitter) per call, 20 ms while the file "slow-calls" in its
    // folder still counts down (the runner's slow mode, or a real slowdown when it is large).
    world.write(
      "bench.mjs",
      `import { existsSync, readFileSync, writeFileSync } from "node:fs";
const slowFile = new URL("./slow-calls", import.meta.url);
const slow = existsSync(slowFile) ? Number(readFileSync(slowFile, "utf8")) : 0;
if (slow > 0) writeFileSync(slowFile, String(slow - 1));
const value = (slow > 0 ? 20 : 10) * (1 + 0.01 * (Math.random() - 0.5));
console.log(JSON.stringify([{ name: "parse", unit: "ms", value }]));
`,
    );
  },
});

const INPUTS = { command: "node bench.mjs", tool: "customSmallerIsBetter", suite: "confirm" };

async function seed(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const sha = `${i}`.repeat(40);
    const out = await runInProcess(world.env(pushToMaster(sha, String(100 + i)), INPUTS));
    expect(out.code, out.log).toBe(0);
  }
}

function slowFor(calls: number): void {
  writeFileSync(join(world.workspace, "slow-calls"), String(calls));
}

describe("the bundled Action under Node 24 confirms before failing", () => {
  it("a slow mode in the first 5 rounds fades in the confirmation rounds: the job passes and the summary says why", async () => {
    await seed();
    slowFor(5);
    const out = await runBundled(node24, dist, world.env(PR, INPUTS));
    expect(out.code, out.log).toBe(0);
    expect(out.log).toContain("running 5 confirmation rounds");
    expect(out.summary).toContain(
      "confirmed: the first 5 rounds gave Critical; 5 more rounds were run and the verdict re-taken on all 10: it does not hold",
    );
    expect(out.outputs.status).toBe("pass");
  }, 180_000);

  it("a slowdown in every round holds: the job fails after confirming", async () => {
    await seed();
    slowFor(1000);
    const out = await runBundled(node24, dist, world.env(PR, INPUTS));
    expect(out.code, out.log).toBe(1);
    expect(out.summary).toContain("it holds (Critical): the gate fails");
    expect(out.outputs).toMatchObject({ status: "fail", "worst-severity": "critical" });
  }, 180_000);

  it("confirm-rounds: 0 fails on the first look", async () => {
    await seed();
    slowFor(5);
    const out = await runBundled(node24, dist, world.env(PR, { ...INPUTS, "confirm-rounds": "0" }));
    expect(out.code, out.log).toBe(1);
    expect(out.log).not.toContain("confirmation rounds");
  }, 180_000);

  it("confirm-rounds: 0 in the workspace's .perfgate.yml fails on the first look, and the summary names where it came from", async () => {
    world.write(".perfgate.yml", "confirm-rounds: 0\n");
    await seed();
    slowFor(5);
    const out = await runBundled(node24, dist, world.env(PR, INPUTS));
    expect(out.code, out.log).toBe(1);
    expect(out.log).not.toContain("confirmation rounds");
    expect(out.summary).toContain("confirm-rounds: 0 (.perfgate.yml)");
  }, 180_000);
});
