/**
 * Infrastructure faults against the bundled Action under Node 24 (what `runs.using: node24`
 * runs), with local cache and GitHub servers that fail, stall, rate-limit and serve broken
 * archives. Every scenario has an unchanged result, so each must end the same way:
 * exit 0, a warning naming the real cause, a job summary, the stored history exactly as it
 * was (unless the fault heals within the deadline), and an end within the deadlines, which
 * are shortened through the Action's own inputs so the suite stays fast.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { baselineRuns, history, results } from "../baseline/builders.js";
import type { CacheFault } from "../helpers/cacheServer.js";
import { type ApiFault, makeRepo } from "../helpers/githubServer.js";
import { node24 } from "../helpers/node24.js";
import { bundleAction } from "./bundle.js";
import {
  EVENTS,
  makeWorld,
  type Outcome,
  PR,
  plantCachedHistory,
  pushToMaster,
  runBundled,
  runInProcess,
  seedCache,
  type World,
  workflowRunAfter,
} from "./harness.js";

/** Short deadlines: one network call 2 s, the comment and the save 4 s together. */
const NETWORK_S = 2;
const PUBLISH_S = 4;
const LIMITS = { "network-timeout": String(NETWORK_S), "publish-timeout": String(PUBLISH_S) };
/**
 * The longest a run may take: the baseline load's backstop (two calls), the publish budget,
 * and a few seconds for Node to start and the report to be computed on a busy machine.
 */
const END_WITHIN_MS = (2 * NETWORK_S + PUBLISH_S + 4) * 1000;

let dist: string;
beforeAll(async () => {
  dist = await bundleAction();
});

/** How long each scenario's Action run took, printed once at the end for the record. */
const timings: string[] = [];
afterAll(() => {
  console.log(
    `Action run time per scenario (limit ${END_WITHIN_MS / 1000} s):\n${timings.join("\n")}`,
  );
});

/** This commit measures what the baseline measured: the verdict is "pass" either way. */
const unchanged = () => results({ commit: "ec26c3e57ca3a959ca5aad62de7213c562f8c821" });

async function timed(env: Record<string, string>) {
  const started = Date.now();
  const out = await runBundled(node24, dist, env, 60_000);
  const ms = Date.now() - started;
  timings.push(`${(ms / 1000).toFixed(1).padStart(5)} s  ${expect.getState().currentTestName}`);
  return { out, ms };
}

