/**
 * Push alerts against the local GitHub server, through the real Octokit over HTTP: whose
 * markers count, a step whose estimate moved, and two runs alerting at the same time.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendAlerts } from "../../src/action/alerts.js";
import type { RunContext } from "../../src/action/context.js";
import type { Toolkit } from "../../src/action/toolkit.js";
import type { SeriesChange } from "../../src/analyze/historyChanges.js";
import { changeMarker, issueMarker } from "../../src/report/alerts.js";
import { createClient } from "../../src/util/octokit.js";
import { type GitHubServer, startGitHubServer } from "../helpers/githubServer.js";

let api: GitHubServer;
beforeEach(async () => {
  api = await startGitHubServer();
  // A personal token: GET /user says who it is, and its author type is "User".
  api.users.set("ghp_person", {
    login: "maintainer",
    type: "User",
    canWrite: true,
    canGetUser: true,
  });
  api.users.set("ghp_other", { login: "mallory", type: "User", canWrite: true, canGetUser: true });
});
afterEach(async () => {
  await api.close();
});

const client = (token = "ghs_default_token") =>
  createClient({ token, baseUrl: api.url, retries: 0, retryBaseMs: 1 });

const ctx = {
  eventName: "push",
  owner: "o",
  repo: "r",
  sha: "x",
  branch: "main",
  defaultBranch: "main",
  runId: "1",
  runAttempt: "1",
  serverUrl: "https://github.test",
  apiUrl: "",
} satisfies RunContext;

const commits = Array.from({ length: 60 }, (_, k) => `c${String(k).padStart(39, "0")}`);

function change(run: number, benchmark = "parse/json"): SeriesChange {
  return {
    benchmark,
    metric: "time",
    unit: "s",
    direction: "lower",
    commit: commits[run] as string,
    timestamp: "2026-12-01T00:00:00Z",
    run,
    before: 1,
    after: 1.3,
    change: 0.3,
    kind: "regression",
    severity: "severe",
    runsBefore: run,
    runsAfter: 60 - run,
  };
}

function kit() {
  const said: string[] = [];
  const toolkit: Toolkit = {
    info: (m) => said.push(m),
    warning: (m) => said.push(`warning: ${m}`),
    error: (m) => said.push(`error: ${m}`),
    notice: (m) => said.push(m),
    setOutput: () => {},
    setSecret: () => {},
    setFailed: (m) => said.push(`failed: ${m}`),
    writeSummary: async () => {},
  };
  return { toolkit, said };
}

const alert = (
  kind: "commit-comment" | "issue",
  changes: SeriesChange[],
  token = "ghs_default_token",
) => sendAlerts(kind, client(token), ctx, "unit", changes, commits, kit().toolkit);

/** A new commit comment is taken 300 ms after it is asked for: two runs started together
 *  both list before either's lands (a delay on the listings instead would be read after
 *  it, and see a comment posted meanwhile). */
const lateComments = {
  method: "POST",
  path: /\/commits\/.*\/comments$/,
  status: 200,
  delayMs: 300,
} as const;

