/**
 * The data branch store without a checkout that can push: the REST git-data API over a real
 * bare repository (test/helpers/githubServer.ts makes blobs, trees, commits and refs with
 * git's own plumbing), with the same one-run commits git makes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serializeHistory, withRun } from "../../src/baseline/history.js";
import { RunFilesStore, runFileName } from "../../src/baseline/runFilesStore.js";
import type { LoadResult } from "../../src/baseline/store.js";
import { HISTORY_SCHEMA, type Results } from "../../src/model/types.js";
import { createClient } from "../../src/util/octokit.js";
import { type GitHubServer, makeRepo, startGitHubServer } from "../helpers/githubServer.js";
import { baselineRuns } from "./builders.js";

const DIR = ".perfgate/main/unit";
let repo: Awaited<ReturnType<typeof makeRepo>>;
let api: GitHubServer;
/** A workspace that is no git checkout at all (a job that only reads results files). */
let bareFolder: string;

beforeEach(async () => {
  repo = await makeRepo();
  api = await startGitHubServer({ bare: repo.bare });
  bareFolder = mkdtempSync(join(tmpdir(), "perfgate-nogit-"));
});
afterEach(async () => {
  await api.close();
  rmSync(repo.root, { recursive: true, force: true });
  rmSync(bareFolder, { recursive: true, force: true });
});

const client = (token = "ghs_default_token") =>
  createClient({ token, baseUrl: api.url, retries: 0, retryBaseMs: 1 });

function store(over: Partial<ConstructorParameters<typeof RunFilesStore>[0]> = {}) {
  return new RunFilesStore({
    workspace: bareFolder,
    api: { client: client(), owner: "o", repo: "r" },
    branch: "perfgate-data",
    dir: DIR,
    suite: "unit",
    commitMessage: "perfgate: record unit baseline [skip ci]",
    retryDelayMs: 5,
    gitTimeoutMs: 10_000,
    ...over,
  });
}

const commits = (r: LoadResult) =>
  r.kind === "found" ? r.history.runs.map((x) => x.commit) : r.kind;

const bare = (...args: string[]) =>
  execFileSync("git", args, { cwd: repo.bare, encoding: "utf8" }).trim();

const filesOnBranch = () =>
  bare("ls-tree", "--name-only", `perfgate-data:${DIR}`).split("\n").filter(Boolean);

/** Another push's save of `run`, made with plumbing in the bare repository at once. */
function pushRunFile(run: Results): void {
  const git = (args: string[], input?: string, env: Record<string, string> = {}) =>
    execFileSync("git", args, {
      cwd: repo.bare,
      encoding: "utf8",
      env: { ...process.env, ...env, ...IDENTITY },
      ...(input !== undefined ? { input } : {}),
    }).trim();
  const tip = git(["rev-parse", "perfgate-data"]);
  const text = serializeHistory({ schema: HISTORY_SCHEMA, suite: "unit", runs: [run] });
  const blob = git(["hash-object", "-w", "--stdin"], text);
  const env = { GIT_INDEX_FILE: join(bareFolder, "other-index") };
  git(["read-tree", tip], undefined, env);
  git(
    ["update-index", "--add", "--cacheinfo", `100644,${blob},${DIR}/${runFileName(run)}`],
    undefined,
    env,
  );
  const tree = git(["write-tree"], undefined, env);
  const commit = git(["commit-tree", tree, "-p", tip, "-m", "another push"]);
  git(["update-ref", "refs/heads/perfgate-data", commit, tip]);
}

const IDENTITY = {
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.invalid",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.invalid",
};

const gitDataCalls = () => api.requests.filter((r) => r.path.startsWith("/repos/o/r/git/"));

