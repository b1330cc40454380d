/**
 * `dashboard:` end to end: the Action publishes the site to gh-pages through git (a real bare
 * remote, pushes only from the baseline branch) and as an artifact through the real
 * @actions/artifact talking to a local artifact service.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Results } from "../../src/model/types.js";
import { baselineRuns, results } from "../baseline/builders.js";
import { type ArtifactServer, startArtifactServer } from "../helpers/artifactServer.js";
import { makeRepo } from "../helpers/githubServer.js";
import { requireTool, unzip } from "../helpers/systemTools.js";
import {
  makeWorld,
  PR,
  pushToMaster,
  runBundled,
  runInProcess,
  useBundledWorld,
  type World,
} from "./harness.js";

let dist: string;
let repo: Awaited<ReturnType<typeof makeRepo>>;
let world: World;
let artifacts: ArtifactServer;
useBundledWorld({
  ready: (built, made) => {
    dist = built;
    world = made;
  },
  world: async () => {
    repo = await makeRepo();
    execFileSync("git", ["push", "-q", "origin", "main:master"], { cwd: repo.work });
    execFileSync("git", ["fetch", "-q", "origin"], { cwd: repo.work });
    return makeWorld({ bare: repo.bare, workspace: repo.work });
  },
});
beforeEach(async () => {
  artifacts = await startArtifactServer();
});
afterEach(async () => {
  await artifacts.close();
  rmSync(repo.root, { recursive: true, force: true });
});

const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: repo.bare, encoding: "utf8" }).trim();
const push = (run: Results, runId: string) => pushToMaster(run.commit ?? "", runId);
/** The artifact service answers on ACTIONS_RESULTS_URL (the baseline is on a branch here). */
const env = (event: Parameters<World["env"]>[0], inputs: Record<string, string>) => ({
  ...world.env(event, { baseline: "branch", ...inputs }),
  ACTIONS_RESULTS_URL: artifacts.url,
  ACTIONS_RUNTIME_TOKEN: artifacts.token,
});

describe("dashboard: branch", () => {
  it("commits the site under dashboard-path on pushes to the baseline branch only, keeping the rest of gh-pages", async () => {
    // gh-pages already serves something: it must survive.
    const blob = execFileSync("git", ["hash-object", "-w", "--stdin"], {
      cwd: repo.bare,
      input: "<p>docs</p>",
      encoding: "utf8",
    }).trim();
    const tree = execFileSync("git", ["mktree"], {
      cwd: repo.bare,
      input: `100644 blob ${blob}\thome.html\n`,
      encoding: "utf8",
    }).trim();
    const docs = execFileSync(
      "git",
      ["-c", "user.name=t", "-c", "user.email=t@x", "commit-tree", tree, "-m", "docs site"],
      { cwd: repo.bare, encoding: "utf8" },
    ).trim();
    git("update-ref", "refs/heads/gh-pages", docs);

    const runs = baselineRuns(4);
    for (const [i, run] of runs.entries()) {
      const e = env(push(run, String(20 + i)), {
        dashboard: "branch",
        results: world.write(`s${i}.json`, run),
      });
      // The last push runs the bundled Action: the site's scripts must be inside dist/.
      const out =
        i === runs.length - 1 ? await runBundled(process.execPath, dist, e) : await runInProcess(e);
      expect(out.code, out.failed.join()).toBe(0);
      expect(out.outputs["dashboard-url"]).toBe(
        "https://Codertocat.github.io/Hello-World/perfgate/",
      );
      expect(out.summary).toContain(
        "[Dashboard: every benchmark over commits](https://Codertocat.github.io/Hello-World/perfgate/)",
      );
    }
    const files = git("ls-tree", "-r", "--name-only", "gh-pages").split("\n");
    expect(files).toEqual(
      expect.arrayContaining([
        "home.html",
        "perfgate/index.html",
        "perfgate/series.html",
        "perfgate/regressions.html",
        "perfgate/feed.atom",
        "perfgate/data/index.js",
        "perfgate/data/s0.js",
      ]),
    );
    // One commit per push on top of the docs commit, none forced.
    expect(git("rev-list", "--count", "gh-pages")).toBe("5");
    const index = git("show", "gh-pages:perfgate/data/index.js");
    for (const run of runs) expect(index).toContain(run.commit as string);
    // The bundled Action inlined uPlot into the chart page.
    expect(git("show", "gh-pages:perfgate/series.html")).toContain("uPlot");

    // A pull request never writes the site.
    const tip = git("rev-parse", "gh-pages");
    const out = await runInProcess(
      env(PR, {
        dashboard: "branch",
        results: world.write("pr.json", results({ commit: "e".repeat(40) })),
      }),
    );
    expect(out.code, out.failed.join()).toBe(0);
    expect(out.log).toContain("Not publishing the dashboard to 'gh-pages'");
    expect(out.outputs["dashboard-url"] ?? "").toBe("");
    expect(git("rev-parse", "gh-pages")).toBe(tip);
  });
});

