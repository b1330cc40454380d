import { describe, expect, it } from "vitest";
import { type GradeInput, grade } from "../../src/analyze/severity.js";
import type { LogShift } from "../../src/analyze/shift.js";
import { DEFAULT_THRESHOLDS, SEVERITIES } from "../../src/model/defaults.js";

/** A shift whose relative change is `change` with the interval `[low, high]` (relative);
 *  the strict-level interval is `strict`, the same as the one shown unless given. */
function shift(
  change: number,
  low: number,
  high: number,
  pValue = 1e-6,
  strict?: [number, number],
): LogShift {
  const [sLow, sHigh] = strict ?? [low, high];
  return {
    estimate: Math.log1p(change),
    low: Math.log1p(low),
    high: Math.log1p(high),
    level: 0.95,
    pValue,
    halfWidthAt: () => 0.01,
    intervalAt: () => ({ low: Math.log1p(sLow), high: Math.log1p(sHigh) }),
  };
}

function input(s: LogShift, over: Partial<GradeInput> = {}): GradeInput {
  return {
    shift: s,
    direction: "lower",
    thresholds: DEFAULT_THRESHOLDS,
    adjustedP: s.pValue,
    strictP: s.pValue,
    strictLevel: 0.999,
    gradeFloor: 0,
    ...over,
  };
}

describe("grade bands, both sides of every boundary (time, lower is better)", () => {
  it.each([
    [0.049, "unchanged", undefined],
    [0.051, "regression", "minor"],
    [0.099, "regression", "minor"],
    [0.101, "regression", "moderate"],
    [0.199, "regression", "moderate"],
    [0.201, "regression", "severe"],
    [0.399, "regression", "severe"],
    [0.401, "regression", "critical"],
  ])("a significant %f slowdown is %s %s", (change, verdict, severity) => {
    const g = grade(input(shift(change, change >= 0.4 ? 0.25 : change * 0.98, change * 1.02)));
    // A tight interval (one that stays on the estimate's side of the 5 % line); for
    // Critical the conservative end (25 %) clears the 20 % line.
    expect(g.verdict).toBe(verdict);
    expect(g.severity).toBe(severity);
  });
});

describe("Critical needs all four conditions", () => {
  it.each([
    ["conservative end 20 % exactly", 0.45, 0.2, 0.2, 1e-6, "critical"],
    ["conservative end just under 20 %", 0.45, 0.199, 0.199, 1e-6, "severe"],
    ["strict level just met", 0.45, 0.3, 0.3, 0.001, "critical"],
    ["strict level just missed", 0.45, 0.3, 0.3, 0.0011, "severe"],
    ["estimate just under 40 %", 0.399, 0.3, 0.3, 1e-6, "severe"],
    ["strict-level interval's end just under 20 %", 0.45, 0.3, 0.199, 1e-6, "severe"],
    ["strict-level interval's end at 20 %", 0.45, 0.3, 0.2, 1e-6, "critical"],
  ])("%s", (_name, change, low, strictLow, strictP, severity) => {
    const g = grade(
      input(shift(change, low, change + 0.1, 1e-6, [strictLow, change + 0.2]), { strictP }),
    );
    expect(g.severity).toBe(severity);
    if (severity === "severe" && change >= 0.4) expect(g.reason).toContain("not Critical");
  });

  it("a strict level out of reach (too few pairs) is never Critical", () => {
    const s = { ...shift(0.6, 0.45, 0.75), intervalAt: () => undefined };
    expect(grade(input(s)).severity).toBe("severe");
  });
});

describe("direction: for throughput a drop is worse", () => {
  it.each([
    [-0.049, "unchanged", undefined],
    [-0.051, "regression", "minor"],
    [-0.201, "regression", "severe"],
    [-0.401, "regression", "critical"],
    [0.3, "improvement", "severe"],
  ])("a %f change in throughput is %s %s", (change, verdict, severity) => {
    const lowEnd = change < 0 ? change * 1.02 : change * 0.98;
    const highEnd = change < 0 ? change * 0.98 : change * 1.02;
    const g = grade(input(shift(change, lowEnd, highEnd), { direction: "higher" }));
    expect(g.verdict).toBe(verdict);
    expect(g.severity).toBe(severity);
  });
});

