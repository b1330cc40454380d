/**
 * The paired model against R 4.2.2 (Debian r-base-core). Each expected value was printed by
 * the R call next to it, e.g.
 *   w <- wilcox.test(d, conf.int = TRUE, conf.level = 0.95); w$p.value; w$estimate; w$conf.int
 * R reports the interval at the level asked; where n cannot reach it (n = 5) R warns and
 * returns the full range, as perfgate does, and perfgate states the level it did reach.
 */
import { describe, expect, it } from "vitest";
import { minPairsFor, pairedShift } from "../../src/analyze/pairedModel.js";
import { signedRankP, signedRankQuantile, signedRankTest } from "../../src/analyze/signedRank.js";
import { trimmedShift, trimmedSummary } from "../../src/analyze/trimmedT.js";

const d1 = [0.12, -0.03, 0.08, 0.15, 0.05, 0.11, -0.01, 0.09];
const d2 = [0.031, 0.052, 0.047, 0.012, -0.008, 0.066, 0.041, 0.029, 0.055, 0.038, 0.019, 0.061];
const d4 = [0.21, -0.4, 0.05, 0.33, 0.12];
const d5 = [
  -0.0123, 0.0456, -0.0789, 0.0234, 0.0567, -0.0345, 0.0678, 0.0112, -0.0223, 0.0334, 0.0445,
  -0.0556, 0.0667, 0.0778, -0.0889, 0.0991, 0.0101, -0.0202, 0.0303, 0.0404,
];

describe("Hodges–Lehmann estimate, signed-rank interval and p-value match R's wilcox.test", () => {
  it.each([
    // [name, data, level, p-value, estimate, low, high]
    ["8 pairs", d1, 0.95, 0.0390625, 0.075, 0.01, 0.12],
    ["12 pairs", d2, 0.95, 0.0009765625, 0.0385, 0.022, 0.052],
    ["20 pairs at 90 %", d5, 0.9, 0.21616744995117188, 0.016975, -0.00555, 0.03895],
  ])("%s", (_name, d, level, p, estimate, low, high) => {
    const s = pairedShift(d, level);
    expect(s.pValue).toBeCloseTo(p, 12);
    expect(s.estimate).toBeCloseTo(estimate, 12);
    expect(s.low).toBeCloseTo(low, 12);
    expect(s.high).toBeCloseTo(high, 12);
    expect(s.level).toBeGreaterThanOrEqual(level);
  });

  it("5 pairs cannot reach 95 %: the full range, at the level reached (1 − 2/2⁵)", () => {
    const s = pairedShift(d4, 0.95);
    expect(s.pValue).toBeCloseTo(0.625, 12); // wilcox.test(d4)$p.value
    expect(s.estimate).toBeCloseTo(0.12, 12);
    expect([s.low, s.high]).toEqual([-0.4, 0.33]);
    expect(s.level).toBeCloseTo(1 - 2 / 32, 12);
    expect(s.halfWidthAt(0.95)).toBeUndefined();
  });

  it("ties and zeros fall back to the normal approximation with corrections, as R", () => {
    const d3 = [0.1, 0.1, -0.05, 0.2, 0.0, 0.3, 0.2, -0.1, 0.15, 0.1];
    // suppressWarnings(wilcox.test(d3, correct = TRUE)$p.value); scipy.stats.wilcoxon(d3,
    // correction=True, method='approx') gives the same 0.03630275028001677
    expect(signedRankTest(d3).pValue).toBeCloseTo(0.036302750280016782, 12);
  });

  it("no difference at all has p = 1 and a zero interval", () => {
    const s = pairedShift([0, 0, 0, 0, 0, 0, 0], 0.95);
    expect(s.pValue).toBe(1);
    expect([s.estimate, s.low, s.high]).toEqual([0, 0, 0]);
  });
});

describe("exact signed-rank distribution matches R", () => {
  it("psignrank(10, 12) and qsignrank(0.025, 12)", () => {
    expect(signedRankP(10, 12)).toBeCloseTo(0.010498046875, 14); // psignrank(10, 12)
    expect(signedRankQuantile(0.025, 12)).toBe(14); // qsignrank(0.025, 12)
  });
});

describe("pairs needed for a level", () => {
  it.each([
    [0.05, 6],
    [0.001, 11],
    [0.05 / 30, 11],
  ])("alpha %f needs %i pairs (all signs agreeing gives p = 2/2ⁿ)", (alpha, n) => {
    expect(minPairsFor(alpha)).toBe(n);
    expect(2 / 2 ** n).toBeLessThanOrEqual(alpha);
    expect(2 / 2 ** (n - 1)).toBeGreaterThan(alpha);
  });
});

describe("paired mode's test: the 20 % trimmed-mean t test matches scipy", () => {
  // scipy 1.17: mstats.trimmed_mean / trimmed_stde / trimmed_mean_ci (limits 0.2, 0.2) and
  // 2·t.sf(|T|, n − 2g − 1); n = 10 and 12 trim the same 2 per end rounded or truncated.
  const slowPair = [0.12, -0.03, 0.08, 0.15, 0.05, 0.11, -0.01, 0.09, 0.69, 0.07];
  it.each([
    ["12 pairs", d2, 0.039, 0.007054183434542271, 7, 0.0008795018850337461, 0.02231951, 0.05568049],
    [
      "10 pairs, one 2× slow",
      slowPair,
      0.0866666666666667,
      0.015947444549341466,
      5,
      0.0028614171047834634,
      0.04567246,
      0.12766088,
    ],
  ])("%s", (_name, d, estimate, se, df, p, low, high) => {
    expect(trimmedSummary(d)).toMatchObject({ df });
    expect(trimmedSummary(d).estimate).toBeCloseTo(estimate, 12);
    expect(trimmedSummary(d).se).toBeCloseTo(se, 12);
    const s = trimmedShift(d, 0.95);
    expect(s.pValue).toBeCloseTo(p, 10);
    expect(s.low).toBeCloseTo(low, 7);
    expect(s.high).toBeCloseTo(high, 7);
  });

  it("its p-value falls without bound as the shift grows: 10 pairs can reach a Critical's 0.001", () => {
    const d = [0.45, 0.48, 0.5, 0.44, 0.47, 0.46, 0.49, 0.51, 0.43, 0.47];
    expect(trimmedShift(d, 0.95).pValue).toBeLessThan(1e-6);
  });
});