/** The common promise of every scenario. */
function expectDegraded(run: { out: Outcome; ms: number }, cause: RegExp): void {
  const { out, ms } = run;
  expect(out.code, out.log).toBe(0);
  expect(out.outputs.status).toBe("pass");
  expect(out.warnings.join("\n")).toMatch(cause);
  expect(out.summary).toContain("bench/0");
  expect(out.log).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // no stack trace
  expect(ms).toBeLessThan(END_WITHIN_MS);
}

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe("the Actions cache store under faults (bundled Action, Node 24)", () => {
  let world: World;
  /** The finalized entries and their archives: what "the history is intact" means here. */
  const snapshot = () =>
    world.cache
      .entries()
      .filter((e) => e.finalized)
      .map((e) => ({ key: e.key, archive: world.cache.archive(e.key)?.toString("base64") }));

  beforeEach(async () => {
    world = await makeWorld();
    await seedCache(world, baselineRuns(5));
  });
  afterEach(async () => {
    await world.close();
  });

  const push = (inputs: Record<string, string> = {}) =>
    world.env(pushToMaster("f".repeat(40), "300"), {
      results: world.write("push.json", unchanged()),
      ...LIMITS,
      ...inputs,
    });

  /** A push whose restore fails: it must not save, and must say so. */
  async function pushWithBrokenRestore(cause: RegExp) {
    const before = snapshot();
    const reserved = () => world.cache.calls.filter((c) => c.call === "CreateCacheEntry").length;
    const reservedBefore = reserved();
    const run = await timed(push());
    expectDegraded(run, cause);
    expect(run.out.warnings.join("\n")).toMatch(/baseline was not saved/);
    expect(run.out.summary).toMatch(/baseline was not saved/);
    expect(run.out.log).not.toMatch(/No baseline yet/);
    expect(snapshot()).toEqual(before);
    expect(reserved()).toBe(reservedBefore); // no save was even attempted
    return run;
  }

  it("no fault (the reference time): a push reads 5 runs and saves 6", async () => {
    const run = await timed(push());
    expect(run.out.code, run.out.log).toBe(0);
    expect(run.out.warnings).toEqual([]);
    expect(run.out.log).toContain("Baseline: 5 run(s)");
    expect(run.out.log).toContain("Saved the baseline");
  });

  it.each<[string, CacheFault, RegExp]>([
    [
      "restore answering 500 (for ever)",
      { call: "GetCacheEntryDownloadURL", status: 500 },
      /cache service failed .*500/,
    ],
    [
      "restore answering 429",
      { call: "GetCacheEntryDownloadURL", status: 429, headers: { "retry-after": "60" } },
      /rate-limiting this repository .*429/,
    ],
    [
      "restore answering 403",
      { call: "GetCacheEntryDownloadURL", status: 403 },
      /cache service refused this token .*403/,
    ],
    [
      "archive download answering 500",
      { call: "GetBlob", status: 500 },
      /could not be read from the Actions cache .*500/,
    ],
    [
      "a truncated archive",
      { call: "GetBlob", status: 200, archive: "truncated" },
      /archive could not be unpacked/,
    ],
    [
      "a garbage archive",
      { call: "GetBlob", status: 200, archive: "garbage" },
      /archive could not be unpacked/,
    ],
    [
      "a restore that never answers",
      { call: "GetCacheEntryDownloadURL", status: 200, stall: true },
      /cache restore did not finish within 2 s/,
    ],
    [
      "an archive download that stalls",
      { call: "GetBlob", status: 200, stall: true },
      /cache restore did not finish within 2 s/,
    ],
  ])(
    "a push whose %s does not save, and leaves the history as it was",
    async (_name, fault, cause) => {
      world.cache.faults.push(fault);
      await pushWithBrokenRestore(cause);
    },
  );

  it("a stored history of a future schema is left for a newer perfgate", async () => {
    const future = { ...history(baselineRuns(5)), schema: "perfgate/history/v9" };
    await plantCachedHistory(world, JSON.stringify(future), "perfgate-unit-Linux-X64-master-2-1");
    await pushWithBrokenRestore(/unknown schema "perfgate\/history\/v9".*update perfgate/);
  });

  it("a stored history that is not JSON is named by its key, with how to start over", async () => {
    await plantCachedHistory(
      world,
      '{"schema": "perfgate/history/v1", "runs": [',
      "perfgate-unit-Linux-X64-master-2-1",
    );
    await pushWithBrokenRestore(/master-2-1 is not a history .*gh cache delete/);
  });

  it.each<[string, CacheFault, RegExp]>([
    ["reserving answering 500", { call: "CreateCacheEntry", status: 500 }, /not saved: .*500/],
    [
      "reserving answering 403",
      { call: "CreateCacheEntry", status: 403 },
      /not saved: the cache service refused this token .*403/,
    ],
    ["the upload answering 500", { call: "PutBlob", status: 500 }, /not saved: /],
    ["the upload stalling", { call: "PutBlob", status: 200, stall: true }, /not saved/],
    [
      "finalizing answering 500",
      { call: "FinalizeCacheEntryUpload", status: 500 },
      /not saved: .*500/,
    ],
  ])(
    "a save failing (%s): a warning with the cause, the earlier history intact",
    async (_n, fault, cause) => {
      world.cache.faults.push(fault);
      const before = snapshot();
      const run = await timed(push());
      expectDegraded(run, cause);
      expect(run.out.log).toContain("Baseline: 5 run(s)");
      expect(run.out.summary).toMatch(/baseline was not saved/);
      expect(snapshot()).toEqual(before);
    },
  );

  it("a restore that fails once and then answers (within the deadline) saves a longer history", async () => {
    world.cache.faults.push({ call: "GetCacheEntryDownloadURL", status: 500, times: 1 });
    const run = await timed(push({ "network-timeout": "10" }));
    expect(run.out.code, run.out.log).toBe(0);
    expect(run.out.log).toContain("Baseline: 5 run(s)");
    expect(run.out.log).toContain("Saved the baseline");
    expect(world.cache.entries().at(-1)).toMatchObject({
      key: "perfgate-unit-Linux-X64-master-300-1",
      finalized: true,
    });
  });

  it("both services unreachable: a push ends in time, saves nothing, and says why", async () => {
    const env = push();
    env.ACTIONS_RESULTS_URL = `http://127.0.0.1:${await deadPort()}/`;
    env.GITHUB_API_URL = `http://127.0.0.1:${await deadPort()}`;
    const run = await pushWithBrokenRestoreEnv(env);
    expect(run.out.warnings.join("\n")).toMatch(/could not be reached .*ECONNREFUSED/);
  });

  async function pushWithBrokenRestoreEnv(env: Record<string, string>) {
    const before = snapshot();
    const run = await timed(env);
    expectDegraded(run, /could not be read/);
    expect(run.out.summary).toMatch(/baseline was not saved/);
    expect(snapshot()).toEqual(before);
    return run;
  }

  it("both services unreachable: a pull request still gets its summary and outputs", async () => {
    const env = world.env(PR, {
      results: world.write("pr.json", unchanged()),
      comment: "always",
      ...LIMITS,
    });
    env.ACTIONS_RESULTS_URL = `http://127.0.0.1:${await deadPort()}/`;
    env.GITHUB_API_URL = `http://127.0.0.1:${await deadPort()}`;
    const run = await timed(env);
    expectDegraded(run, /No PR comment: (GitHub's API could not be reached|.*budget)/);
    expect(run.out.outputs["report-json"]).toMatch(/report\.json$/);
    expect(run.out.outputs["comment-url"]).toBe("");
  });
});

describe("the GitHub API under faults, on a pull request (bundled Action, Node 24)", () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
    await seedCache(world, baselineRuns(5));
  });
  afterEach(async () => {
    await world.close();
  });

  const pr = (inputs: Record<string, string> = {}) =>
    world.env(PR, {
      results: world.write("pr.json", unchanged()),
      comment: "always",
      ...LIMITS,
      ...inputs,
    });

  it.each<[string, ApiFault, RegExp]>([
    [
      "posting answering 403 (a read-only token)",
      {
        method: "POST",
        path: /comments$/,
        status: 403,
        message: "Resource not accessible by integration",
      },
      /may not write to this pull request \(403\).*two-workflow recipe/,
    ],
    [
      "posting answering 403 with the rate limit used up",
      {
        method: "POST",
        path: /comments$/,
        status: 403,
        message: "API rate limit exceeded",
        headers: {
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
        },
      },
      /rate limit for this token is used up \(403.*resets at \d\d:\d\d:\d\d UTC \(in (59|60) min\)/,
    ],
    [
      "listing answering 404",
      { method: "GET", path: /comments$/, status: 404 },
      /No PR comment: GitHub answered 404/,
    ],
    [
      "posting answering 422",
      { method: "POST", path: /comments$/, status: 422, message: "Validation Failed" },
      /No PR comment: GitHub answered 422 \(Validation Failed\)/,
    ],
    [
      "posting answering 429 for longer than the budget",
      { method: "POST", path: /comments$/, status: 429, headers: { "retry-after": "30" } },
      /rate limit .*429.*wait 30 s/,
    ],
    [
      "posting answering 500 for ever",
      { method: "POST", path: /comments$/, status: 500 },
      /No PR comment: GitHub's API failed \(500/,
    ],
    [
      "listing that never answers",
      { method: "GET", path: /comments$/, status: 200, stall: true },
      /No PR comment: (GitHub's API did not answer in time|the publish budget of 4 s .* ran out)/,
    ],
  ])(
    "%s: no comment, a warning naming the cause, the report in the summary",
    async (_n, fault, cause) => {
      world.github.faults.push(fault);
      const run = await timed(pr());
      expectDegraded(run, cause);
      expect(run.out.summary).toMatch(/No PR comment/);
      expect(run.out.outputs["comment-url"]).toBe("");
      expect(world.github.comments).toHaveLength(0);
    },
  );

  it.each<[string, ApiFault, RegExp]>([
    [
      "never answers",
      { method: "GET", path: /pulls$/, status: 200, stall: true },
      /could not look up the pull request .*GitHub's API did not answer in time/,
    ],
    [
      "answers 502 for ever",
      { method: "GET", path: /pulls$/, status: 502 },
      /could not look up the pull request .*GitHub's API failed \(502/,
    ],
  ])(
    "mode report: a pull-request lookup that %s ends in time, without blaming permissions",
    async (_n, fault, cause) => {
      const uploaded = world.write(
        "artifact/event.json",
        readFileSync(join(EVENTS, "pull_request.opened.fork.json"), "utf8"),
      );
      world.github.faults.push(fault);
      const env = world.env(
        workflowRunAfter(world.root, {
          headRepo: "forker/Hello-World",
          headBranch: "changes",
          headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        }),
        {
          mode: "report",
          results: world.write("artifact/results.json", unchanged()),
          "event-path": uploaded,
          ...LIMITS,
        },
      );
      const run = await timed(env);
      expectDegraded(run, cause);
      expect(run.out.warnings.join("\n")).not.toMatch(/pull-requests: read/);
      expect(world.github.comments).toHaveLength(0);
    },
  );

  it("500 three times, then success: the comment lands", async () => {
    world.github.faults.push({ method: "POST", path: /comments$/, status: 500, times: 3 });
    const run = await timed(pr({ "publish-timeout": "20" }));
    expect(run.out.code, run.out.log).toBe(0);
    expect(world.github.comments).toHaveLength(1);
    expect(run.out.outputs["comment-url"]).toMatch(/#issuecomment-/);
    const posts = world.github.requests.filter((r) => r.method === "POST").map((r) => r.status);
    expect(posts).toEqual([500, 500, 500, 201]);
  });

  it("429 with Retry-After: 1 waits one second, then the comment lands", async () => {
    world.github.faults.push({
      method: "POST",
      path: /comments$/,
      status: 429,
      times: 1,
      headers: { "retry-after": "1" },
    });
    const run = await timed(pr());
    expect(run.out.code, run.out.log).toBe(0);
    expect(world.github.comments).toHaveLength(1);
    expect(run.out.log).toMatch(/answered 429; retrying in 1 s/);
  });
});

describe("the branch store (run files on perfgate-data) under faults (bundled Action, Node 24)", () => {
  let world: World;
  let repo: Awaited<ReturnType<typeof makeRepo>>;
  const DIR = ".perfgate/master/unit";
  const git = (args: string[], cwd = repo.bare) =>
    execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
  /** The data branch's commit: unchanged means the stored history is intact. */
  const dataTip = () => git(["rev-parse", "refs/heads/perfgate-data"]);

  beforeEach(async () => {
    repo = await makeRepo();
    execFileSync("git", ["push", "-q", "origin", "main:master"], { cwd: repo.work });
    world = await makeWorld({ bare: repo.bare, workspace: repo.work });
    // Three pushes record three run files on perfgate-data, through the Action itself.
    for (const [i, run] of baselineRuns(5).slice(0, 3).entries()) {
      const env = world.env(pushToMaster(run.commit ?? "", String(100 + i)), {
        baseline: "branch",
        results: world.write(`seed-${i}.json`, run),
      });
      expect((await runInProcess(env)).code).toBe(0);
    }
  });
  afterEach(async () => {
    await world.close();
    rmSync(repo.root, { recursive: true, force: true });
  });

  /** Rewrites the newest run file on perfgate-data from another clone, as a person might. */
  function plantNewest(edit: (text: string) => string) {
    const scratch = join(repo.root, "scratch");
    execFileSync("git", ["clone", "-q", "-b", "perfgate-data", repo.bare, scratch]);
    const files = git(["ls-files", DIR], scratch).split("\n").sort();
    const newest = join(scratch, files.at(-1) as string);
    writeFileSync(newest, edit(readFileSync(newest, "utf8")));
    const who = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"];
    git([...who, "commit", "-qam", "edit by hand"], scratch);
    git(["push", "-q", "origin", "perfgate-data"], scratch);
  }

  const push = (inputs: Record<string, string> = {}) =>
    world.env(pushToMaster("f".repeat(40), "300"), {
      results: world.write("push.json", unchanged()),
      baseline: "branch",
      ...LIMITS,
      ...inputs,
    });

  async function pushThatMustNotSave(cause: RegExp) {
    const before = dataTip();
    const run = await timed(push());
    expectDegraded(run, cause);
    expect(run.out.warnings.join("\n")).toMatch(/baseline was not saved/);
    expect(run.out.summary).toMatch(/baseline was not saved/);
    expect(dataTip()).toBe(before);
    return run;
  }

  it("a run file of a future schema is left for a newer perfgate; nothing is saved", async () => {
    plantNewest((t) =>
      t.replace(/"schema":\s*"perfgate\/history\/v\d+"/, '"schema":"perfgate/history/v9"'),
    );
    await pushThatMustNotSave(/unknown schema "perfgate\/history\/v9".*update perfgate/);
  });

  it("a run file that is not JSON is named, with how to fix it; nothing is saved", async () => {
    plantNewest((t) => t.slice(0, Math.floor(t.length / 2)));
    await pushThatMustNotSave(/perfgate-data:\.perfgate\/master\/unit\/.*\.json.*delete/);
  });

  it("a remote that cannot be reached, nor the API, is unreadable, not 'no baseline'; nothing is saved", async () => {
    git(["remote", "set-url", "origin", join(repo.root, "gone.git")], repo.work);
    // Without a usable remote the store asks the git-data API: it fails too.
    world.github.faults.push({ path: /\/git\//, status: 401, message: "Bad credentials" });
    const run = await pushThatMustNotSave(
      /could not be read from perfgate-data.*git fetch.*then reading perfgate-data through the REST API/,
    );
    expect(run.out.log).not.toMatch(/No baseline yet/);
  });

  it("a remote that never answers is given up on at network-timeout; nothing is saved", async () => {
    const silent = createServer(() => {}); // accepts, never says a word
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as { port: number }).port;
    try {
      git(["remote", "set-url", "origin", `http://127.0.0.1:${port}/o/r.git`], repo.work);
      await pushThatMustNotSave(/could not be read from perfgate-data.*git fetch/);
    } finally {
      silent.close();
    }
  });

  it("a push the remote refuses: a warning naming the push, the data branch as it was", async () => {
    const hook = join(repo.bare, "hooks", "pre-receive");
    writeFileSync(hook, "#!/bin/sh\necho 'protected branch' >&2\nexit 1\n", { mode: 0o755 });
    const before = dataTip();
    const run = await timed(push());
    expectDegraded(run, /baseline was not saved: git push to perfgate-data/);
    expect(run.out.log).toContain("Baseline: 3 run(s)");
    expect(dataTip()).toBe(before);
  });
});