describe("the data branch store through the REST git-data API (a real bare repository behind it)", () => {
  it("with no checkout, each save is one commit adding one run file and removing those out of the window", async () => {
    const runs = baselineRuns(4);
    for (const run of runs) {
      const saved = await store().save((s) => withRun(s, run, 3));
      expect(saved).toMatchObject({ saved: true, where: expect.stringContaining("REST API") });
    }
    expect(filesOnBranch()).toEqual(runs.slice(1).map(runFileName));
    // An orphan branch of four commits, none forced: each is its parent plus one run.
    const log = bare("rev-list", "perfgate-data").split("\n");
    expect(log).toHaveLength(4);
    expect(bare("rev-list", "--max-parents=0", "perfgate-data")).toBe(log.at(-1));
    // No common ancestor with main (git merge-base fails).
    expect(() => bare("merge-base", "main", "perfgate-data")).toThrow();
    for (const commit of log.slice(0, -1)) {
      const changed = bare("diff-tree", "--no-commit-id", "--name-status", "-r", commit);
      expect(changed.split("\n").filter((l) => l.startsWith("A"))).toHaveLength(1);
      expect(changed.split("\n").length).toBeLessThanOrEqual(2);
    }
    expect(commits(await store().load())).toEqual(runs.slice(1).map((r) => r.commit));
    // Nothing through the contents API, and ref moves only as fast-forwards.
    expect(api.requests.filter((r) => r.path.includes("/contents/"))).toEqual([]);
    expect(gitDataCalls().filter((r) => r.method === "PATCH" && r.status !== 200)).toEqual([]);
  });

  it("what the API saved, git reads, and the other way round (the same files and blobs)", async () => {
    const [a, b, c] = baselineRuns(3);
    const viaGit = () => store({ workspace: repo.work, api: undefined });
    await store().save((s) => withRun(s, a, 30));
    expect(commits(await viaGit().load())).toEqual([a.commit]);
    await viaGit().save((s) => withRun(s, b, 30));
    await store().save((s) => withRun(s, c, 30));
    expect(commits(await viaGit().load())).toEqual([a.commit, b.commit, c.commit]);
  });

  it("a checkout that can fetch but not push (persist-credentials: false) saves through the API", async () => {
    const [a, b] = baselineRuns(2);
    execFileSync("git", ["remote", "set-url", "--push", "origin", join(repo.root, "no-push.git")], {
      cwd: repo.work,
    });
    const mine = store({ workspace: repo.work });
    expect(await mine.save((s) => withRun(s, a, 30))).toMatchObject({
      saved: true,
      where: expect.stringContaining("REST API"),
    });
    expect((await store({ workspace: repo.work }).save((s) => withRun(s, b, 30))).saved).toBe(true);
    expect(commits(await store({ workspace: repo.work }).load())).toEqual([a.commit, b.commit]);
  });

  it("a push the remote refuses (a protected branch) is reported, not sent through the API instead", async () => {
    const [a, b] = baselineRuns(2);
    await store({ workspace: repo.work }).save((s) => withRun(s, a, 30));
    const tip = bare("rev-parse", "perfgate-data");
    const hook = join(repo.bare, "hooks", "pre-receive");
    writeFileSync(hook, "#!/bin/sh\necho 'protected branch' >&2\nexit 1\n", { mode: 0o755 });
    const saved = await store({ workspace: repo.work }).save((s) => withRun(s, b, 30));
    expect(saved).toMatchObject({ saved: false, reason: expect.stringMatching(/^git push to/) });
    expect(gitDataCalls().filter((r) => r.method !== "GET")).toEqual([]);
    expect(bare("rev-parse", "perfgate-data")).toBe(tip);
  });

  it("when another save moved the branch meanwhile, GitHub answers 422 and the save rebuilds on it: both runs kept", async () => {
    const [a, b, c] = baselineRuns(3);
    await store().save((s) => withRun(s, a, 30));
    let raced = false;
    const saved = await store().save((s) => {
      // Between this save's read and its ref update, another push saves run b.
      if (!raced) {
        raced = true;
        pushRunFile(b);
      }
      return withRun(s, c, 30);
    });
    expect(saved.saved).toBe(true);
    expect(gitDataCalls().some((r) => r.method === "PATCH" && r.status === 422)).toBe(true);
    expect(commits(await store().load())).toEqual([a.commit, b.commit, c.commit]);
  });

  it("reads a run file over 1 MB through the blob API (the contents API would send no content)", async () => {
    const [big] = baselineRuns(1, { n: 10_000 });
    await store().save((s) => withRun(s, big, 30));
    const size = Number(bare("cat-file", "-s", `perfgate-data:${DIR}/${runFileName(big)}`));
    expect(size).toBeGreaterThan(1024 * 1024);
    const loaded = await store().load();
    expect(loaded.kind === "found" && loaded.history.runs[0]?.benchmarks).toHaveLength(10_000);
    expect(gitDataCalls().some((r) => r.method === "GET" && r.path.includes("/git/blobs/"))).toBe(
      true,
    );
    expect(api.requests.filter((r) => r.path.includes("/contents/"))).toEqual([]);
  });

  it("a token that may not write: not saved, the reason names contents: write, the branch as it was", async () => {
    const [a, b] = baselineRuns(2);
    await store().save((s) => withRun(s, a, 30));
    const tip = bare("rev-parse", "perfgate-data");
    api.users.set("ghs_read_only", {
      login: "github-actions[bot]",
      type: "Bot",
      canWrite: false,
      canGetUser: false,
    });
    const readOnly = store({ api: { client: client("ghs_read_only"), owner: "o", repo: "r" } });
    expect(commits(await readOnly.load())).toEqual([a.commit]);
    const saved = await readOnly.save((s) => withRun(s, b, 30));
    expect(saved).toMatchObject({
      saved: false,
      reason: expect.stringMatching(/REST API: .*contents: write/),
    });
    expect(bare("rev-parse", "perfgate-data")).toBe(tip);
  });

  it("no checkout and no token: unreadable, naming git's failure (never 'none')", async () => {
    const loaded = await store({ api: undefined }).load();
    expect(loaded).toMatchObject({ kind: "unreadable", cause: { what: "unreachable" } });
  });
});
