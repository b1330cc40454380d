/**
 * Theil–Sen and Mann–Kendall against scipy 1.10.1: stats.theilslopes(y, x)[0] for the slope,
 * stats.kendalltau(x, y).statistic·n(n−1)/2 for S, and the continuity-corrected normal
 * p-value 2·stats.norm.sf((|S| − 1)/√var) that Mann–Kendall uses.
 */
import { describe, expect, it } from "vitest";
import { compare } from "../../src/analyze/compare.js";
import { createRandom } from "../../src/analyze/random.js";
import {
  autocorrelationInflation,
  estimateTrend,
  MIN_TREND_RUNS,
  mannKendall,
  theilSenSlope,
} from "../../src/analyze/trend.js";
import { results, rounds } from "./builders.js";

const creep = [
  0.0031, 0.0072, 0.0265, 0.0248, 0.0391, 0.0584, 0.0517, 0.0733, 0.0806, 0.0842, 0.1049, 0.1027,
  0.1213, 0.1338, 0.1402,
];
const flat = [0.01, -0.02, 0.03, 0.0, 0.015, -0.01, 0.02, 0.005, -0.015, 0.01];

describe("Theil–Sen slope and Mann–Kendall test match scipy", () => {
  it("a creep of about 1 % a run", () => {
    expect(theilSenSlope(creep)).toBeCloseTo(0.009899999999999999, 14); // stats.theilslopes
    const mk = mannKendall(creep);
    expect(mk.s).toBe(99); // kendalltau statistic 0.9428571428571428 × 105
    expect(mk.pValue).toBeCloseTo(1.23622000394849e-6, 15);
  });
  it("a flat series with one tie", () => {
    expect(theilSenSlope(flat)).toBeCloseTo(-0.0007142857142857143, 14); // stats.theilslopes
    const mk = mannKendall(flat);
    expect(mk.s).toBe(-2); // kendalltau tau-b −0.044946657497549475 × √(45·44)
    expect(mk.variance).toBe(124); // (10·9·25 − 2·1·9) / 18
    expect(mk.pValue).toBeCloseTo(0.928444041500591, 12); // 2*stats.norm.sf(1/np.sqrt(124))
  });
  it("Hamed–Rao's n/n* and corrected p-value", () => {
    // Reference: a numpy/scipy transcription of Hamed & Rao (1998) eq. 18 as in
    // pymannkendall.hamed_rao_modification_test (ranks by scipy.stats.rankdata, Sen slope by
    // stats.theilslopes, significant lags |ρ| > norm.ppf(0.975)/√n), variance scaled by
    // max(1, n/n*), tie-corrected Var(S), p = 2·norm.sf((|S| − 1)/√Var).
    const blocky = [
      0.02, 0.05, 0.01, 0.04, 0.03, 0.3, 0.28, 0.33, 0.31, 0.29, 0.02, 0.06, 0.03, 0.01, 0.05, 0.32,
      0.3, 0.34, 0.29, 0.31,
    ];
    expect(autocorrelationInflation(blocky, theilSenSlope(blocky))).toBeCloseTo(
      1.0130906212900672,
      12,
    );
    expect(estimateTrend(blocky)?.pValue).toBeCloseTo(0.06058699197544303, 12);
    expect(autocorrelationInflation(creep, theilSenSlope(creep))).toBeCloseTo(
      -0.21642072213500763,
      12,
    );
    // n/n* < 1 never makes a trend look surer than the plain test says.
    expect(estimateTrend(creep)?.pValue).toBeCloseTo(1.23622000394849e-6, 15);
  });

  it("does not look for a trend in fewer than MIN_TREND_RUNS points", () => {
    expect(estimateTrend(creep.slice(0, MIN_TREND_RUNS - 1))).toBeUndefined();
    expect(estimateTrend(creep.slice(0, MIN_TREND_RUNS))).toBeDefined();
  });
});

describe("Mann–Kendall's S and variance are their definitions", () => {
  /** S = Σ_{i<j} sign(yⱼ − yᵢ), Var = (n(n−1)(2n+5) − Σ t(t−1)(2t+5)) / 18, tallied plainly. */
  function byDefinition(y: number[]): { s: number; variance: number } {
    let s = 0;
    for (let i = 0; i < y.length; i++)
      for (let j = i + 1; j < y.length; j++) s += Math.sign((y[j] as number) - (y[i] as number));
    const tally = new Map<number, number>();
    for (const v of y) tally.set(v, (tally.get(v) ?? 0) + 1);
    let ties = 0;
    for (const t of tally.values()) ties += t * (t - 1) * (2 * t + 5);
    const n = y.length;
    return { s, variance: (n * (n - 1) * (2 * n + 5) - ties) / 18 };
  }

  it("on noise, ties, zeros of both signs and series longer than a history", () => {
    const random = createRandom(16);
    for (let k = 0; k < 300; k++) {
      const n = 2 + (k % 90);
      const y = Array.from({ length: n }, (_, i) =>
        k % 3 === 0
          ? Math.round(random.next() * 4)
          : k % 3 === 1
            ? i % 2
              ? 0
              : -0
            : random.next(),
      );
      const { s, variance } = mannKendall(y);
      expect({ s, variance }).toEqual(byDefinition(y));
    }
  });

  it("gives NaN for S where a value is NaN, as the sign of NaN is", () => {
    expect(mannKendall([1, 2, Number.NaN, 3]).s).toBeNaN();
    expect(mannKendall([1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]).s).toBeNaN();
  });
});

describe("creep through compare()", () => {
  /** 14 baseline runs and the current one, each `step` slower than the one before. */
  function creeping(step: number, direction: "lower" | "higher" = "lower") {
    const rng = createRandom(11);
    const runs = Array.from({ length: 15 }, (_, i) =>
      results(
        [
          {
            samples: rounds(rng, (1 + step) ** i * Math.exp(0.004 * rng.normal()), 0.003),
            direction,
          },
        ],
        `c${i}`,
      ),
    );
    return compare({ baseline: runs.slice(0, 14), current: runs.slice(14) });
  }

  it("flags +1 % a run over 15 runs that no single step shows", () => {
    const report = creeping(0.01);
    const f = report.findings[0];
    expect(f?.trend?.flagged).toBe(true);
    expect(f?.trend?.runs).toBe(15);
    expect(f?.trend?.slopePerRun).toBeGreaterThan(0.007);
    expect(f?.trend?.slopePerRun).toBeLessThan(0.013);
    expect(f?.trend?.totalChange).toBeGreaterThan(0.1);
    expect(f?.reason).toContain("creeping");
  });
  it("does not flag a flat history", () => {
    expect(creeping(0).findings[0]?.trend?.flagged).toBe(false);
  });
  it("does not flag creep in the better direction", () => {
    const f = creeping(0.01, "higher").findings[0];
    expect(f?.trend?.totalChange).toBeLessThan(0);
    expect(f?.trend?.flagged).toBe(false);
  });
});
