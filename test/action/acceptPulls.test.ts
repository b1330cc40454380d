/**
 * accept: entries naming a pull request mark the history step at the commit it landed as,
 * read from the local GitHub server through the real Octokit; a push run then lists the
 * step as accepted and does not alert it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunContext } from "../../src/action/context.js";
import { reportPushChanges } from "../../src/action/pushChanges.js";
import type { Toolkit } from "../../src/action/toolkit.js";
import type { Results } from "../../src/model/types.js";
import { createClient } from "../../src/util/octokit.js";
import { results } from "../baseline/builders.js";
import { type GitHubServer, type Pull, startGitHubServer } from "../helpers/githubServer.js";

let api: GitHubServer;
let dir: string;
beforeEach(async () => {
  api = await startGitHubServer();
  dir = mkdtempSync(join(tmpdir(), "perfgate-accept-pulls-"));
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const commit = (k: number) => `c${String(k).padStart(39, "0")}`;

/** 14 runs: bench/0 is 30 % slower from run 6 on. */
const runs: Results[] = Array.from({ length: 14 }, (_, k) => {
  const r = results({ n: 2, commit: commit(k), centre: 100 * (1 + 0.01 * Math.cos(k)) });
  const time = r.benchmarks[0]?.metrics.time;
  if (time && k >= 6) time.samples = time.samples.map((v) => v * 1.3);
  return r;
});

const ctx = {
  eventName: "push",
  owner: "o",
  repo: "r",
  sha: commit(13),
  branch: "main",
  defaultBranch: "main",
  runId: "1",
  runAttempt: "1",
  serverUrl: "https://github.test",
  apiUrl: "",
} satisfies RunContext;

function pull(number: number, merged: string | null): Pull {
  return {
    number,
    state: merged ? "closed" : "open",
    head: { ref: `f${number}`, sha: "h", repo: { full_name: "o/r" } },
    base: { ref: "main", repo: { full_name: "o/r" } },
    merged_at: merged ? "2026-12-01T00:00:00Z" : null,
    merge_commit_sha: merged,
  };
}

async function push(pr: number) {
  const said: string[] = [];
  const kit: Toolkit = {
    info: (m) => said.push(m),
    warning: (m) => said.push(`warning: ${m}`),
    error: (m) => said.push(`error: ${m}`),
    notice: (m) => said.push(m),
    setOutput: () => {},
    setSecret: () => {},
    setFailed: (m) => said.push(`failed: ${m}`),
    writeSummary: async () => {},
  };
  await reportPushChanges(
    {
      suite: "unit",
      runs,
      config: { accept: [{ benchmark: "bench/*", pr, reason: "slower, safer parser" }] },
      alert: "commit-comment",
      ctx,
      client: createClient({ token: "ghs_default_token", baseUrl: api.url, retries: 0 }),
      workDir: dir,
    },
    kit,
  );
  const doc = JSON.parse(readFileSync(join(dir, "changes.json"), "utf8"));
  return { changes: doc.changes as { commit: string; accepted?: string }[], said };
}

describe("accept: entries naming a pull request", () => {
  it("mark the step at the commit the merged PR landed as: listed as accepted, not alerted", async () => {
    api.pulls.push(pull(7, commit(6)));
    const { changes, said } = await push(7);
    expect(changes.map((c) => [c.commit, c.accepted])).toEqual([
      [commit(6), "slower, safer parser"],
    ]);
    expect(api.commitComments).toEqual([]);
    expect(said.filter((m) => m.startsWith("warning"))).toEqual([]);
  });

  it("an open PR, or one the API cannot find, marks nothing: the step is alerted, with a warning for the missing one", async () => {
    api.pulls.push(pull(8, null));
    expect((await push(8)).changes[0]?.accepted).toBeUndefined();
    expect(api.commitComments.map((c) => c.sha)).toEqual([commit(6)]);
    const missing = await push(9);
    expect(missing.changes[0]?.accepted).toBeUndefined();
    expect(missing.said.some((m) => m.startsWith("warning: accept: pull request #9"))).toBe(true);
  });
});
