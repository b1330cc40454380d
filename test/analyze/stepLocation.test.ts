import { describe, expect, it } from "vitest";
import { createRandom } from "../../src/analyze/random.js";
import { locateStep, residualDensity, residuals } from "../../src/analyze/stepLocation.js";

/** Log values: noise around 0, + step from `at` on, with slow runs (+0.4) at `slow`. */
function logSeries(n: number, at: number, step: number, slow: number[], seed: number): number[] {
  const random = createRandom(seed);
  return Array.from(
    { length: n },
    (_, i) => 0.03 * random.normal() + (i >= at ? step : 0) + (slow.includes(i) ? 0.4 : 0),
  );
}

/** The least-squares split, as the detector placed steps before. */
function leastSquares(y: number[], minSegment: number): number {
  let best = minSegment;
  let bestScore = -1;
  for (let k = minSegment; k <= y.length - minSegment; k++) {
    const l = y.slice(0, k);
    const r = y.slice(k);
    const d = l.reduce((a, b) => a + b, 0) / l.length - r.reduce((a, b) => a + b, 0) / r.length;
    const score = ((l.length * r.length) / y.length) * d * d;
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return best;
}

describe("placing a step by likelihood under the series' own noise", () => {
  it("slow runs just before a +15 % step pull the least-squares split off it but not the likelihood", () => {
    // Runs 14–17 are slow (+49 %): four high values next to the step at 20.
    const y = logSeries(60, 20, 0.14, [14, 15, 16, 17, 40], 5);
    expect(leastSquares(y, 3)).not.toBe(20);
    const density = residualDensity(residuals(y, [20]));
    expect(density).toBeDefined();
    if (!density) return;
    expect(locateStep(y, 0, leastSquares(y, 3), 60, 3, density)).toBe(20);
  });

  it("on clean normal noise it agrees with the least-squares split", () => {
    const y = logSeries(50, 31, 0.1, [], 9);
    const density = residualDensity(residuals(y, [31]));
    if (!density) throw new Error("no density");
    expect(locateStep(y, 0, 25, 50, 3, density)).toBe(leastSquares(y, 3));
  });

  it("a series without spread has no density to locate by", () => {
    expect(residualDensity(new Array(30).fill(0))).toBeUndefined();
  });
});
