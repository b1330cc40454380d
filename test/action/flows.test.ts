import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Results } from "../../src/model/types.js";
import { baselineRuns, results } from "../baseline/builders.js";
import { PR, pushToMaster, runInProcess, useWorld, type World } from "./harness.js";

let world: World;
useWorld({
  ready: (made) => {
    world = made;
  },
});

const push = pushToMaster;

/** Five pushes to master, each saving its run: the baseline history. */
async function seed(suite = "unit", n = 3): Promise<string[]> {
  const logs: string[] = [];
  for (const [i, run] of baselineRuns(5, { suite, n }).entries()) {
    const file = world.write(`seed-${i}.json`, run);
    const out = await runInProcess(
      world.env(push(run.commit ?? "", String(100 + i)), { results: file }),
    );
    expect(out.code, out.failed.join("\n")).toBe(0);
    logs.push(out.log);
  }
  return logs;
}

/** A results file like the baseline's but with benchmark 0 `factor` times slower. */
function slower(factor: number, suite = "unit", n = 3): Results {
  const r = results({ suite, n, commit: "ec26c3e57ca3a959ca5aad62de7213c562f8c821" });
  const time = r.benchmarks[0]?.metrics.time;
  if (time) time.samples = time.samples.map((s) => s * factor);
  return r;
}

