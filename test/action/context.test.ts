import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

  it("mode report: the PR and head sha come from the uploaded event, not the workflow_run", () => {
    const ctx = readContext(
      env("workflow_run.completed.json", { GITHUB_EVENT_NAME: "workflow_run" }),
      "report",
      join(EVENTS, "pull_request.opened.fork.json"),
    );
    expect(ctx.pullRequest?.number).toBe(2);
    expect(ctx.sha).toBe("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
  });

  it("mode report without an uploaded event uses workflow_run.pull_requests when it names one", () => {
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
    expect(ctx.pullRequest?.number).toBeGreaterThan(0);
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