describe("improvements use the same bands", () => {
  it.each([
    [-0.049, "unchanged", undefined],
    [-0.06, "improvement", "minor"],
    [-0.15, "improvement", "moderate"],
    [-0.3, "improvement", "severe"],
    [-0.45, "improvement", "critical"],
  ])("a %f change in time is %s %s", (change, verdict, severity) => {
    const g = grade(input(shift(change, change * 1.02, change * 0.98)));
    expect(g.verdict).toBe(verdict);
    expect(g.severity).toBe(severity);
  });
});

describe("a significant change just under the tolerance", () => {
  it.each([
    // estimate, interval's far end, verdict, severity
    [0.045, 0.0499, "unchanged", undefined],
    [0.045, 0.0501, "regression", "minor"],
    [0.03, 0.08, "regression", "minor"],
    [-0.045, -0.0499, "unchanged", undefined],
    [-0.045, -0.0501, "improvement", "minor"],
  ])("estimate %f reaching %f is %s %s", (change, far, verdict, severity) => {
    const s = change > 0 ? shift(change, change / 2, far) : shift(change, far, change / 2);
    const g = grade(input(s));
    expect(g.verdict).toBe(verdict);
    expect(g.severity).toBe(severity);
  });

  it("is not graded when the noise is assumed, not learned (the wide margin rules)", () => {
    const g = grade(input(shift(0.15, 0.05, 0.3), { gradeFloor: 0.2 }));
    expect(g.verdict).toBe("unchanged");
  });

  it("says the interval reaches past the tolerance", () => {
    const g = grade(input(shift(0.04, 0.02, 0.07)));
    expect(g.reason).toContain("the interval reaches 7.0 %, past the 5.0 % tolerance");
  });
});

describe("not significant", () => {
  it("is inconclusive when the interval reaches past the Moderate line and p is within twice alpha", () => {
    const g = grade(input(shift(0.04, -0.02, 0.101, 0.1)));
    expect(g.verdict).toBe("inconclusive");
    expect(g.reason).toContain("past the Moderate line");
  });
  it("is within noise when the interval reaches past the Moderate line but p is past twice alpha", () => {
    const g = grade(input(shift(0.04, -0.02, 0.101, 0.11)));
    expect(g.verdict).toBe("unchanged");
    expect(g.reason).toBe("within noise (p = 0.110 after Holm)");
  });
  it("is unchanged when the interval stays under the Moderate line", () => {
    expect(grade(input(shift(0.04, -0.02, 0.099, 0.2))).verdict).toBe("unchanged");
  });
  it("is unchanged when only the better side is wide", () => {
    expect(grade(input(shift(-0.1, -0.3, 0.05, 0.2))).verdict).toBe("unchanged");
  });
  it("uses the Holm-adjusted p-value, not the raw one", () => {
    const g = grade(input(shift(0.3, 0.2, 0.4, 0.001), { adjustedP: 0.06 }));
    expect(g.verdict).toBe("inconclusive");
  });
});

describe("the unknown-noise floor", () => {
  it.each([
    [0.19, "unchanged"],
    [0.21, "regression"],
  ])("with a 20 %% floor, a significant %f slowdown is %s", (change, verdict) => {
    expect(
      grade(input(shift(change, change - 0.01, change + 0.01), { gradeFloor: 0.2 })).verdict,
    ).toBe(verdict);
  });
});

describe("monotonicity", () => {
  it("a bigger slowdown never gets a milder grade (same relative interval width)", () => {
    let previous = -1;
    for (let c = 0; c <= 1.5; c += 0.0025) {
      const g = grade(input(shift(c, c * 0.6, c * 1.4, c > 0.03 ? 1e-6 : 0.5)));
      const rank = g.verdict === "regression" ? SEVERITIES.indexOf(g.severity ?? "minor") : -1;
      expect(rank).toBeGreaterThanOrEqual(previous);
      previous = rank;
    }
    expect(previous).toBe(SEVERITIES.indexOf("critical"));
  });
});
