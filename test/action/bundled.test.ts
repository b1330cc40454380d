/**
 * The bundled Action as a child process, the way the runner starts it, under the Node
 * this machine has and under Node 24 (what `runs.using: node24` gives).
 */
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Results } from "../../src/model/types.js";
import { baselineRuns, results } from "../baseline/builders.js";
import type { Pull } from "../helpers/githubServer.js";
import { node24 } from "../helpers/node24.js";
import {
  EVENTS,
  PR,
  pushToMaster,
  recorded,
  runBundled,
  runInProcess,
  TOKEN,
  useBundledWorld,
  type World,
  workflowRunAfter,
} from "./harness.js";

let dist: string;
let world: World;
useBundledWorld({
  ready: (built, made) => {
    dist = built;
    world = made;
  },
});

const push = pushToMaster;

async function seed(): Promise<void> {
  for (const [i, run] of baselineRuns(5).entries()) {
    const env = world.env(push(run.commit ?? "", String(100 + i)), {
      results: world.write(`seed-${i}.json`, run),
    });
    expect((await runInProcess(env)).code).toBe(0);
  }
}

/** The head of the recorded pull request (#2). */
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

function slower(factor: number): Results {
  const r = results({ commit: HEAD });
  const time = r.benchmarks[0]?.metrics.time;
  if (time) time.samples = time.samples.map((s) => s * factor);
  return r;
}

/** No log line shows the token, except the add-mask command that hides it. */
function tokenHidden(log: string): boolean {
  return log
    .split("\n")
    .filter((l) => !l.startsWith("::add-mask::"))
    .every((l) => !l.includes(TOKEN));
}

describe.each([
  ["this Node", process.execPath],
  ["Node 24", node24],
])("the bundled Action under %s", (_name, node) => {
  it("a push saves through real tar; a PR with a 3x slowdown fails, comments, annotates, sets outputs", async () => {
    await seed();
    const before = world.cache.entries().length;
    const pushed = await runBundled(
      node,
      dist,
      world.env(push("f".repeat(40), "200"), {
        results: world.write("push.json", results({ commit: "f".repeat(40) })),
      }),
    );
    expect(pushed.code, pushed.log).toBe(0);
    expect(pushed.log).toContain("Baseline: 5 run(s)");
    expect(world.cache.entries().length).toBe(before + 1);
    expect(world.cache.entries().at(-1)).toMatchObject({
      key: "perfgate-unit-Linux-X64-master-200-1",
      finalized: true,
    });

    const out = await runBundled(
      node,
      dist,
      world.env(PR, { results: world.write("pr.json", slower(3)) }),
    );
    expect(out.code, out.log).toBe(1);
    expect(out.log).toContain("Baseline: 6 run(s)");
    expect(out.outputs).toMatchObject({
      status: "fail",
      "worst-severity": "critical",
      regressions: "1",
    });
    expect(out.outputs["report-json"]).toMatch(/report\.json$/);
    expect(out.outputs["comment-url"]).toMatch(/#issuecomment-/);
    expect(world.github.comments).toHaveLength(1);
    expect(out.errors.some((e) => e.includes("bench/0"))).toBe(true);
    expect(out.failed[0]).toMatch(/regression/);
    expect(out.summary).toContain("bench/0");
    expect(tokenHidden(out.log)).toBe(true);
    expect(out.log).toContain(`::add-mask::${TOKEN}`);
  });

  it("mode report in a workflow_run comments on the fork's PR once GitHub confirms it", async () => {
    await seed();
    // Where download-artifact puts it: inside the workspace (mode report reads nothing outside).
    const uploaded = world.write(
      "artifact/event.json",
      readFileSync(join(EVENTS, "pull_request.opened.fork.json"), "utf8"),
    );
    const fork = { headRepo: "forker/Hello-World", headBranch: "changes", headSha: HEAD };
    const pr = recorded("pull_request", (x) => x.action === "opened").pull_request as Pull;
    pr.head = { ...pr.head, label: "forker:changes", repo: { full_name: fork.headRepo } };
    world.github.pulls.push(pr);
    const env = world.env(workflowRunAfter(world.root, fork), {
      mode: "report",
      results: world.write("artifact/results.json", slower(3)),
      "event-path": uploaded,
    });
    const out = await runBundled(node, dist, env);
    expect(out.code, out.log).toBe(1);
    expect(world.github.comments.map((c) => c.issue)).toEqual([2]);
    // A workflow_run is never a push: nothing saved.
    expect(world.cache.entries().filter((e) => !/-10[0-4]-1$/.test(e.key))).toEqual([]);
  });
});

describe("the bundled Action collecting for real", () => {
  it("runs a benchmark command for the rounds asked, parses it with `tool`, and reports", async () => {
    const script = join(world.root, "tiny-bench.mjs");
    copyFileSync(new URL("./helpers/tiny-bench.mjs", import.meta.url), script);
    const env = world.env(PR, {
      command: `node ${script}`,
      tool: "go",
      rounds: "3",
      suite: "tiny",
    });
    const out = await runBundled(process.execPath, dist, env);
    expect(out.code, out.log).toBe(0);
    expect(out.warnings.join("\n")).toMatch(/No baseline yet/);
    expect(out.summary).toContain("BenchmarkSum");
    const report = JSON.parse(readFileSync(out.outputs["report-json"] ?? "", "utf8")) as {
      suite: string;
      current: { rounds: number };
      findings: { benchmark: string; current: number }[];
    };
    expect(report.suite).toBe("tiny");
    expect(report.current.rounds).toBe(3);
    // The command printed about 850 ns/op for BenchmarkSum, in seconds canonically.
    const sum = report.findings.find((f) => f.benchmark.includes("Sum"));
    expect(sum?.current).toBeGreaterThan(850e-9 * 0.9);
    expect(sum?.current).toBeLessThan(850e-9 * 1.1);
  });
});
