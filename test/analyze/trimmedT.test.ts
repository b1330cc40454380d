/**
 * Paired mode's test, the 20 % trimmed-mean t on per-pair log ratios, against scipy (the call
 * is next to each table), and the A/B sampler's floor for its first look.
 */
import { describe, expect, it } from "vitest";
import { minPairsFor } from "../../src/ab/sampler.js";
import { trimmedShift, trimmedSummary } from "../../src/analyze/trimmedT.js";

const d2 = [0.031, 0.052, 0.047, 0.012, -0.008, 0.066, 0.041, 0.029, 0.055, 0.038, 0.019, 0.061];

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