describe("dashboard: accepted steps", () => {
  it("an accept: entry naming a merged pull request marks its step accepted on the site, as push alerts do", async () => {
    world.write(
      ".perfgate.yml",
      'accept:\n  - benchmark: "bench/*"\n    pr: 9\n    reason: slower on purpose\n',
    );
    const runs = baselineRuns(11);
    for (const run of runs.slice(6)) {
      for (const b of run.benchmarks) {
        const time = b.metrics.time;
        if (time) time.samples = time.samples.map((x) => x * 1.5);
      }
    }
    // Pull request #9 landed as the first slow commit.
    world.github.pulls.push({
      number: 9,
      state: "closed",
      head: { ref: "slower", sha: "h", repo: { full_name: "Codertocat/Hello-World" } },
      base: { ref: "master", repo: { full_name: "Codertocat/Hello-World" } },
      merged_at: "2026-11-01T06:00:00Z",
      merge_commit_sha: runs[6]?.commit,
    });
    for (const [i, run] of runs.entries()) {
      const out = await runInProcess(
        env(push(run, String(50 + i)), {
          dashboard: "branch",
          results: world.write(`s${i}.json`, run),
        }),
      );
      // The push that lands the step is gated like any other; it still saves and publishes.
      expect([0, 1], out.log).toContain(out.code);
    }
    const index = git("show", "gh-pages:perfgate/data/index.js");
    expect(index).toContain('"grade":"accepted"');
    expect(index).not.toMatch(/"grade":"(minor|moderate|severe|critical)"/);
  });
});

describe("dashboard: artifact", () => {
  it("uploads the site with @actions/artifact, the PR's point on its charts, and links it from the summary and the comment", async (context) => {
    // The artifact is a zip: unzip reads it back.
    requireTool(context, unzip);
    const runs = baselineRuns(4);
    for (const [i, run] of runs.entries()) {
      const out = await runInProcess(
        env(push(run, String(30 + i)), { results: world.write(`s${i}.json`, run) }),
      );
      expect(out.code, out.failed.join()).toBe(0);
    }
    expect(artifacts.artifacts).toEqual([]); // dashboard: none uploads nothing

    const current = results({ commit: "e".repeat(40) });
    const time = current.benchmarks[0]?.metrics.time;
    if (time) time.samples = time.samples.map((s) => s * 1.5);
    const out = await runInProcess(
      env(
        { ...PR, runId: "777" },
        {
          dashboard: "artifact",
          comment: "always",
          results: world.write("pr.json", current),
        },
      ),
    );
    expect(out.warnings.filter((w) => /dashboard/i.test(w))).toEqual([]);
    const [artifact] = artifacts.artifacts;
    expect(artifact).toMatchObject({ name: "perfgate-dashboard-unit", finalized: true });
    expect(artifacts.calls).toEqual(expect.arrayContaining(["CreateArtifact", "FinalizeArtifact"]));
    const url = `https://github.com/Codertocat/Hello-World/actions/runs/777/artifacts/${artifact?.id}`;
    expect(out.outputs["dashboard-url"]).toBe(url);
    const line = `[Dashboard: every benchmark over commits](${url})`;
    expect(out.summary).toContain(line);
    const comment = world.github.comments.at(-1);
    expect(comment?.body).toContain(line);

    // What was uploaded is the site: unzip it and look.
    const dir = mkdtempSync(join(tmpdir(), "perfgate-artifact-"));
    try {
      writeFileSync(join(dir, "site.zip"), artifact?.blob ?? Buffer.alloc(0));
      execFileSync("unzip", ["-q", "site.zip", "-d", "site"], { cwd: dir });
      expect(readdirSync(join(dir, "site")).sort()).toEqual(
        [".nojekyll", "data", "feed.atom", "index.html", "regressions.html", "series.html"].sort(),
      );
      const shard = readFileSync(join(dir, "site", "data", "s0.js"), "utf8");
      expect(shard).toMatch(/"pr":\{"value":/);
      const index = readFileSync(join(dir, "site", "data", "index.js"), "utf8");
      expect(index).toContain(`"commit":"${"e".repeat(40)}"`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