describe("the Action in-process: pull_request and push flows", () => {
  it("push to the default branch compares, appends and saves; the next push sees one more run", async () => {
    const logs = await seed();
    expect(logs.map((l) => /Baseline: (\d+) run/.exec(l)?.[1])).toEqual(["0", "1", "2", "3", "4"]);
    const keys = world.cache
      .entries()
      .filter((e) => e.finalized)
      .map((e) => e.key);
    expect(keys).toEqual(
      [100, 101, 102, 103, 104].map((id) => `perfgate-unit-Linux-X64-master-${id}-1`),
    );
  });

  it("a 3x slowdown on a PR is Critical: the job fails, one sticky comment, an error annotation, outputs", async () => {
    await seed();
    const file = world.write("current.json", slower(3));
    const out = await runInProcess(world.env(PR, { results: file }));
    expect(out.code).toBe(1);
    expect(out.failed[0]).toMatch(/regression/);
    expect(out.outputs.status).toBe("fail");
    expect(out.outputs["worst-severity"]).toBe("critical");
    expect(out.outputs.regressions).toBe("1");
    expect(out.outputs["comment-url"]).toMatch(/#issuecomment-/);
    expect(world.github.comments).toHaveLength(1);
    expect(world.github.comments[0]?.body.startsWith("<!-- perfgate:report suite=unit -->")).toBe(
      true,
    );
    expect(out.errors.join("\n")).toContain("bench/0");
    expect(out.summary).toContain("bench/0");
    // A PR never saves a baseline.
    expect(world.cache.entries().filter((e) => e.key.includes("-1001-"))).toEqual([]);
  });

  it("the next run on the same PR updates the comment in place, to all clear", async () => {
    await seed();
    await runInProcess(world.env(PR, { results: world.write("bad.json", slower(3)) }));
    const first = world.github.comments[0];
    const out = await runInProcess(world.env(PR, { results: world.write("good.json", slower(1)) }));
    expect(out.code).toBe(0);
    expect(world.github.comments).toHaveLength(1);
    expect(world.github.comments[0]?.id).toBe(first?.id);
    expect(world.github.comments[0]?.body).not.toContain("Critical");
    expect(out.outputs.status).toBe("pass");
  });

  it("comment: auto stays quiet while nothing is graded; always posts anyway; never never does", async () => {
    await seed();
    const quiet = await runInProcess(world.env(PR, { results: world.write("a.json", slower(1)) }));
    expect(quiet.code).toBe(0);
    expect(world.github.comments).toHaveLength(0);
    expect(quiet.outputs["comment-url"]).toBe("");
    const never = await runInProcess(
      world.env(PR, { results: world.write("b.json", slower(3)), comment: "never" }),
    );
    expect(never.code).toBe(1);
    expect(world.github.comments).toHaveLength(0);
    const always = await runInProcess(
      world.env(PR, { results: world.write("c.json", slower(1)), comment: "always" }),
    );
    expect(always.code).toBe(0);
    expect(world.github.comments).toHaveLength(1);
  });

  it("without any baseline the run passes with a 'no baseline yet' warning", async () => {
    const out = await runInProcess(world.env(PR, { results: world.write("a.json", slower(3)) }));
    expect(out.code).toBe(0);
    expect(out.warnings.join("\n")).toMatch(/No baseline yet/);
    expect(out.outputs.status).toBe("pass");
    expect(out.summary).toMatch(/No baseline yet/);
  });
});

describe("matrix: several jobs' results files", () => {
  it("a glob of files from several jobs merges into one report and one comment", async () => {
    await seed("unit", 3);
    // Two jobs each measured part of the suite (and one renamed its suite): one report.
    const a = results({ n: 3, commit: "ec26c3e57ca3a959ca5aad62de7213c562f8c821" });
    const b = {
      ...results({ n: 3, suite: "unit-linux", commit: "ec26c3e57ca3a959ca5aad62de7213c562f8c821" }),
    };
    a.benchmarks = a.benchmarks.slice(0, 2);
    b.benchmarks = b.benchmarks.slice(2).map((x) => {
      const t = x.metrics.time;
      return t ? { ...x, metrics: { time: { ...t, samples: t.samples.map((s) => s * 3) } } } : x;
    });
    world.write("artifacts/job-1/results.json", a);
    world.write("artifacts/job-2/results.json", b);
    const out = await runInProcess(
      world.env(PR, { results: "artifacts/**/results.json", suite: "unit" }),
    );
    expect(out.code).toBe(1);
    expect(world.github.comments).toHaveLength(1);
    const body = world.github.comments[0]?.body ?? "";
    expect(body).toContain("bench/2");
    const report = JSON.parse(readFileSync(out.outputs["report-json"] ?? "", "utf8")) as {
      findings: { benchmark: string; verdict: string }[];
    };
    expect(report.findings.map((f) => f.benchmark).sort()).toEqual([
      "bench/0",
      "bench/1",
      "bench/2",
    ]);
    expect(report.findings.find((f) => f.benchmark === "bench/2")?.verdict).toBe("regression");
  });
});

describe("pushes that are not to the baseline branch", () => {
  it("a push to a feature branch compares with master's history and saves nothing", async () => {
    await seed();
    const before = world.cache.entries().length;
    const env = world.env(
      { name: "push", file: "push.master.json", ref: "refs/heads/feature", sha: "b".repeat(40) },
      { results: world.write("f.json", slower(1)) },
    );
    const out = await runInProcess(env);
    expect(out.code).toBe(0);
    expect(out.log).toContain("Baseline: 5 run(s)");
    expect(out.log).toContain("Not saving a baseline: only pushes to 'master' do");
    expect(world.cache.entries().length).toBe(before);
  });

  it("baseline-branch names another branch: its pushes save, master's do not", async () => {
    const env = (ref: string, sha: string) =>
      world.env(
        { name: "push", file: "push.master.json", ref, sha },
        { results: world.write(`${sha}.json`, slower(1)), "baseline-branch": "perf" },
      );
    await runInProcess(env("refs/heads/master", "c".repeat(40)));
    expect(world.cache.entries()).toHaveLength(0);
    await runInProcess(env("refs/heads/perf", "d".repeat(40)));
    expect(world.cache.entries().map((e) => e.key)).toEqual([
      expect.stringMatching(/^perfgate-unit-Linux-X64-perf-/),
    ]);
  });
});

describe("bad configuration fails with one actionable line", () => {
  it.each([
    [{ "fail-on": "catastrophic", results: "x.json" }, "perfgate: input 'fail-on' must be one of"],
    [{ results: "nothing-here/*.json" }, "perfgate: "],
    [{ results: "bad.json" }, "perfgate: ", "bad.json: $: missing required key 'timestamp'"],
  ])("%j", async (inputs, start, detail = "") => {
    world.write("bad.json", '{"schema": "perfgate/results/v1", "suite": 3}');
    const out = await runInProcess(world.env(PR, inputs));
    expect(out.code).toBe(1);
    expect(out.failed).toHaveLength(1);
    expect(out.failed[0]?.startsWith(start), out.failed[0]).toBe(true);
    expect(out.failed[0]).toContain(detail);
    expect(out.failed[0]).not.toContain("\n    at ");
    expect(out.failed[0]).not.toContain("internal error");
  });
});
