import { execFile, execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BranchStore } from "../../src/baseline/branchStore.js";
import { serializeHistory, withRun } from "../../src/baseline/history.js";
import { RunFilesStore, runFileName } from "../../src/baseline/runFilesStore.js";
import type { LoadResult } from "../../src/baseline/store.js";
import { makeRepo } from "../helpers/githubServer.js";
import { baselineRuns, history } from "./builders.js";

const exec = promisify(execFile);
const DIR = ".perfgate/unit";
const LEGACY = ".perfgate/history.json";
let repo: Awaited<ReturnType<typeof makeRepo>>;

beforeEach(async () => {
  repo = await makeRepo();
});
afterEach(() => {
  rmSync(repo.root, { recursive: true, force: true });
});

function store(over: Partial<ConstructorParameters<typeof RunFilesStore>[0]> = {}) {
  return new RunFilesStore({
    workspace: repo.work,
    branch: "perfgate-data",
    dir: DIR,
    suite: "unit",
    commitMessage: "perfgate: record unit baseline [skip ci]",
    retryDelayMs: 5,
    ...over,
  });
}

const legacy = () =>
  new BranchStore({
    owner: "o",
    repo: "r",
    branch: "main",
    path: LEGACY,
    workspace: repo.work,
    commitMessage: "unused",
  });

const commits = (r: LoadResult) =>
  r.kind === "found" ? r.history.runs.map((x) => x.commit) : r.kind;

const bare = (...args: string[]) =>
  execFileSync("git", args, { cwd: repo.bare, encoding: "utf8" }).trim();