describe("push alerts", () => {
  it("a marker pasted by someone else does not silence an alert; the bot's own does", async () => {
    const c = change(30);
    api.commitComments.push({
      id: 1,
      sha: c.commit as string,
      body: `${changeMarker("unit", c)} spoofed`,
      user: { login: "mallory", type: "User" },
    });
    await alert("commit-comment", [c]);
    expect(api.commitComments.map((x) => x.user.login)).toEqual(["mallory", "github-actions[bot]"]);
    await alert("commit-comment", [c]);
    expect(api.commitComments).toHaveLength(2);
  });

  it("a step alerted 8 runs from where it is placed now is not alerted again; a second step beyond its neighbour is", async () => {
    await alert("commit-comment", [change(20)]);
    expect(api.commitComments.map((x) => x.sha)).toEqual([commits[20]]);
    // The history grew and the same step is now placed at run 28; a later step at 40.
    await alert("commit-comment", [change(28), change(40)]);
    expect(api.commitComments.map((x) => x.sha)).toEqual([commits[20], commits[40]]);
    // Beyond MAX_STEP_DRIFT (12 runs) of every alert it is taken for a new step.
    await alert("commit-comment", [change(55)]);
    expect(api.commitComments.map((x) => x.sha)).toEqual([commits[20], commits[40], commits[55]]);
  });

  it("an alert in the series' previous level does not count for the step after it", async () => {
    // Alerted at run 20; now the series shows a step at 18 (that one, the nearer) and
    // another at 24: the alert at 20 counts for one of them only.
    await alert("commit-comment", [change(20)]);
    await alert("commit-comment", [change(18), change(24)]);
    expect(api.commitComments.map((x) => x.sha)).toEqual([commits[20], commits[24]]);
  });

  it("two runs alerting at the same time leave one commit comment", async () => {
    // Every comment is taken late, so both runs have looked (twice) before either's lands.
    api.faults.push(lateComments);
    const c = change(30);
    await Promise.all([alert("commit-comment", [c]), alert("commit-comment", [c])]);
    expect(api.commitComments).toHaveLength(1);
    expect(api.requests.filter((r) => r.method === "POST").length).toBe(2);
  });

  it("two runs placing the same step 3 runs apart at the same time leave one commit comment", async () => {
    // One run's history is a run longer and puts the step at run 33, the other at 30; both
    // have looked before either's comment lands.
    api.faults.push(lateComments);
    await Promise.all([
      alert("commit-comment", [change(30)]),
      alert("commit-comment", [change(33)]),
    ]);
    expect(api.requests.filter((r) => r.method === "POST").length).toBe(2);
    expect(api.commitComments).toHaveLength(1);
    // The one left is the step's alert: neither run alerts it again.
    await alert("commit-comment", [change(31)]);
    await alert("commit-comment", [change(33)]);
    expect(api.commitComments).toHaveLength(1);
  });

  it("two runs alerting steps beyond each other's drift window at the same time keep both", async () => {
    api.faults.push(lateComments);
    await Promise.all([
      alert("commit-comment", [change(20)]),
      alert("commit-comment", [change(40)]),
    ]);
    expect(api.commitComments.map((x) => x.sha).sort()).toEqual([commits[20], commits[40]]);
  });

  it("finds the tracking issue a personal token opened, and never one that someone else marked", async () => {
    api.issues.push({
      number: 1,
      title: "copied",
      body: `${issueMarker("unit")}\nnot ours`,
      state: "open",
      user: { login: "mallory", type: "User" },
    });
    await alert("issue", [change(30)], "ghp_person");
    await alert("issue", [change(30), change(45, "sort/float64")], "ghp_person");
    const ours = api.issues.filter((i) => i.user.login === "maintainer");
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toContain("sort/float64");
    expect(api.issues.find((i) => i.number === 1)?.body).toBe(`${issueMarker("unit")}\nnot ours`);
  });

  it("two runs opening the tracking issue at the same time leave one open issue with both alerts", async () => {
    api.faults.push({ method: "GET", path: /\/issues$/, status: 200, delayMs: 300 });
    await Promise.all([
      alert("issue", [change(30)]),
      alert("issue", [change(30), change(45, "sort/float64")]),
    ]);
    const open = api.issues.filter((i) => i.state === "open");
    expect(open).toHaveLength(1);
    expect(open[0]?.body).toContain(changeMarker("unit", change(30)));
    expect(open[0]?.body).toContain(changeMarker("unit", change(45, "sort/float64")));
    const closed = api.issues.filter((i) => i.state === "closed");
    expect(closed.map((i) => i.body)).toEqual([
      `Duplicate of #${open[0]?.number} (two perfgate runs opened one at the same time).`,
    ]);
  });
});
