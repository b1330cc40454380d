import { describe, expect, it } from "vitest";
import { acceptingEntry, applyAcceptance } from "../../src/analyze/accept.js";
import { compare } from "../../src/analyze/compare.js";
import type { Report } from "../../src/analyze/types.js";
import type { AcceptEntry } from "../../src/model/config.js";
import { results } from "./builders.js";

/** 10 baseline runs of parse/json and hash/fnv1a; now parse/json is 3× slower and
 *  hash/fnv1a 12 % slower (Moderate: does not fail at the default fail-on critical). */
function failing(): Report {
  const run = (k: number, parse: number, hash: number) => ({
    ...results(
      [
        {
          benchmark: "parse/json",
          samples: [1, 2, 3, 4, 5].map((r) => parse * (1 + 0.003 * Math.sin(k * 5 + r))),
        },
        {
          benchmark: "hash/fnv1a",
          samples: [1, 2, 3, 4, 5].map((r) => hash * (1 + 0.003 * Math.cos(k * 3 + r))),
        },
      ],
      `c${k}`,
    ),
    timestamp: new Date(Date.UTC(2026, 11, 1, k)).toISOString(),
  });
  return compare({
    baseline: Array.from({ length: 10 }, (_, k) => run(k, 0.01, 0.002)),
    current: [{ ...run(10, 0.03, 0.00224), commit: "abcdef1234567890" }],
  });
}

const grade = (r: Report, name: string) => r.findings.find((f) => f.benchmark === name);

describe("accepting an intended regression", () => {
  it("the report fails without acceptance (the premise)", () => {
    const r = failing();
    expect(r.status).toBe("fail");
    expect(grade(r, "parse/json")).toMatchObject({ severity: "critical" });
    expect(grade(r, "hash/fnv1a")?.verdict).toBe("regression");
  });

  it("a label accepts the failing grades only: the gate passes and the report says by whom", () => {
    const r = applyAcceptance(failing(), { label: "perf-accepted", entries: [] });
    expect(r.status).toBe("pass");
    expect(grade(r, "parse/json")).toMatchObject({
      severity: "critical",
      accepted: "label perf-accepted",
    });
    expect(grade(r, "hash/fnv1a")?.accepted).toBeUndefined();
    expect(r.warnings[0]).toBe("accepted by label perf-accepted: parse/json time (critical)");
  });

  it.each<[string, AcceptEntry, boolean]>([
    ["by PR", { benchmark: "parse/*", pr: 7, reason: "new parser" }, true],
    [
      "by commit prefix",
      { benchmark: "parse/json", commit: "ABCDEF1", reason: "new parser" },
      true,
    ],
    ["by metric", { benchmark: "**", metric: "time", commit: "abcdef1", reason: "r" }, true],
    ["another PR", { benchmark: "parse/*", pr: 8, reason: "r" }, false],
    ["another commit", { benchmark: "parse/json", commit: "abcdef2", reason: "r" }, false],
    ["another benchmark", { benchmark: "hash/*", pr: 7, reason: "r" }, false],
    ["another metric", { benchmark: "parse/json", metric: "cpu", pr: 7, reason: "r" }, false],
  ])("a .perfgate.yml entry %s: accepted %s", (_, entry, accepted) => {
    const r = applyAcceptance(failing(), { entries: [entry], commit: "abcdef1234567890", pr: 7 });
    expect(r.status).toBe(accepted ? "pass" : "fail");
    expect(grade(r, "parse/json")?.accepted).toBe(
      accepted ? `.perfgate.yml accept: ${entry.reason}` : undefined,
    );
  });

  it("nothing to accept leaves the report as it was", () => {
    const before = failing();
    expect(applyAcceptance(before, { entries: [] })).toBe(before);
  });

  it("an entry names a run by commit prefix or PR, never by an empty one", () => {
    const entry = { benchmark: "a", reason: "r" };
    expect(acceptingEntry([entry], "a", "time", "abc", 1)).toBeUndefined();
  });
});
