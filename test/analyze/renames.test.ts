import { describe, expect, it } from "vitest";
import { renameHint } from "../../src/analyze/renames.js";
import type { Finding } from "../../src/analyze/types.js";

/** Only what renameHint reads: benchmark, metric, verdict. */
const f = (benchmark: string, metric: string, verdict: "missing" | "new" | "unchanged") =>
  ({ benchmark, metric, verdict }) as unknown as Finding;

describe("renameHint", () => {
  it("pairs missing and new benchmarks by position when their metrics match", () => {
    const hint = renameHint([
      f("a 1", "time", "missing"),
      f("a 1", "user", "missing"),
      f("b 1", "time", "missing"),
      f("a 2", "user", "new"),
      f("a 2", "time", "new"),
      f("b 2", "time", "new"),
      f("c", "time", "unchanged"),
    ]);
    expect(hint).toMatch(/^renamed\? 'a 1' → 'a 2', 'b 1' → 'b 2' \(/);
    expect(hint).toContain("-n/--command-name");
  });

  it.each([
    [
      "more missing than new",
      [f("a", "time", "missing"), f("b", "time", "missing"), f("c", "time", "new")],
    ],
    ["different metrics at one position", [f("a", "time", "missing"), f("b", "memory", "new")]],
    ["nothing missing", [f("b", "time", "new")]],
    ["nothing new", [f("a", "time", "missing")]],
  ])("says nothing with %s", (_, findings) => {
    expect(renameHint(findings)).toBeUndefined();
  });
});
