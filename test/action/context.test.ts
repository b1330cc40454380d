import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readContext } from "../../src/action/context.js";
import { EVENTS } from "./harness.js";

const index = (
  await import("@octokit/webhooks-examples/api.github.com/index.json", { with: { type: "json" } })
).default as { name: string; examples: Record<string, unknown>[] }[];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "perfgate-ctx-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const env = (event: string, extra: Record<string, string> = {}) => ({
  GITHUB_EVENT_PATH: join(EVENTS, event),
  GITHUB_REPOSITORY: "Codertocat/Hello-World",
  GITHUB_SHA: "1".repeat(40),
  GITHUB_RUN_ID: "77",
  GITHUB_RUN_ATTEMPT: "2",
  ...extra,
});

describe("reading the run's context from real payloads", () => {
  it("pull_request: the PR, its base branch, same-repository head", () => {
    const ctx = readContext(
      env("pull_request.opened.json", {
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_HEAD_REF: "changes",
      }),
      "run",
      "",
    );
    expect(ctx.pullRequest).toEqual({
      number: 2,
      baseRef: "master",
      headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
      fromFork: false,
      // The recorded PR has no labels; accept-label compares against these.
      labels: [],
    });
    expect(ctx).toMatchObject({
      owner: "Codertocat",
      repo: "Hello-World",
      branch: "changes",
      defaultBranch: "master",
      runId: "77",
      runAttempt: "2",
    });
  });

  it("pull_request from a fork is marked as such (its token is read-only)", () => {
    const ctx = readContext(
      env("pull_request.opened.fork.json", { GITHUB_EVENT_NAME: "pull_request" }),
      "run",
      "",
    );
    expect(ctx.pullRequest?.fromFork).toBe(true);
  });

  it("push: the pushed branch, no PR", () => {
    const ctx = readContext(
      env("push.master.json", { GITHUB_EVENT_NAME: "push", GITHUB_REF: "refs/heads/master" }),
      "run",
      "",
    );
    expect(ctx.branch).toBe("master");
    expect(ctx.pullRequest).toBeUndefined();
  });

  it("mode report on workflow_run: the commit is the delivered head_sha; the uploaded PR is only a claim", () => {
    const ctx = readContext(
      env("workflow_run.completed.json", { GITHUB_EVENT_NAME: "workflow_run" }),
      "report",
      join(EVENTS, "pull_request.opened.fork.json"),
    );
    // The uploaded event names #2 at ec26c3e…; GitHub says the run built 3484a3f….
    expect(ctx.pullRequest).toBeUndefined();
    expect(ctx.sha).toBe("3484a3fb816e0859fd6e1cea078d76385ff50625");
    expect(ctx.report).toEqual({
      claimed: 2,
      delivered: {
        event: "repository_dispatch",
        headSha: "3484a3fb816e0859fd6e1cea078d76385ff50625",
        headBranch: "master",
        headRepo: "octo-org/octo-repo",
      },
    });
  });

  it("mode report without an uploaded event keeps workflow_run.pull_requests out: the PR is looked up", () => {
    const example = index
      .find((e) => e.name === "workflow_run")
      ?.examples.find(
        (x) => ((x.workflow_run as { pull_requests: unknown[] }).pull_requests ?? []).length > 0,
      );
    const file = join(dir, "wr.json");
    writeFileSync(file, JSON.stringify(example));
    const ctx = readContext(
      { ...env("x"), GITHUB_EVENT_PATH: file, GITHUB_EVENT_NAME: "workflow_run" },
      "report",
      "",
    );
    expect(ctx.pullRequest).toBeUndefined();
    expect(ctx.report?.claimed).toBeUndefined();
    expect(ctx.report?.delivered?.headSha).toBe("3484a3fb816e0859fd6e1cea078d76385ff50625");
  });

  it("an event file over GitHub's 25 MB payload limit is refused before it is read", () => {
    const big = join(dir, "event.json");
    writeFileSync(big, '{"pull_request":{"number":42}}');
    truncateSync(big, 26 * 1024 * 1024);
    const good = join(EVENTS, "workflow_run.completed.json");
    expect(() => readContext({ GITHUB_EVENT_PATH: good }, "report", big)).toThrow(
      `${big}: the uploaded event (input 'event-path') is 26.0 MiB, over the 25.0 MiB GitHub allows an event`,
    );
  });

  it("an unreadable or non-JSON event file is one line naming the file", () => {
    const bad = join(dir, "event.json");
    writeFileSync(bad, "not json");
    expect(() => readContext({ GITHUB_EVENT_PATH: bad }, "run", "")).toThrow(
      `${bad}: the event payload (GITHUB_EVENT_PATH) is not a JSON object`,
    );
    const good = join(EVENTS, "workflow_run.completed.json");
    expect(() =>
      readContext({ GITHUB_EVENT_PATH: good }, "report", join(dir, "missing.json")),
    ).toThrow(/cannot read the uploaded event \(input 'event-path'\)/);
  });
});
