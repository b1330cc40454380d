import { describe, expect, it } from "vitest";
import { type Score, SLOWDOWNS } from "../../bench/lib/harness.js";
import { GIVEN_ORDER, type Given } from "../../bench/lib/verdicts.js";
import { qualityTable, targets } from "../../bench/lib/verdictTables.js";

function counts(given: Partial<Record<Given, number>>): Record<Given, number> {
  return Object.fromEntries(GIVEN_ORDER.map((g) => [g, given[g] ?? 0])) as Record<Given, number>;
}

/** A score built by hand: 1,000 A/A trials, power rising with the slowdown. */
function aScore(over: Partial<Score> = {}): Score {
  return {
    scenario: "simulated",
    noise: "test noise",
    trials: { none: 1000, power: 100, confusion: 0 },
    none: counts({ none: 950, improved: 20, minor: 30 }),
    power: [0.05, 0.5, 0.85, 1, 1, 1],
    detected: [0.1, 0.9, 1, 1, 1, 1],
    detectedNone: 0.02,
    confusion: new Map(),
    rules: [{ name: "reference: x", falseAlarm: 0.05, power: [0.1, 0.4, 0.8, 1, 1, 1] }],
    msPerCompare: 1,
    jumps: 0,
    criticalInJumps: 0,
    ...over,
  };
}

describe("the verdict tables", () => {
  it("shows perfgate's any-grade rate (both directions) and each rule on the same rows", () => {
    const table = qualityTable("History mode", [aScore()]);
    expect(table).toContain("| simulated | **perfgate** | 5.0 % | 0.0 % | 5 % | 50 % | 85 % |");
    expect(table).toContain("| simulated | reference: x | 5.0 % | 5.0 % | 10 % | 40 % | 80 % |");
    expect(table.split("\n")[3]?.split("|").length).toBe(SLOWDOWNS.length + 6);
  });

  it("counts build failures without the trials whose current run was a whole-run jump", () => {
    const s = aScore({ none: counts({ none: 990, critical: 10 }), jumps: 40, criticalInJumps: 10 });
    expect(qualityTable("History mode", [s])).toContain("1.0 % (0/960 without whole-run jumps)");
    expect(targets([s], [])).toContain("✅ history, simulated: P(Critical | no change) = 0/960");
  });

  it("marks a missed target and says what the reference reached", () => {
    const s = aScore({ power: [0, 0.3, 0.7, 1, 1, 1] });
    const text = targets([s], []);
    expect(text).toContain("❌ history, simulated: power at 10 % = 70.0 %");
    expect(text).toContain("the textbook reference: 80.0 %");
    expect(text).toContain("✅ history, simulated: P(any grade | no change) = 5.0 %");
  });
});
