/**
 * Accepting an intended regression, end to end with the bundled Action: a PR labelled
 * perf-accepted passes with its failing grade shown as accepted; without the label the same
 * run fails.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { baselineRuns, results } from "../baseline/builders.js";
import {
  EVENTS,
  type EventSpec,
  PR,
  runBundled,
  seedByPushes,
  slowedDown,
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
  seed: (made) => seedByPushes(made, baselineRuns(5)),
});

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

const slower = (factor: number) => slowedDown(results({ commit: HEAD }), factor, 1);

/** The recorded pull_request event, labelled `labels` (as a `labeled` event would be). */
function labelled(labels: string[]): EventSpec {
  const event = JSON.parse(readFileSync(join(EVENTS, PR.file), "utf8"));
  event.action = "labeled";
  event.pull_request.labels = labels.map((name, i) => ({ id: i + 1, name, color: "ededed" }));
  const file = join(world.root, `event-${labels.join("-") || "none"}.json`);
  writeFileSync(file, JSON.stringify(event));
  return { ...PR, file };
}

describe("accepting an intended regression", () => {
  it("a PR labelled perf-accepted passes; the comment says which grade and by which label", async () => {
    const out = await runBundled(
      process.execPath,
      dist,
      world.env(labelled(["documentation", "perf-accepted"]), {
        results: world.write("pr.json", slower(3)),
      }),
    );
    expect(out.code, out.log).toBe(0);
    expect(out.outputs).toMatchObject({ status: "pass", "worst-severity": "critical" });
    const body = world.github.comments[0]?.body ?? "";
    expect(body).toContain("Critical (accepted)");
    expect(body).toContain("accepted by label perf-accepted: bench/0 time (critical)");
    expect(body).toContain("the gate passes: 1 failing grade accepted");
    const report = JSON.parse(readFileSync(out.outputs["report-json"] as string, "utf8"));
    expect(
      report.findings.find((f: { benchmark: string }) => f.benchmark === "bench/0"),
    ).toMatchObject({
      severity: "critical",
      accepted: "label perf-accepted",
    });
  });

  it("another label, or another accept-label than the one the PR carries, changes nothing", async () => {
    const other = await runBundled(
      process.execPath,
      dist,
      world.env(labelled(["perf-accepted"]), {
        results: world.write("pr.json", slower(3)),
        "accept-label": "perf-ok",
      }),
    );
    expect(other.code).toBe(1);
    expect(other.outputs.status).toBe("fail");
    expect(world.github.comments[0]?.body).not.toContain("accepted");
  });

  it("an accept: entry in the workspace's .perfgate.yml naming the PR passes it, with its reason", async () => {
    world.write(
      ".perfgate.yml",
      'accept:\n  - benchmark: "bench/*"\n    pr: 2\n    reason: slower on purpose\n',
    );
    const out = await runBundled(
      process.execPath,
      dist,
      world.env(PR, { results: world.write("pr.json", slower(3)) }),
    );
    expect(out.code, out.log).toBe(0);
    const body = world.github.comments[0]?.body ?? "";
    expect(body).toContain(
      "accepted by .perfgate.yml accept: slower on purpose: bench/0 time (critical)",
    );
  });
});