/** Commits everything in `cwd` as a person would and pushes it to `branch`. */
function commitAndPush(cwd: string, message: string, branch: string): void {
  const identity = { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@x" };
  const env = { ...process.env, ...identity, GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@x" };
  execFileSync("git", ["add", "-A"], { cwd });
  execFileSync("git", ["commit", "-qm", message], { cwd, env });
  execFileSync("git", ["push", "-q", "origin", branch], { cwd });
}

const filesOnBranch = () =>
  bare("ls-tree", "--name-only", `perfgate-data:${DIR}`).split("\n").filter(Boolean);

describe("the data branch store (one file per run on perfgate-data, a real bare remote)", () => {
  it("creates perfgate-data as an orphan branch on the first save and leaves main alone", async () => {
    const [a] = baselineRuns(1);
    const mainBefore = bare("rev-parse", "main");
    expect((await store().load()).kind).toBe("none");
    const saved = await store().save((s) => withRun(s, a, 30));
    expect(saved).toMatchObject({ saved: true });
    expect(bare("rev-parse", "main")).toBe(mainBefore);
    expect(bare("rev-list", "--count", "perfgate-data")).toBe("1");
    expect(() => bare("merge-base", "main", "perfgate-data")).toThrow();
    expect(filesOnBranch()).toEqual([runFileName(a)]);
    expect(commits(await store().load())).toEqual([a.commit]);
  });

  it("adds one file per push and prunes to history-size: a push changes two files at most", async () => {
    const runs = baselineRuns(8);
    for (const run of runs) {
      expect((await store().save((s) => withRun(s, run, 5))).saved).toBe(true);
    }
    expect(filesOnBranch()).toEqual(runs.slice(-5).map(runFileName));
    expect(commits(await store().load())).toEqual(runs.slice(-5).map((r) => r.commit));
    const changed = bare("diff-tree", "--no-commit-id", "--name-status", "-r", "perfgate-data");
    expect(
      changed
        .split("\n")
        .map((l) => l[0])
        .sort(),
    ).toEqual(["A", "D"]);
    expect(bare("rev-list", "--count", "perfgate-data")).toBe("8");
  });

  it("keeps one run per commit: measuring a commit again replaces its file", async () => {
    const [a, b] = baselineRuns(2);
    await store().save((s) => withRun(s, a, 30));
    const again = { ...a, timestamp: "2026-12-01T00:00:00.000Z" };
    await store().save((s) => withRun(s, again, 30));
    await store().save((s) => withRun(s, b, 30));
    expect(filesOnBranch()).toEqual([runFileName(b), runFileName(again)].sort());
  });

  it("two pushes saving at once from two checkouts both land (git refuses the second push, it rebuilds)", async () => {
    const [a, b, c] = baselineRuns(3);
    await store().save((s) => withRun(s, a, 30));
    const other = join(repo.root, "other");
    await exec("git", ["clone", "-q", repo.bare, other]);
    const results = await Promise.all([
      store().save((s) => withRun(s, b, 30)),
      store({ workspace: other }).save((s) => withRun(s, c, 30)),
    ]);
    expect(results.map((r) => r.saved)).toEqual([true, true]);
    expect(commits(await store().load())).toEqual([a.commit, b.commit, c.commit]);
  });

  it("a store that loaded, then saves after another push saved, keeps that push's run too", async () => {
    const [a, b, c] = baselineRuns(3);
    await store().save((s) => withRun(s, a, 30));
    const mine = store();
    expect(commits(await mine.load())).toEqual([a.commit]);
    // The files the load parsed are reused by the save; the one saved since must be read.
    const other = join(repo.root, "other");
    await exec("git", ["clone", "-q", repo.bare, other]);
    await store({ workspace: other }).save((s) => withRun(s, b, 30));
    let seen: string[] = [];
    await mine.save((s) => {
      seen = s?.runs.map((r) => r.commit ?? "") ?? [];
      return withRun(s, c, 30);
    });
    expect(seen).toEqual([a.commit, b.commit]);
    expect(commits(await store().load())).toEqual([a.commit, b.commit, c.commit]);
  });

  it("reads a history file committed on main while the branch has none, and carries its runs over", async () => {
    const old = baselineRuns(4);
    const [next] = baselineRuns(5).slice(4);
    // An old single-file history (the v1 format stores wrote before), committed on main.
    const file = join(repo.work, LEGACY);
    execFileSync("mkdir", ["-p", join(repo.work, ".perfgate")]);
    execFileSync("sh", ["-c", 'cat > "$1"', "sh", file], { input: JSON.stringify(history(old)) });
    commitAndPush(repo.work, "baseline", "main");
    const loaded = await store({ legacy: legacy() }).load();
    expect(commits(loaded)).toEqual(old.map((r) => r.commit));
    expect(loaded.source).toBe(`main:${LEGACY}`);
    expect(
      (await store({ legacy: legacy() }).save((s) => withRun(s, next as never, 30))).saved,
    ).toBe(true);
    expect(filesOnBranch()).toHaveLength(5);
    const now = await store({ legacy: legacy() }).load();
    expect(commits(now)).toEqual([...old, next].map((r) => r?.commit));
    expect(now.source).toBe(`perfgate-data:${DIR}/`);
  });

  it("a run file it cannot read is reported, and a save leaves the branch exactly as it was", async () => {
    const [a, b] = baselineRuns(2);
    await store().save((s) => withRun(s, a, 30));
    // Another checkout commits a broken run file beside it.
    const other = join(repo.root, "other");
    await exec("git", ["clone", "-q", "-b", "perfgate-data", repo.bare, other]);
    execFileSync("sh", [
      "-c",
      `echo '{"schema":"perfgate/history/v9"}' > "${other}/${DIR}/zz.json"`,
    ]);
    commitAndPush(other, "broken", "perfgate-data");
    const tip = bare("rev-parse", "perfgate-data");
    const loaded = await store().load();
    expect(loaded).toMatchObject({ kind: "unreadable", cause: { what: "corrupt" } });
    expect(loaded.kind === "unreadable" && loaded.cause.problem).toMatch(
      /unknown schema "perfgate\/history\/v9"/,
    );
    const saved = await store().save((s) => withRun(s, b, 30));
    expect(saved).toMatchObject({ saved: false, reason: expect.stringContaining("left as it is") });
    expect(bare("rev-parse", "perfgate-data")).toBe(tip);
  });

  it("a remote it cannot reach is unreadable (never 'none'), and nothing is saved", async () => {
    execFileSync("git", ["remote", "set-url", "origin", join(repo.root, "gone.git")], {
      cwd: repo.work,
    });
    const loaded = await store().load();
    expect(loaded).toMatchObject({ kind: "unreadable", cause: { what: "unreachable" } });
    const [a] = baselineRuns(1);
    expect((await store().save((s) => withRun(s, a, 30))).saved).toBe(false);
  });

  it("stores each run as a compact one-run history that perfgate compare can read as it is", async () => {
    const [a] = baselineRuns(1);
    await store().save((s) => withRun(s, a, 30));
    const text = bare("show", `perfgate-data:${DIR}/${runFileName(a)}`);
    expect(`${text}\n`).toBe(serializeHistory(history([a])));
  });
});
