/**
 * Do the intervals mean what they say? On simulated data with a known shift, a 95 % interval
 * must cover the truth about 95 % of the time. Seeded, 2,000 trials, and a band (0.90–0.99)
 * far wider than the simulation error (±1 % at 2,000 trials), so it cannot flake, yet an
 * interval built on the within-run spread (≈ 30 % coverage here) or a wrong t quantile
 * (z instead of t with 4 df ≈ 0.90) would fail it.
 */
import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { createRandom } from "../../src/analyze/random.js";
import { trimmedShift } from "../../src/analyze/trimmedT.js";
import { results, rounds } from "./builders.js";

const TRIALS = 2000;

describe("95 % intervals cover the true shift about 95 % of the time", () => {
  it.each([
    [20, 0.1],
    [5, 0.1],
    [20, 0],
  ])("history mode, %i-run history, true log shift %f", (runs, shift) => {
    const rng = createRandom(runs * 1000 + 17);
    let covered = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const baseline = Array.from({ length: runs }, () =>
        results([{ samples: rounds(rng, Math.exp(0.03 * rng.normal()), 0.01) }]),
      );
      const current = [
        results([{ samples: rounds(rng, Math.exp(shift + 0.03 * rng.normal()), 0.01) }]),
      ];
      const change = compare({ baseline, current }).findings[0]?.change;
      const truth = Math.expm1(shift);
      if (change && change.low <= truth && truth <= change.high) covered++;
    }
    const rate = covered / TRIALS;
    expect(rate).toBeGreaterThan(0.9);
    expect(rate).toBeLessThan(0.99);
  });

  it("paired mode, 12 pairs with heavy-tailed noise, true log shift 0.05", () => {
    const rng = createRandom(99);
    let covered = 0;
    let level = 1;
    for (let trial = 0; trial < TRIALS; trial++) {
      // Pair noise: normal, with one pair in ten three times as wide (a noisy neighbour).
      const d = Array.from(
        { length: 12 },
        () => 0.05 + 0.02 * rng.normal() * (rng.next() < 0.1 ? 3 : 1),
      );
      // The interval the paired verdict uses (pairedAnalysis.ts): the 20 % trimmed-mean t.
      const s = trimmedShift(d, 0.95);
      level = s.level;
      if (s.low <= 0.05 && 0.05 <= s.high) covered++;
    }
    expect(level).toBeGreaterThanOrEqual(0.95);
    const rate = covered / TRIALS;
    expect(rate).toBeGreaterThan(0.9);
    expect(rate).toBeLessThan(0.995);
  });
});

describe("many benchmarks do not multiply false alarms (Holm)", () => {
  it("300 unchanged metrics against a 20-run history: no graded change", () => {
    const rng = createRandom(2024);
    const names = Array.from({ length: 300 }, (_, i) => `bench/${i}`);
    const baseline = Array.from({ length: 20 }, (_, r) =>
      results(
        names.map((benchmark) => ({
          benchmark,
          samples: rounds(rng, Math.exp(0.03 * rng.normal()), 0.01),
        })),
        `c${r}`,
      ),
    );
    const current = [
      results(
        names.map((benchmark) => ({
          benchmark,
          samples: rounds(rng, Math.exp(0.03 * rng.normal()), 0.01),
        })),
      ),
    ];
    const report = compare({ baseline, current });
    expect(report.counts.regression + report.counts.improvement).toBe(0);
    // Without the adjustment about 5 % of them would be called significant.
    const raw = report.findings.filter((f) => (f.change?.pValue ?? 1) <= 0.05).length;
    expect(raw).toBeGreaterThan(5);
  });
});
