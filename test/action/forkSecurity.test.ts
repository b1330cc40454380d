/**
 * The fork recipe's privileged half (mode report on workflow_run) and pull_request_target,
 * attacked end to end: the bundled Action under Node 24 against the local GitHub API, with
 * recorded webhook payloads adapted to each attack. Every case asserts what was written
 * (or not) through the API and the warning that says why.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Results } from "../../src/model/types.js";
import { results } from "../baseline/builders.js";
import type { Pull } from "../helpers/githubServer.js";
import { node24 } from "../helpers/node24.js";
import {
  type Outcome,
  type RunFacts,
  recorded,
  runBundled,
  useBundledWorld,
  type World,
  workflowRunAfter,
} from "./harness.js";

/** The fork PR under test: forker/Hello-World:changes → Codertocat/Hello-World, #2. */
const FORK_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const FORKER: RunFacts = {
  headRepo: "forker/Hello-World",
  headBranch: "changes",
  headSha: FORK_HEAD,
};
/** Someone else's PR, #42, the forged events aim at. */
const VICTIM_HEAD = "b".repeat(40);
/** Another fork, eve's, with a branch of the same name: PR #9. */
const EVE: RunFacts = {
  headRepo: "eve/Hello-World",
  headBranch: "changes",
  headSha: "e".repeat(40),
};

/** The recorded pull_request.opened PR, moved to head `facts` and numbered `number`. */
function pull(number: number, facts: RunFacts): Pull {
  const pr = recorded("pull_request", (x) => x.action === "opened").pull_request as Pull;
  const [owner] = facts.headRepo.split("/");
  pr.number = number;
  pr.head = {
    ...pr.head,
    ref: facts.headBranch,
    sha: facts.headSha,
    label: `${owner}:${facts.headBranch}`,
    repo: { ...(pr.head.repo ?? {}), full_name: facts.headRepo },
  };
  return pr;
}

let dist: string;
let world: World;
useBundledWorld({
  ready: (built, made) => {
    dist = built;
    world = made;
  },
  seed: () => {
    world.github.pulls.push(
      pull(2, FORKER),
      pull(42, { headRepo: "Codertocat/Hello-World", headBranch: "feature", headSha: VICTIM_HEAD }),
      pull(9, EVE),
    );
    // #42 already carries perfgate's verdict: a forged run must not overwrite it.
    world.github.addComment(
      42,
      "github-actions[bot]",
      "<!-- perfgate:report suite=unit -->\nverdict of #42",
      "Bot",
    );
  },
});

/** The event a fork's pull_request workflow uploads, claiming PR `number`. */
function uploadedEvent(number: number, headSha = FORK_HEAD): string {
  const event = recorded("pull_request", (x) => x.action === "opened");
  const pr = event.pull_request as Pull;
  event.number = number;
  pr.number = number;
  pr.head.sha = headSha;
  return world.write(`artifact/event-${number}.json`, JSON.stringify(event));
}

/** mode report in a workflow_run that follows a run which built `facts`. */
async function report(
  facts: RunFacts,
  options: { claim?: number; results?: Results | string; inputs?: Record<string, string> } = {},
): Promise<Outcome> {
  const inputs: Record<string, string> = {
    mode: "report",
    comment: "always",
    results: world.write(
      "artifact/results.json",
      options.results ?? results({ commit: facts.headSha }),
    ),
    ...(options.claim !== undefined ? { "event-path": uploadedEvent(options.claim) } : {}),
    ...options.inputs,
  };
  return runBundled(node24, dist, world.env(workflowRunAfter(world.root, facts), inputs));
}

const writes = () =>
  world.github.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
const lookups = () =>
  world.github.requests
    .filter((r) => r.path === "/repos/Codertocat/Hello-World/pulls")
    .map((r) => new URLSearchParams(r.query).get("head"));
const victimUntouched = () =>
  expect(world.github.comments.filter((c) => c.issue === 42).map((c) => [c.issue, c.body])).toEqual(
    [[42, "<!-- perfgate:report suite=unit -->\nverdict of #42"]],
  );

