/**
 * The dashboard's branch publisher against a real bare repository: a folder is replaced
 * whole, the branch's root only gains or replaces the site's files, and the project's own
 * pages on the branch survive either way.
 */
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { publishSiteToBranch } from "../../src/baseline/siteBranch.js";
import { makeRepo } from "../helpers/githubServer.js";

let repo: Awaited<ReturnType<typeof makeRepo>>;
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@x",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@x",
};

beforeEach(async () => {
  repo = await makeRepo();
  // A gh-pages branch that already serves the project's own page.
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo.work, env });
  git("checkout", "-q", "--orphan", "gh-pages");
  git("rm", "-rq", "--cached", ".");
  writeFileSync(join(repo.work, "guide.html"), "<p>the project's guide</p>");
  git("add", "guide.html");
  git("commit", "-qm", "pages");
  git("push", "-q", "origin", "gh-pages");
  git("checkout", "-qf", "main");
});
afterEach(() => rmSync(repo.root, { recursive: true, force: true }));

const onBranch = () =>
  execFileSync("git", ["ls-tree", "-r", "--name-only", "gh-pages"], {
    cwd: repo.bare,
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .sort();

const publish = (path: string, files: Record<string, string>) =>
  publishSiteToBranch({
    workspace: repo.work,
    branch: "gh-pages",
    path,
    files: new Map(Object.entries(files)),
    commitMessage: "perfgate: dashboard",
    retryDelayMs: 5,
  });

it("replaces its folder whole and leaves the rest of the branch alone", async () => {
  expect(await publish("perfgate", { "index.html": "1", "data-1.js": "1" })).toMatchObject({
    published: true,
  });
  expect(await publish("perfgate", { "index.html": "2" })).toMatchObject({ published: true });
  expect(onBranch()).toEqual(["guide.html", "perfgate/index.html"]);
});

it("at the branch's root, adds and replaces the site's files and removes nothing", async () => {
  expect(await publish(".", { "index.html": "1", "data-1.js": "1" })).toMatchObject({
    published: true,
  });
  expect(await publish(".", { "index.html": "2" })).toMatchObject({ published: true });
  // The stale data file stays (nothing links to it); the project's guide must.
  expect(onBranch()).toEqual(["data-1.js", "guide.html", "index.html"]);
  const index = execFileSync("git", ["show", "gh-pages:index.html"], {
    cwd: repo.bare,
    encoding: "utf8",
  });
  expect(index).toBe("2");
});
