import { describe, expect, it } from "vitest";
import { isSettled } from "../../src/ab/stopping.js";
import type { Finding } from "../../src/analyze/types.js";
import type { Severity } from "../../src/model/defaults.js";
import { DEFAULT_THRESHOLDS } from "../../src/model/defaults.js";

function finding(
  verdict: Finding["verdict"],
  low: number,
  high: number,
  options: { severity?: Severity; direction?: "lower" | "higher" } = {},
): Finding {
  return {
    benchmark: "b",
    metric: "time",
    unit: "s",
    direction: options.direction ?? "lower",
    verdict,
    ...(options.severity ? { severity: options.severity } : {}),
    change: {
      estimate: (low + high) / 2,
      low,
      high,
      level: 0.9875,
      pValue: 0.01,
      adjustedPValue: 0.01,
    },
    reason: "",
    flags: [],
    series: [],
  };
}

const t = DEFAULT_THRESHOLDS;

describe("when sampling may stop", () => {
  it.each([
    ["within ±5 %", finding("unchanged", -0.049, 0.049), true],
    ["reaching +5 %", finding("unchanged", -0.02, 0.05), false],
    ["reaching −5 %", finding("unchanged", -0.05, 0.02), false],
    [
      "a change wholly past 5 %, under 40 %",
      finding("regression", 0.25, 0.35, { severity: "severe" }),
      true,
    ],
    ["a change from 5 % exactly", finding("regression", 0.05, 0.08, { severity: "minor" }), true],
    ["a change straddling 5 %", finding("regression", 0.03, 0.08, { severity: "minor" }), false],
    ["a change reaching 40 %", finding("regression", 0.3, 0.4, { severity: "severe" }), false],
    [
      "past 40 %, not yet Critical",
      finding("regression", 0.45, 0.6, { severity: "severe" }),
      false,
    ],
    ["graded Critical", finding("regression", 0.3, 0.9, { severity: "critical" }), true],
    ["an improvement past 5 %", finding("improvement", -0.3, -0.2, { severity: "severe" }), true],
    ["inconclusive", finding("inconclusive", -0.01, 0.01), false],
  ])("%s → %s", (_label, f, settled) => {
    expect(isSettled(f, t)).toBe(settled);
  });

  it("reads a higher-is-better metric in its worse direction", () => {
    // throughput −30 %…−25 %: worse by 25–30 %, clear of both lines
    expect(isSettled(finding("regression", -0.3, -0.25, { direction: "higher" }), t)).toBe(true);
    // throughput +3 %…+6 %: better by 3–6 %, straddles the tolerance
    expect(isSettled(finding("improvement", 0.03, 0.06, { direction: "higher" }), t)).toBe(false);
  });

  it("new, missing and ignored findings never hold sampling up", () => {
    const base = finding("unchanged", -0.2, 0.2);
    expect(isSettled({ ...base, verdict: "new" }, t)).toBe(true);
    expect(isSettled({ ...base, verdict: "missing" }, t)).toBe(true);
    expect(isSettled({ ...base, ignored: true }, t)).toBe(true);
  });
});
