/**
 * What goes wrong around the Action, in-process against the local servers: the cache
 * service failing, the GitHub API refusing or stalling, hostile names, someone else's
 * comment carrying our marker, and reports too big for GitHub's limits.
 */
import { describe, expect, it } from "vitest";
import type { Deps } from "../../src/action/run.js";
import type { Results } from "../../src/model/types.js";
import { createClient, DEFAULT_API_RETRIES } from "../../src/util/octokit.js";
import { baselineRuns, results } from "../baseline/builders.js";
import { BOT } from "../helpers/githubServer.js";
import { renderGfm, tagsOf } from "../report/gfm.js";
import { type EventSpec, PR, runInProcess, seedCache, useWorld, type World } from "./harness.js";

let world: World;
useWorld({
  ready: (made) => {
    world = made;
  },
});

const FORK_PR: EventSpec = { name: "pull_request", file: "pull_request.opened.fork.json" };
const MARKER = "<!-- perfgate:report suite=unit -->";
/** Back-off in milliseconds instead of seconds, so retries fit in a test. */
const fast: Partial<Deps> = { client: (o) => createClient({ ...o, retryBaseMs: 5 }) };

async function seed(opts: Parameters<typeof baselineRuns>[1] = {}): Promise<void> {
  for (const [i, run] of baselineRuns(5, opts).entries()) {
    const env = world.env(
      {
        name: "push",
        file: "push.master.json",
        ref: "refs/heads/master",
        sha: run.commit ?? "",
        runId: String(100 + i),
      },
      { results: world.write(`seed-${i}.json`, run) },
    );
    expect((await runInProcess(env)).code).toBe(0);
  }
}

function slower(factor: number, opts: Parameters<typeof results>[0] = {}): Results {
  const r = results({ commit: "ec26c3e57ca3a959ca5aad62de7213c562f8c821", ...opts });
  const time = r.benchmarks[0]?.metrics.time;
  if (time) time.samples = time.samples.map((s) => s * factor);
  return r;
}

const prRun = (r: Results, inputs: Record<string, string> = {}, event = PR) =>
  runInProcess(world.env(event, { results: world.write("current.json", r), ...inputs }), fast);

