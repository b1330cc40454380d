import { describe, expect, it } from "vitest";
import type { Source } from "../../src/action/inputs.js";
import { commitMismatches, refuseUntrustedRun } from "../../src/action/trust.js";

const sources: [string, Source][] = [
  ["command", { kind: "command", command: "make bench", tool: "go" }],
  ["config", { kind: "config", path: ".perfgate.yml" }],
  ["builtin", { kind: "builtin" }],
];

describe("pull_request_target runs nothing unless the workflow opts in", () => {
  it.each(sources)(
    "refuses %s there, allows it when opted in and on other events",
    (_n, source) => {
      const inputs = { source, compare: "history" as const, allowPullRequestTarget: false };
      expect(() => refuseUntrustedRun("pull_request_target", inputs)).toThrow(/^refusing to run/);
      expect(() =>
        refuseUntrustedRun("pull_request_target", { ...inputs, allowPullRequestTarget: true }),
      ).not.toThrow();
      expect(() => refuseUntrustedRun("pull_request", inputs)).not.toThrow();
    },
  );

  it("refuses same-runner even with results files, and reading results alone is allowed", () => {
    const source: Source = { kind: "results", globs: ["r.json"] };
    const off = { source, allowPullRequestTarget: false };
    expect(() =>
      refuseUntrustedRun("pull_request_target", { ...off, compare: "same-runner" }),
    ).toThrow("refusing to run compare: same-runner (it builds and runs the pull request's code)");
    expect(() =>
      refuseUntrustedRun("pull_request_target", { ...off, compare: "history" }),
    ).not.toThrow();
  });
});

describe("results that name another commit", () => {
  const head = "a".repeat(40);
  it("are named once each; files without a commit, or the right one, say nothing", () => {
    expect(commitMismatches([head, undefined, "b".repeat(40), "b".repeat(40)], head)).toEqual([
      "A results file records commit bbbbbbb, but the run that produced it built aaaaaaa: its numbers may not be this pull request's.",
    ]);
    expect(commitMismatches([head, undefined], head)).toEqual([]);
  });

  it("a commit that is no SHA is quoted on one line, bounded", () => {
    const [m] = commitMismatches(["x\n".repeat(50)], head);
    expect(m).toContain("records commit 'x x x x x x …'");
  });
});