describe("mode report on workflow_run trusts only what GitHub delivered", () => {
  it("comments on the fork's own PR when the uploaded event names it (the recipe working)", async () => {
    const out = await report(FORKER, { claim: 2 });
    expect(out.code, out.log).toBe(0);
    expect(lookups()).toEqual(["forker:changes"]);
    expect(writes()).toEqual(["POST /repos/Codertocat/Hello-World/issues/2/comments"]);
    expect(out.outputs["comment-url"]).toMatch(/\/pull\/2#issuecomment-/);
    expect(out.log).toContain("Reporting on pull request #2");
    // Annotations of this job would mark the default branch's commit: none are made.
    expect(out.log).toContain("No annotations");
  });

  it("a forged PR number (#42, someone else's) writes nothing and says why", async () => {
    const out = await report(FORKER, { claim: 42 });
    expect(out.code, out.log).toBe(0);
    expect(writes()).toEqual([]);
    victimUntouched();
    const why =
      "No pull request comment: the uploaded event names #42, but the workflow run built 'forker/Hello-World' branch 'changes' at ec26c3e, the head of #2.";
    expect(out.warnings).toContain(why);
    expect(out.summary).toContain("the uploaded event names #\u200d42");
    expect(out.outputs["comment-url"]).toBe("");
  });

  it("a forged head SHA (the run built a commit that is no PR's head) writes nothing", async () => {
    const out = await report({ ...FORKER, headSha: "d".repeat(40) }, { claim: 2 });
    expect(out.code, out.log).toBe(0);
    expect(writes()).toEqual([]);
    expect(out.warnings).toContain(
      "No pull request comment: the uploaded event names #2, but no open pull request has 'forker/Hello-World' branch 'changes' at ddddddd, the commit this workflow run built.",
    );
    expect(out.summary).toContain("the commit this workflow run built");
  });

  it("an issue number that is not a pull request writes nothing", async () => {
    const out = await report(FORKER, { claim: 5 });
    expect(out.code, out.log).toBe(0);
    expect(writes()).toEqual([]);
    expect(out.warnings.join("\n")).toMatch(
      /the uploaded event names #5, but the workflow run built .* the head of #2\./,
    );
  });

  it("a run from another fork with the same branch name cannot reach the first fork's PR", async () => {
    const forged = await report(EVE, { claim: 2 });
    expect(forged.code, forged.log).toBe(0);
    expect(lookups()).toEqual(["eve:changes"]);
    expect(writes()).toEqual([]);
    expect(forged.warnings.join("\n")).toContain(
      "the uploaded event names #2, but the workflow run built 'eve/Hello-World' branch 'changes' at eeeeeee, the head of #9.",
    );
    // Without an uploaded event the run reaches its own PR, found from the facts alone.
    const own = await report(EVE);
    expect(own.code, own.log).toBe(0);
    expect(writes()).toEqual(["POST /repos/Codertocat/Hello-World/issues/9/comments"]);
  });

  it("a hostile branch name stays a query parameter and plain text", async () => {
    const branch = "x<img/src=x>@org/team%0A::error::pwned";
    const out = await report({ ...FORKER, headBranch: branch }, { claim: 42 });
    expect(out.code, out.log).toBe(0);
    expect(writes()).toEqual([]);
    // The route is unchanged; the branch arrived whole, as the `head` parameter.
    expect(lookups()).toEqual([`forker:${branch}`]);
    expect(out.summary).not.toContain("<img");
    expect(out.summary).toContain("&lt;img/src=x&gt;@\u200dorg/team");
    // One warning (the reason), no workflow command smuggled in by the name.
    expect(out.errors).toEqual([]);
    expect(out.warnings.filter((w) => w.includes("pwned"))).toHaveLength(1);
  });

  it("when the pull request cannot be looked up (403), nothing is written and the warning says what the job needs", async () => {
    world.github.faults.push({ method: "GET", path: /\/pulls$/, status: 403 });
    const out = await report(FORKER, { claim: 2 });
    expect(out.code, out.log).toBe(0);
    expect(writes()).toEqual([]);
    expect(out.warnings.join("\n")).toContain(
      "could not look up the pull request built from 'forker/Hello-World' branch 'changes' at ec26c3e: GitHub answered 403",
    );
    expect(out.warnings.join("\n")).toContain("permissions: pull-requests: read");
  });

  it("a workflow_run that followed a push reports to the summary only, without a warning", async () => {
    const out = await report({ ...FORKER, headRepo: "Codertocat/Hello-World", event: "push" });
    expect(out.code, out.log).toBe(0);
    expect(writes()).toEqual([]);
    expect(lookups()).toEqual([]);
    expect(out.warnings.filter((w) => w.includes("pull request comment"))).toEqual([]);
    expect(out.log).toContain("triggered by 'push', not pull_request");
    expect(out.summary).toContain("bench/0");
  });

  it("one head open against two branches: the uploaded event picks one; without it nothing is written", async () => {
    const twin = pull(3, FORKER);
    twin.base = { ...twin.base, ref: "release" };
    world.github.pulls.push(twin);
    const unsure = await report(FORKER);
    expect(unsure.code, unsure.log).toBe(0);
    expect(writes()).toEqual([]);
    expect(unsure.warnings.join("\n")).toContain(
      "#2, #3 all have 'forker/Hello-World' branch 'changes' at ec26c3e as their head; upload the event (input 'event-path') to say which",
    );
    const picked = await report(FORKER, { claim: 3 });
    expect(picked.code, picked.log).toBe(0);
    expect(writes()).toEqual(["POST /repos/Codertocat/Hello-World/issues/3/comments"]);
    // The baseline is the confirmed PR's base branch, from the API, not from the artifact.
    expect(picked.log).toMatch(/Baseline: 0 run\(s\) from .*release/);
  });

  it("a results file that records another commit is reported as such, on the verified PR", async () => {
    const out = await report(FORKER, { claim: 2, results: results({ commit: VICTIM_HEAD }) });
    expect(out.code, out.log).toBe(0);
    const why =
      "A results file records commit bbbbbbb, but the run that produced it built ec26c3e: its numbers may not be this pull request's.";
    expect(out.warnings).toContain(why);
    expect(writes()).toEqual(["POST /repos/Codertocat/Hello-World/issues/2/comments"]);
    const comment = world.github.comments.find((c) => c.issue === 2);
    expect(comment?.body).toContain("records commit bbbbbbb");
    expect(out.summary).toContain("records commit bbbbbbb");
    // The report names the commit GitHub says was built, not the file's.
    const json = JSON.parse(readFileSync(out.outputs["report-json"] ?? "", "utf8")) as {
      current: { commit: string };
    };
    expect(json.current.commit).toBe(FORK_HEAD);
    expect(comment?.body).toContain("commit ec26c3e");
  });

  it("an oversized results file is refused before it is read, naming the file and the limit", async () => {
    const out = await report(FORKER, { claim: 2 });
    expect(out.code, out.log).toBe(0); // the same run with the file at its size passes
    truncateSync(join(world.workspace, "artifact/results.json"), 65 * 1024 * 1024);
    world.github.requests.length = 0;
    const big = await runBundled(
      node24,
      dist,
      world.env(workflowRunAfter(world.root, FORKER), {
        mode: "report",
        results: "artifact/results.json",
        "event-path": uploadedEvent(2),
      }),
    );
    expect(big.code).toBe(1);
    expect(big.failed[0]).toMatch(
      /^perfgate: .*artifact\/results\.json: is 65\.0 MiB, over the 64\.0 MiB mode report reads from an uploaded results file$/,
    );
    expect(big.log).not.toMatch(/at .*\.js:\d+/); // one line, no stack trace
    expect(writes()).toEqual([]);
  });

  it("a link in the artifact that leads outside the workspace is not followed", async () => {
    const outside = join(world.root, "secret.json");
    writeFileSync(outside, JSON.stringify(results({ commit: FORK_HEAD })));
    mkdirSync(join(world.workspace, "artifact"), { recursive: true });
    symlinkSync(outside, join(world.workspace, "artifact/linked.json"));
    const out = await runBundled(
      node24,
      dist,
      world.env(workflowRunAfter(world.root, FORKER), {
        mode: "report",
        results: "artifact/linked.json",
        "event-path": uploadedEvent(2),
      }),
    );
    expect(out.code).toBe(1);
    expect(out.failed[0]).toContain("linked.json: leads outside the workspace");
    expect(writes()).toEqual([]);
    // The uploaded event is confined the same way.
    const event = join(world.root, "event.json");
    writeFileSync(event, readFileSync(join(world.workspace, uploadedEvent(2))));
    symlinkSync(event, join(world.workspace, "artifact/event-link.json"));
    const viaLink = await runBundled(
      node24,
      dist,
      world.env(workflowRunAfter(world.root, FORKER), {
        mode: "report",
        results: world.write("artifact/results.json", results({ commit: FORK_HEAD })),
        "event-path": "artifact/event-link.json",
      }),
    );
    expect(viaLink.code).toBe(1);
    expect(viaLink.failed[0]).toContain("event-link.json: leads outside the workspace");
    expect(writes()).toEqual([]);
  });
});

describe("pull_request_target", () => {
  const prTarget = { name: "pull_request_target" as const, file: "pull_request.opened.fork.json" };

  it("refuses to run a command unless allow-pull-request-target is true", async () => {
    const marker = join(world.root, "ran");
    const inputs = { command: `touch ${marker}`, tool: "go" };
    const out = await runBundled(node24, dist, world.env(prTarget, inputs));
    expect(out.code).toBe(1);
    expect(out.failed[0]).toBe(
      "perfgate: refusing to run input 'command' on pull_request_target: that event gives the pull request's code this repository's write token and secrets. Benchmark on pull_request and comment with the two-workflow recipe, or set input 'allow-pull-request-target: true' if this workflow checks out only trusted code",
    );
    expect(existsSync(marker)).toBe(false);
    expect(world.github.requests).toEqual([]);

    // Opted in, the same command runs (and fails to parse as go output: it prints nothing).
    const allowed = await runBundled(
      node24,
      dist,
      world.env(prTarget, { ...inputs, "allow-pull-request-target": "true" }),
    );
    expect(existsSync(marker)).toBe(true);
    expect(allowed.failed.join("\n")).not.toContain("refusing");
  });

  it("still reads existing results files: that runs nothing", async () => {
    const out = await runBundled(
      node24,
      dist,
      world.env(prTarget, { results: world.write("r.json", results({ commit: FORK_HEAD })) }),
    );
    expect(out.code, out.log).toBe(0);
    expect(out.failed).toEqual([]);
  });
});

/** The two workflows of the README's fork recipe, as YAML. */
function readmeRecipe() {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.split("### Pull requests from forks")[1]?.split("\n### ")[0] ?? "";
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1] ?? ""));
  type Step = { uses?: string; run?: string; with?: Record<string, string | boolean> };
  type Workflow = {
    permissions: Record<string, string>;
    jobs: Record<string, { if?: string; steps: Step[] }>;
  };
  const [first, second] = blocks as [Workflow, Workflow];
  const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
  return { first, second, steps };
}