describe("cache service faults: a warning naming the cause (never 'no baseline yet'), the run passes", () => {
  it.each([
    [400, /could not be read .*\(400\)/],
    [403, /could not be read .*refused this token .*\(403\)/],
    [404, /could not be read .*\(404\)/],
  ])("restore answering %i", async (status, cause) => {
    await seed();
    world.cache.faults.push({ call: "GetCacheEntryDownloadURL", status });
    const out = await prRun(slower(3));
    expect(out.code).toBe(0);
    expect(out.outputs.status).toBe("pass");
    expect(out.warnings.join("\n")).toMatch(cause);
    expect(out.warnings.join("\n")).not.toMatch(/No baseline yet/);
  });

  it("restore answering 500 for ever ends at network-timeout, naming the service error", async () => {
    await seed();
    world.cache.faults.push({ call: "GetCacheEntryDownloadURL", status: 500 });
    const started = Date.now();
    const out = await prRun(slower(3), { "network-timeout": "4" });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(out.code).toBe(0);
    expect(out.warnings.join("\n")).toMatch(
      /did not finish within 4 s; the last answer: the cache service failed \(.*500/,
    );
    expect(world.cache.calls.filter((c) => c.status === 500).length).toBeGreaterThan(1);
  });

  it("a save refused with 403 on a push is a warning; the push passes", async () => {
    world.cache.faults.push({ call: "CreateCacheEntry", status: 403 });
    const env = world.env(
      { name: "push", file: "push.master.json", ref: "refs/heads/master", sha: "a".repeat(40) },
      { results: world.write("r.json", results()) },
    );
    const out = await runInProcess(env);
    expect(out.code).toBe(0);
    expect(out.warnings.join("\n")).toMatch(/baseline was not saved/);
  });

  it("no cache service at all (no ACTIONS_RESULTS_URL) is 'no baseline'", async () => {
    const env = world.env(PR, { results: world.write("r.json", results()) });
    delete env.ACTIONS_RESULTS_URL;
    const out = await runInProcess(env);
    expect(out.code).toBe(0);
    expect(out.warnings.join("\n")).toMatch(/not available/);
  });
});

describe("GitHub API faults: the comment is best effort, the gate still decides", () => {
  it("a read-only token (fork PR) gets 403: a warning and a summary pointing to the two-workflow recipe", async () => {
    await seed();
    world.github.users.set("ghs_default_token", { ...BOT, canWrite: false });
    const out = await prRun(slower(3), {}, FORK_PR);
    expect(out.code).toBe(1); // the Critical still fails the job
    expect(out.warnings.join("\n")).toMatch(/403, a pull request from a fork.*two-workflow recipe/);
    expect(out.summary).toContain("two-workflow recipe");
    expect(out.outputs["comment-url"]).toBe("");
  });

  it.each([404, 422])(
    "listing comments answering %i: a warning naming the status",
    async (status) => {
      await seed();
      world.github.faults.push({ method: "GET", path: /comments$/, status });
      const out = await prRun(slower(3));
      expect(out.code).toBe(1);
      expect(out.warnings.join("\n")).toContain(`GitHub answered ${status}`);
      expect(world.github.comments).toHaveLength(0);
    },
  );

  it("500 twice then OK: retried, and the comment lands", async () => {
    await seed();
    world.github.faults.push({ method: "POST", path: /comments$/, status: 500, times: 2 });
    const out = await prRun(slower(3));
    expect(world.github.comments).toHaveLength(1);
    expect(out.outputs["comment-url"]).toMatch(/issuecomment/);
  });

  it("500 for ever: bounded retries, then a warning", async () => {
    await seed();
    world.github.faults.push({ method: "POST", path: /comments$/, status: 500 });
    const out = await prRun(slower(3));
    expect(out.warnings.join("\n")).toContain("GitHub's API failed (500");
    // One try and DEFAULT_API_RETRIES retries.
    expect(
      world.github.requests.filter((r) => r.method === "POST" && r.status === 500),
    ).toHaveLength(1 + DEFAULT_API_RETRIES);
  });

  it("429 with retry-after: waits, retries, comments", async () => {
    await seed();
    world.github.faults.push({
      method: "POST",
      path: /comments$/,
      status: 429,
      times: 1,
      headers: { "retry-after": "1", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "0" },
      message: "API rate limit exceeded",
    });
    await prRun(slower(3));
    expect(world.github.comments).toHaveLength(1);
    const posts = world.github.requests.filter((r) => r.method === "POST").map((r) => r.status);
    expect(posts).toEqual([429, 201]);
  });

  it("slow answers (2 s per page) still end in one comment", async () => {
    await seed();
    world.github.faults.push({
      method: "GET",
      path: /comments$/,
      status: 200,
      delayMs: 2000,
      times: 1,
    });
    const out = await prRun(slower(3));
    // The run's own words say why, should a slow answer ever cost the comment.
    expect(world.github.comments, [...out.warnings, out.log].join("\n")).toHaveLength(1);
  });
});

describe("the sticky comment", () => {
  it("a marker copied into another user's comment leaves that comment untouched", async () => {
    await seed();
    const planted = world.github.addComment(2, "mallory", `${MARKER}\nI copied your marker`);
    const out = await prRun(slower(3));
    expect(planted.body).toBe(`${MARKER}\nI copied your marker`);
    expect(world.github.comments).toHaveLength(2);
    expect(world.github.comments[1]?.user.login).toBe("github-actions[bot]");
    expect(out.outputs["comment-url"]).toContain(String(world.github.comments[1]?.id));
  });

  it("finds its own comment on the third page of 250 and updates it in place", async () => {
    await seed();
    for (let i = 0; i < 230; i++) world.github.addComment(2, "someone", `comment ${i}`);
    const ours = world.github.addComment(2, "github-actions[bot]", `${MARKER}\nold report`, "Bot");
    for (let i = 0; i < 19; i++) world.github.addComment(2, "someone", `late ${i}`);
    await prRun(slower(3));
    expect(world.github.comments).toHaveLength(250);
    expect(ours.body).not.toContain("old report");
    expect(ours.body.startsWith(MARKER)).toBe(true);
    expect(
      world.github.requests.filter((r) => r.method === "GET" && r.path.endsWith("/comments")),
    ).toHaveLength(3);
  });

  it("a personal token finds the comment it wrote itself (GET /user names it)", async () => {
    await seed();
    world.github.users.set("ghs_default_token", {
      login: "perf-bot",
      type: "User",
      canWrite: true,
      canGetUser: true,
    });
    const mine = world.github.addComment(2, "perf-bot", `${MARKER}\nold`);
    await prRun(slower(3));
    expect(world.github.comments).toHaveLength(1);
    expect(mine.body).not.toContain("old");
  });

  it("a GitHub App token (no GET /user) updates its own bot comment, not another bot's", async () => {
    await seed();
    world.github.users.set("ghs_default_token", {
      login: "perfgate-app[bot]",
      type: "Bot",
      canWrite: true,
      canGetUser: false,
    });
    const planted = world.github.addComment(2, "mallory", `${MARKER}\nI copied your marker`);
    await prRun(slower(3));
    await prRun(slower(3));
    const ours = world.github.comments.filter((c) => c.user.login === "perfgate-app[bot]");
    expect(ours).toHaveLength(1);
    expect(planted.body).toBe(`${MARKER}\nI copied your marker`);
  });

  it("each suite keeps its own comment (matrix jobs)", async () => {
    await seed();
    await prRun(slower(3), { suite: "unit", comment: "always" });
    await prRun(slower(3), { suite: "other", comment: "always" });
    expect(world.github.comments.map((c) => c.body.split("\n")[0])).toEqual([
      MARKER,
      "<!-- perfgate:report suite=other -->",
    ]);
  });
});

describe("hostile and huge inputs", () => {
  it("benchmark names with HTML, Markdown and mentions are escaped in the comment and the summary", async () => {
    const hostile = [
      "<script>alert(1)</script>",
      "</details><img src=x onerror=alert(1)>",
      "a | b `c` @everyone",
      "<!-- perfgate:report suite=unit -->",
    ];
    const name = (i: number) => hostile[i] ?? `b${i}`;
    await seed({ n: 4, name });
    const out = await prRun(slower(3, { n: 4, name }));
    const body = world.github.comments[0]?.body ?? "";
    for (const text of [body, out.summary]) {
      // What GitHub draws is what matters: a name quoted in a code span is inert text there,
      // so the check is on the rendered HTML's elements, not on the Markdown's characters.
      const tags = tagsOf(renderGfm(text));
      expect(tags).not.toContain("script");
      expect(tags).not.toContain("img");
      expect(tags.filter((t) => t === "details").length % 2).toBe(0);
      expect(text).not.toMatch(/(^|[^`])@everyone/);
    }
    // The marker appears once, first: the copied one in a name is defused.
    expect(body.split("<!-- perfgate:report").length).toBe(2);
    expect(out.errors.join("\n")).toContain("<script>alert(1)</script>"); // annotations are plain text
  });

  it("10,000 benchmarks: the comment stays under 65,536 characters and the summary under 1 MiB", async () => {
    await seedCache(world, baselineRuns(5, { n: 10_000 }));
    const big = slower(3, { n: 10_000 });
    for (const b of big.benchmarks.slice(1, 400)) {
      const t = b.metrics.time;
      if (t) t.samples = t.samples.map((s) => s * 2);
    }
    const out = await prRun(big, { "history-size": "30" });
    const body = world.github.comments[0]?.body ?? "";
    expect(body.length).toBeGreaterThan(1000);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(Buffer.byteLength(out.summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(out.errors.length + out.warnings.length).toBeLessThan(60); // annotations capped
    expect(out.notices.join("\n")).toMatch(/more regressions are listed in the job summary/);
  }, 120_000);
});
