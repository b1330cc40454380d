import { describe, expect, it } from "vitest";
import type { SeriesChange } from "../../src/analyze/historyChanges.js";
import { commitCommentBody, issueBody } from "../../src/report/alerts.js";
import { renderChangesMarkdown, renderChangesText } from "../../src/report/changes.js";

/** A custom unit is the benchmark author's text (custom JSON, github-action-benchmark). */
const HOSTILE_UNIT = "<img src=x onerror=alert(1)> @octocat | #12";

const change: SeriesChange = {
  benchmark: "parse",
  metric: "time",
  unit: HOSTILE_UNIT,
  direction: "lower",
  commit: "0123456789abcdef0123456789abcdef01234567",
  timestamp: "2026-12-01T00:00:00Z",
  run: 12,
  before: 1,
  after: 2,
  change: 1,
  kind: "regression",
  severity: "critical",
  runsBefore: 12,
  runsAfter: 3,
};

describe("a change point's unit is outside text", () => {
  it.each([
    [
      "the history changes summary",
      () => renderChangesMarkdown({ suite: "s", runs: 15, changes: [change] }),
    ],
    ["the commit comment", () => commitCommentBody("s", change)],
    ["the tracking issue", () => issueBody("s", [change], new Set())],
  ])("stays inert in %s", (_, render) => {
    const markdown = render();
    expect(markdown).not.toContain("<img");
    expect(markdown).not.toMatch(/@octocat|#12\b/);
    // The table keeps its seven columns: the unit's pipe does not add cells.
    for (const row of markdown.split("\n").filter((l) => l.startsWith("| `parse`")))
      expect(row.split(" | ")).toHaveLength(7);
  });

  it("cannot send escape codes to a terminal", () => {
    const text = renderChangesText({
      suite: "s",
      runs: 15,
      changes: [{ ...change, unit: "ms\u001b[2J" }],
    });
    expect(text).not.toContain("\u001b");
  });
});
