import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BranchStore } from "../../src/baseline/branchStore.js";
import { serializeHistory, withRun } from "../../src/baseline/history.js";
import { createClient } from "../../src/util/octokit.js";
import { BOT, type GitHubServer, makeRepo, startGitHubServer } from "../helpers/githubServer.js";
import { baselineRuns, history } from "./builders.js";

const PATH = ".perfgate/history.json";
let repo: Awaited<ReturnType<typeof makeRepo>>;
let api: GitHubServer;

beforeEach(async () => {
  repo = await makeRepo();
  api = await startGitHubServer({ bare: repo.bare });
});
afterEach(async () => {
  await api.close();
  rmSync(repo.root, { recursive: true, force: true });
});

const client = (token = "ghs_default_token") =>
  createClient({ token, baseUrl: api.url, retries: 0, retryBaseMs: 1 });

function store(over: Partial<ConstructorParameters<typeof BranchStore>[0]> = {}) {
  return new BranchStore({
    owner: "o",
    repo: "r",
    branch: "main",
    path: PATH,
    client: client(),
    commitMessage: "perfgate: record baseline [skip ci]",
    retryDelayMs: 5,
    ...over,
  });
}

const commits = (r: Awaited<ReturnType<BranchStore["load"]>>) =>
  r.kind === "found" ? r.history.runs.map((x) => x.commit) : r.kind;

describe("the branch store (a real bare git remote, a clone, and the contents API over it)", () => {
  it("has no baseline before the first save, creates the file, then updates it with its sha", async () => {
    const [a, b] = baselineRuns(2);
    expect((await store().load()).kind).toBe("none");
    expect(await store().save((s) => withRun(s, a, 30))).toEqual({
      saved: true,
      where: `main:${PATH}`,
    });
    expect((await store().save((s) => withRun(s, b, 30))).saved).toBe(true);
    expect(commits(await store().load())).toEqual([a.commit, b.commit]);
    // Two real commits on main, no force push: the first commit is still an ancestor.
    const log = execFileSync("git", ["log", "--format=%s", "main"], {
      cwd: repo.bare,
      encoding: "utf8",
    });
    expect(log.trim().split("\n")).toEqual([
      "perfgate: record baseline [skip ci]",
      "perfgate: record baseline [skip ci]",
      "start",
    ]);
  });

  it("reads with git from a checkout, without asking the API", async () => {
    const [a] = baselineRuns(1);
    await store().save((s) => withRun(s, a, 30));
    const before = api.requests.length;
    const loaded = await store({ workspace: repo.work }).load();
    expect(commits(loaded)).toEqual([a.commit]);
    expect(api.requests.length).toBe(before);
  });

  it("without a checkout (or when git cannot fetch) reads through the contents API", async () => {
    const [a] = baselineRuns(1);
    await store().save((s) => withRun(s, a, 30));
    const notGit = mkdtempSync(join(tmpdir(), "perfgate-nogit-"));
    try {
      expect(commits(await store({ workspace: notGit }).load())).toEqual([a.commit]);
      expect(
        api.requests.some(
          (r) =>
            r.method === "GET" &&
            decodeURIComponent(r.path).endsWith("/contents/.perfgate/history.json"),
        ),
      ).toBe(true);
    } finally {
      rmSync(notGit, { recursive: true, force: true });
    }
  });

  it("reads a history above 1 MB through the raw media type", async () => {
    const runs = baselineRuns(30, { n: 200 });
    await store().save(() => history(runs));
    const loaded = await store().load();
    expect(commits(loaded)).toHaveLength(30);
  });

  it("two pushes saving at once both land: the loser of the sha race re-reads, merges, retries", async () => {
    const [a, b, c] = baselineRuns(3);
    await store().save((s) => withRun(s, a, 30));
    const results = await Promise.all([
      store().save((s) => withRun(s, b, 30)),
      store().save((s) => withRun(s, c, 30)),
    ]);
    expect(results.every((r) => r.saved)).toBe(true);
    expect(commits(await store().load())).toEqual([a.commit, b.commit, c.commit]);
    expect(api.requests.some((r) => r.method === "PUT" && r.status === 409)).toBe(true);
  });

  it("a corrupt history is reported, and a save leaves it exactly as it was", async () => {
    const [a] = baselineRuns(1);
    // A negative time: the file is written, and no reader accepts it.
    const broken = structuredClone(a);
    const metric = broken.benchmarks[0]?.metrics.time;
    if (metric) metric.samples = [-1];
    await store().save(() => history([broken]));
    const loaded = await store().load();
    expect(loaded).toMatchObject({
      kind: "unreadable",
      source: `main:${PATH}`,
      cause: { what: "corrupt" },
    });
    const before = execFileSync("git", ["show", `main:${PATH}`], {
      cwd: repo.bare,
      encoding: "utf8",
    });
    const saved = await store().save((s) => withRun(s, a, 30));
    expect(saved).toMatchObject({ saved: false, reason: expect.stringContaining("left as it is") });
    expect(
      execFileSync("git", ["show", `main:${PATH}`], { cwd: repo.bare, encoding: "utf8" }),
    ).toBe(before);
  });

  it("a read-only token cannot save: the reason names the permission to add", async () => {
    api.users.set("ghs_read_only", { ...BOT, canWrite: false });
    const [a] = baselineRuns(1);
    const saved = await store({ client: client("ghs_read_only") }).save((s) => withRun(s, a, 30));
    expect(saved).toMatchObject({
      saved: false,
      reason: expect.stringContaining("contents: write"),
    });
  });

  it("gives up after a bounded number of attempts when the file keeps moving", async () => {
    api.faults.push({ method: "PUT", path: /contents/, status: 409, message: "sha mismatch" });
    const [a] = baselineRuns(1);
    const saved = await store({ maxAttempts: 3 }).save((s) => withRun(s, a, 30));
    expect(saved).toMatchObject({
      saved: false,
      reason: expect.stringContaining("after 3 attempts"),
    });
    expect(api.requests.filter((r) => r.method === "PUT")).toHaveLength(3);
  });

  it("serializes histories as one JSON line", () => {
    expect(serializeHistory(history([])).endsWith("}\n")).toBe(true);
  });
});
