import { describe, expect, it } from "vitest";
import {
  HOSTED_RUNNER_NOISE,
  type NoiseModel,
  runFactor,
  simulatePairs,
  simulateRun,
} from "../../bench/lib/noise.js";
import { createRandom, lognormalFactor, sampleIndices } from "../../bench/lib/random.js";

const QUIET: NoiseModel = { ...HOSTED_RUNNER_NOISE, outlierRate: 0, slowRunnerRate: 0 };

function cv(values: number[]): number {
  const m = values.reduce((s, x) => s + x, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, x) => s + (x - m) ** 2, 0) / (values.length - 1));
  return sd / m;
}

describe("createRandom randomness", () => {
  it("repeats a sequence for the same seed and differs for another", () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const xs = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(xs);
    expect(c.next()).not.toBe(xs[0]);
  });

  it("draws standard normals with mean 0 and sd 1", () => {
    const r = createRandom(1);
    const xs = Array.from({ length: 40_000 }, () => r.normal());
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
    expect(Math.abs(m)).toBeLessThan(0.02);
    expect(sd).toBeGreaterThan(0.98);
    expect(sd).toBeLessThan(1.02);
  });

  it.each([0.015, 0.03, 0.2])(
    "a lognormal factor with CV %s has that CV and median 1",
    (target) => {
      const r = createRandom(2);
      const xs = Array.from({ length: 40_000 }, () => lognormalFactor(r, target));
      expect(cv(xs)).toBeGreaterThan(target * 0.95);
      expect(cv(xs)).toBeLessThan(target * 1.05);
      const sorted = [...xs].sort((x, y) => x - y);
      expect(Math.abs((sorted[20_000] as number) - 1)).toBeLessThan(target * 0.05);
    },
  );

  it("picks distinct indices", () => {
    const picks = sampleIndices(createRandom(3), 25, 20);
    expect(new Set(picks).size).toBe(20);
    expect(picks.every((i) => i >= 0 && i < 25)).toBe(true);
  });
});

describe("the simulated noise model", () => {
  it("spreads whole runs by the configured run CV and rounds by the round CV", () => {
    const r = createRandom(4);
    const runs = Array.from({ length: 4000 }, () => simulateRun(QUIET, r, 5, 1));
    const runMeans = runs.map((rounds) => rounds.reduce((s, x) => s + x, 0) / rounds.length);
    // A run's mean carries the run factor plus round noise averaged over 5 rounds.
    const expected = Math.sqrt(QUIET.runCV ** 2 + QUIET.roundCV ** 2 / 5);
    expect(cv(runMeans)).toBeGreaterThan(expected * 0.93);
    expect(cv(runMeans)).toBeLessThan(expected * 1.07);
    const within = runs.map((rounds) => cv(rounds));
    const meanWithin = within.reduce((s, x) => s + x, 0) / within.length;
    // The sample CV of 5 values underestimates σ (c4(5) ≈ 0.94); allow for it.
    expect(meanWithin).toBeGreaterThan(QUIET.roundCV * 0.85);
    expect(meanWithin).toBeLessThan(QUIET.roundCV * 1.05);
  });

  it("slows about outlierRate of rounds by 10–50 % and never speeds one up", () => {
    const model: NoiseModel = { ...QUIET, runCV: 0, roundCV: 0 };
    const r = createRandom(5);
    const rounds = Array.from({ length: 20_000 }, () => simulateRun(model, r, 1, 1)[0] as number);
    const slowed = rounds.filter((x) => x > 1);
    expect(slowed.length).toBe(0);
    const withOutliers = { ...model, outlierRate: 0.03 };
    const r2 = createRandom(5);
    const xs = Array.from(
      { length: 20_000 },
      () => simulateRun(withOutliers, r2, 1, 1)[0] as number,
    );
    const outliers = xs.filter((x) => x > 1);
    expect(outliers.length / xs.length).toBeGreaterThan(0.025);
    expect(outliers.length / xs.length).toBeLessThan(0.035);
    expect(Math.min(...outliers)).toBeGreaterThanOrEqual(1.1);
    expect(Math.max(...outliers)).toBeLessThanOrEqual(1.5);
    expect(Math.min(...xs)).toBe(1);
  });

  it("puts about slowRunnerRate of runs on a degraded runner", () => {
    const model: NoiseModel = { ...QUIET, runCV: 0, slowRunnerRate: 0.05 };
    const r = createRandom(6);
    const factors = Array.from({ length: 20_000 }, () => runFactor(model, r));
    const slow = factors.filter((f) => f >= 1.1).length / factors.length;
    expect(slow).toBeGreaterThan(0.04);
    expect(slow).toBeLessThan(0.06);
  });

  it("cancels the session and drift in paired mode: per-pair ratios spread by round noise only", () => {
    const model: NoiseModel = { ...QUIET, runCV: 0.3, pairDriftCV: 0.1 };
    const r = createRandom(7);
    const ratios: number[] = [];
    const bases: number[] = [];
    for (let s = 0; s < 200; s++) {
      const { base, head } = simulatePairs(model, r, 20, 1, 1.1);
      base.forEach((b, i) => {
        ratios.push((head[i] as number) / b);
        bases.push(b);
      });
    }
    // Sessions (CV 30 %) and drift (10 %) move the base side a lot …
    expect(cv(bases)).toBeGreaterThan(0.25);
    // … but the ratio keeps only the two sides' own round noise, √2 × 1.5 %, around 1.1.
    const mean = ratios.reduce((s, x) => s + x, 0) / ratios.length;
    expect(mean).toBeGreaterThan(1.099);
    expect(mean).toBeLessThan(1.102);
    expect(cv(ratios)).toBeGreaterThan(Math.SQRT2 * model.roundCV * 0.93);
    expect(cv(ratios)).toBeLessThan(Math.SQRT2 * model.roundCV * 1.07);
  });
});