describe("the README's fork recipe, run as written", () => {
  it("comments on the fork's PR, and on nothing when the artifact names another PR", async () => {
    const { first, second, steps } = readmeRecipe();
    // The privileged half: the least it needs, only after pull_request runs, no checkout.
    expect(second.permissions).toEqual({ actions: "read", "pull-requests": "write" });
    expect(Object.values(second.jobs)[0]?.if).toBe(
      "github.event.workflow_run.event == 'pull_request'",
    );
    expect(steps(second).some((s) => s.uses?.startsWith("actions/checkout"))).toBe(false);

    // Lay the artifact out as download-artifact would: the uploaded files under `path`.
    const upload = steps(first).find((s) => s.uses?.startsWith("actions/upload-artifact"));
    const download = steps(second).find((s) => s.uses?.startsWith("actions/download-artifact"));
    const into = String(download?.with?.path);
    const names = String(upload?.with?.path).trim().split("\n");
    expect(names).toEqual(["bench.txt", "event.json"]);
    expect(steps(first).some((s) => s.run === 'cp "$GITHUB_EVENT_PATH" event.json')).toBe(true);
    mkdirSync(join(world.workspace, into), { recursive: true });
    copyFileSync(
      new URL("../../fixtures/tools/go/output.txt", import.meta.url),
      join(world.workspace, into, "bench.txt"),
    );
    const inputs = Object.fromEntries(
      Object.entries(steps(second).find((s) => s.uses === "perfgate/perfgate@v1")?.with ?? {}).map(
        ([k, v]) => [k, String(v)],
      ),
    );
    const run = async (claim: number) => {
      const event = recorded("pull_request", (x) => x.action === "opened");
      (event.pull_request as Pull).number = claim;
      writeFileSync(join(world.workspace, into, "event.json"), JSON.stringify(event));
      return runBundled(
        node24,
        dist,
        world.env(workflowRunAfter(world.root, FORKER), {
          ...inputs,
          comment: "always",
        }),
      );
    };

    const honest = await run(2);
    expect(honest.code, honest.log).toBe(0);
    expect(writes()).toEqual(["POST /repos/Codertocat/Hello-World/issues/2/comments"]);
    expect(world.github.comments.find((c) => c.issue === 2)?.body).toContain("BenchmarkFib");

    world.github.requests.length = 0;
    const forged = await run(42);
    expect(forged.code, forged.log).toBe(0);
    expect(writes()).toEqual([]);
    victimUntouched();
    expect(forged.warnings.join("\n")).toContain("the uploaded event names #42");
  });
});
