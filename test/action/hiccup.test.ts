/**
 * A runner hiccup in results the Action did not collect (issue 23): the `results:` input is a
 * file the Action cannot re-run, so when every failing finding is one of many series slowed
 * by one factor the job passes with the grades shown and says to re-run; one series slowed
 * alone still fails, and `confirm-rounds: 0` fails on the pattern too.
 */
import { describe, expect, it } from "vitest";
import { baselineRuns, results } from "../baseline/builders.js";
import { PR, runInProcess, seedByPushes, slowedDown, useWorld, type World } from "./harness.js";

let world: World;
useWorld({
  ready: (made) => {
    world = made;
  },
  seed: (made) => seedByPushes(made, baselineRuns(5, { n: 4 })),
});

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const head = () => results({ commit: HEAD, n: 4 });

describe("the Action on a tool's results it cannot re-run", () => {
  it("every benchmark 1.6× slower together: graded Critical, the job passes and says to re-run", async () => {
    const out = await runInProcess(
      world.env(PR, { results: world.write("pr.json", slowedDown(head(), 1.6)) }),
    );
    expect(out.code, out.log).toBe(0);
    expect(out.outputs).toMatchObject({ status: "pass", "worst-severity": "critical" });
    expect(out.summary).toContain(
      "the gate passes: it looks like a runner hiccup, re-run to confirm",
    );
    expect(out.summary).toContain(
      "looks like a runner hiccup: 4 of 4 metrics got worse together by about 1.60×",
    );
  });

  it("one benchmark 1.6× slower alone: not confirmed, the job fails", async () => {
    const out = await runInProcess(
      world.env(PR, { results: world.write("pr.json", slowedDown(head(), 1.6, 1)) }),
    );
    expect(out.code, out.log).toBe(1);
    expect(out.summary).toContain("not confirmed: perfgate did not collect these results");
  });

  it("confirm-rounds: 0 fails on the pattern as well", async () => {
    const out = await runInProcess(
      world.env(PR, {
        results: world.write("pr.json", slowedDown(head(), 1.6)),
        "confirm-rounds": "0",
      }),
    );
    expect(out.code, out.log).toBe(1);
    expect(out.outputs.status).toBe("fail");
  });
});
