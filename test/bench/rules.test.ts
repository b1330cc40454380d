import { describe, expect, it } from "vitest";
import {
  bencherTTestAlerts,
  githubActionBenchmarkAlerts,
  pairedTTestAlerts,
  predictionIntervalAlerts,
} from "../../bench/lib/rules.js";
import { markdownTable } from "../../bench/lib/table.js";
import { tCdf as studentTCdf, tQuantile as studentTQuantile } from "../../src/analyze/studentT.js";

describe("Student's t quantiles", () => {
  // Reference values: scipy.stats.t.ppf (SciPy 1.x), and Bencher's own unit test
  // (lib/bencher_boundary/src/limits: T_LIMIT = 1.1557673428942912 for 0.85, ν = 5).
  it.each([
    [0.99, 19, 2.539483191],
    [0.99, 4, 3.746947388],
    [0.975, 10, 2.228138852],
    [0.85, 5, 1.1557673428942912],
    [0.99, 1, 31.82051595],
    [0.01, 19, -2.539483191],
  ])("t(%s, ν=%s) = %s", (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 6);
  });

  it("inverts its CDF", () => {
    expect(studentTCdf(studentTQuantile(0.9, 7), 7)).toBeCloseTo(0.9, 9);
    expect(studentTCdf(0, 3)).toBeCloseTo(0.5, 12);
  });
});

describe("github-action-benchmark's rule (findAlerts.ts)", () => {
  it("alerts only when the ratio in the worse direction is strictly above the threshold", () => {
    expect(githubActionBenchmarkAlerts(100, 200, "lower", 2)).toBe(false);
    expect(githubActionBenchmarkAlerts(100, 200.1, "lower", 2)).toBe(true);
    expect(githubActionBenchmarkAlerts(100, 111, "lower", 1.1)).toBe(true);
    expect(githubActionBenchmarkAlerts(100, 109, "lower", 1.1)).toBe(false);
  });

  it("uses previous / current when bigger is better", () => {
    expect(githubActionBenchmarkAlerts(200, 99, "higher", 2)).toBe(true);
    expect(githubActionBenchmarkAlerts(200, 101, "higher", 2)).toBe(false);
    expect(githubActionBenchmarkAlerts(100, 300, "higher", 1.1)).toBe(false);
  });
});

describe("the Bencher-style t-test threshold", () => {
  // mean 10, sample sd 1 (n = 5): limit = 10 + t(0.99, ν=4) × 1 = 13.7469…
  const history = [8.5, 9.5, 10, 10.5, 11.5].map((x) => x);
  const sd = Math.sqrt(history.reduce((s, x) => s + (x - 10) ** 2, 0) / 4);
  const limit = 10 + sd * 3.746947388;

  it("alerts above mean + t·sd for smaller-is-better, on both sides of the limit", () => {
    expect(bencherTTestAlerts(history, limit + 1e-6, "lower")).toBe(true);
    expect(bencherTTestAlerts(history, limit - 1e-6, "lower")).toBe(false);
  });

  it("mirrors the limit below the mean for bigger-is-better", () => {
    const lower = 20 - limit;
    expect(bencherTTestAlerts(history, lower - 1e-6, "higher")).toBe(true);
    expect(bencherTTestAlerts(history, lower + 1e-6, "higher")).toBe(false);
    expect(bencherTTestAlerts(history, 100, "higher")).toBe(false);
  });

  it("needs two history values to have a spread", () => {
    expect(bencherTTestAlerts([10], 1000, "lower")).toBe(false);
  });
});

describe("benchmark tables", () => {
  it("escapes cells so names cannot break the table or inject HTML", () => {
    const table = markdownTable(["name", "value"], [["a|b <img>", "5.0 %"]]);
    expect(table).toBe(
      ["| name | value |", "|---|---:|", "| a\\|b &lt;img&gt; | 5.0 % |"].join("\n"),
    );
  });
});

describe("the reference tests", () => {
  it("flags a run outside the 95 % prediction interval of the log history, worse side only", () => {
    // log values 0, ±0.1 …: mean 0, sd of [−0.1, 0, 0.1] = 0.1; t(0.975, 2) = 4.302653;
    // half-width = 4.302653 × 0.1 × √(4/3) = 0.496828.
    const history = [-0.1, 0, 0.1].map(Math.exp);
    expect(predictionIntervalAlerts(history, Math.exp(0.4968), "lower")).toBe(false);
    expect(predictionIntervalAlerts(history, Math.exp(0.4969), "lower")).toBe(true);
    expect(predictionIntervalAlerts(history, Math.exp(-0.6), "lower")).toBe(false);
    expect(predictionIntervalAlerts(history, Math.exp(-0.4969), "higher")).toBe(true);
  });

  it("runs a paired t-test on log ratios", () => {
    // d = log ratios 0.1, 0.2, 0.3: mean 0.2, sd 0.1, t(0.975, 2)·sd/√3 = 0.248414.
    const base = [1, 1, 1];
    expect(pairedTTestAlerts(base, [0.1, 0.2, 0.3].map(Math.exp), "lower")).toBe(false);
    expect(pairedTTestAlerts(base, [0.15, 0.25, 0.35].map(Math.exp), "lower")).toBe(true);
    expect(pairedTTestAlerts(base, [0.15, 0.25, 0.35].map(Math.exp), "higher")).toBe(false);
  });
});
