/**
 * The t and normal distributions and the special functions under them, against scipy 1.10.1
 * (Debian python3-scipy). Each expected number was printed by the scipy call written next
 * to it, e.g. `/usr/bin/python3 -c 'from scipy import stats; print(repr(stats.t.cdf(-2.5, 3)))'`.
 */
import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile } from "../../src/analyze/normal.js";
import { lnGamma, regularizedBeta, regularizedGammaQ } from "../../src/analyze/specialFunctions.js";
import { tCdf, tQuantile, tTwoSidedP } from "../../src/analyze/studentT.js";

const RELATIVE = 1e-9;

function close(actual: number, expected: number, rel = RELATIVE): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + 1e-300);
}

describe("Student's t CDF matches scipy.stats.t.cdf", () => {
  it.each([
    [-2.5, 3, 0.04385332350403277], // stats.t.cdf(-2.5, 3)
    [0.7, 1, 0.6944001122142147], // stats.t.cdf(0.7, 1)
    [1.96, 10, 0.9607818798761502], // stats.t.cdf(1.96, 10)
    [-0.3, 29, 0.3831585466644839], // stats.t.cdf(-0.3, 29)
    [4.0, 5, 0.9948382922595843], // stats.t.cdf(4.0, 5)
    [2.2, 1000, 0.9859824873366511], // stats.t.cdf(2.2, 1000)
  ])("t = %f, df = %i", (t, df, expected) => close(tCdf(t, df), expected));
});

describe("Student's t quantile matches scipy.stats.t.ppf", () => {
  it.each([
    [0.975, 1, 12.706204736432095], // stats.t.ppf(0.975, 1)
    [0.975, 2, 4.302652729911275], // stats.t.ppf(0.975, 2)
    [0.975, 4, 2.7764451051977987], // stats.t.ppf(0.975, 4)
    [0.975, 19, 2.093024054408263], // stats.t.ppf(0.975, 19)
    [0.975, 29, 2.045229642132703], // stats.t.ppf(0.975, 29)
    [0.995, 9, 3.2498355440153697], // stats.t.ppf(0.995, 9)
    [0.9995, 19, 3.8834058494834194], // stats.t.ppf(0.9995, 19)
    [0.999975, 4, 18.522398433405243], // stats.t.ppf(0.999975, 4)
    [0.6, 3, 0.27667066230490933], // stats.t.ppf(0.6, 3)
  ])("p = %f, df = %i", (p, df, expected) => {
    close(tQuantile(p, df), expected);
    close(tQuantile(1 - p, df), -expected, 1e-8);
  });
});

describe("two-sided t p-values match 2·scipy.stats.t.sf", () => {
  it.each([
    [3.1, 19, 0.005895120947890746], // 2*stats.t.sf(3.1, 19)
    [12.0, 29, 9.060708333137178e-13], // 2*stats.t.sf(12.0, 29)
  ])("t = %f, df = %i", (t, df, expected) => {
    close(tTwoSidedP(t, df), expected);
    close(tTwoSidedP(-t, df), expected);
  });
});

describe("normal distribution matches scipy.stats.norm", () => {
  it.each([
    [-6, 9.865876450376946e-10], // stats.norm.cdf(-6)
    [-1.5, 0.06680720126885807], // stats.norm.cdf(-1.5)
    [0.3, 0.6179114221889526], // stats.norm.cdf(0.3)
    [2.0, 0.9772498680518208], // stats.norm.cdf(2.0)
  ])("cdf(%f)", (x, expected) => close(normalCdf(x), expected));
  it.each([
    [1e-10, -6.361340902404056], // stats.norm.ppf(1e-10)
    [0.001, -3.090232306167813], // stats.norm.ppf(0.001)
    [0.025, -1.9599639845400545], // stats.norm.ppf(0.025)
    [0.3, -0.5244005127080409], // stats.norm.ppf(0.3)
    [0.975, 1.959963984540054], // stats.norm.ppf(0.975)
    [0.9999, 3.719016485455709], // stats.norm.ppf(0.9999)
  ])("quantile(%f)", (p, expected) => close(normalQuantile(p), expected));
  it("has infinite quantiles at 0 and 1 and a NaN CDF of NaN", () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});

describe("special functions match scipy.special", () => {
  it("regularized incomplete beta", () => {
    close(regularizedBeta(0.3, 2.5, 0.5), 0.01892712407194565); // special.betainc(2.5, 0.5, 0.3)
    close(regularizedBeta(0.95, 10, 0.5), 0.3171515754655451); // special.betainc(10, 0.5, 0.95)
  });
  it("regularized upper incomplete gamma", () => {
    close(regularizedGammaQ(0.5, 2.0), 0.04550026389635857); // special.gammaincc(0.5, 2.0)
    close(regularizedGammaQ(3.0, 0.5), 0.9856123220330293); // special.gammaincc(3.0, 0.5)
  });
  it("log-gamma", () => {
    close(lnGamma(0.5), 0.5723649429247, 1e-12); // special.gammaln(0.5)
    close(lnGamma(10.3), 13.482036786138359, 1e-12); // special.gammaln(10.3)
    close(lnGamma(150), 600.0094705553274, 1e-12); // special.gammaln(150.0)
  });
});
