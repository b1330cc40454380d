import { describe, expect, it } from "vitest";
import {
  DEFAULT_LINE_OPTIONS,
  DEFAULT_LINES,
  gridLengths,
  maxRankLine,
  simulatedLine,
} from "../../src/analyze/maxRankLine.js";
import { normalQuantile } from "../../src/analyze/normal.js";
import { rankSumZ } from "../../src/analyze/rankSumExact.js";

/** The largest split statistic of one arrangement of the ranks 1…m (each side ≥ s). */
function maxZ(ranks: readonly number[], s: number): number {
  const m = ranks.length;
  let sum = 0;
  let max = 0;
  for (let k = 1; k <= m - s; k++) {
    sum += ranks[k - 1] as number;
    if (k >= s) max = Math.max(max, rankSumZ(sum, k, m));
  }
  return max;
}

/** Every arrangement of 1…m (Heap's algorithm), each passed to `visit`. */
function everyArrangement(m: number, visit: (a: readonly number[]) => void): void {
  const a = Array.from({ length: m }, (_, i) => i + 1);
  const c = new Array<number>(m).fill(0);
  visit(a);
  for (let i = 0; i < m; ) {
    if ((c[i] as number) < i) {
      const j = i % 2 === 0 ? 0 : (c[i] as number);
      [a[j], a[i]] = [a[i] as number, a[j] as number];
      visit(a);
      c[i] = (c[i] as number) + 1;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

/** The exact chance, over all m! arrangements, that the largest statistic is above `line`. */
function exactExceedance(m: number, s: number, line: number): number {
  let above = 0;
  let all = 0;
  everyArrangement(m, (a) => {
    all++;
    if (maxZ(a, s) > line) above++;
  });
  return above / all;
}

describe("the permutation line of the largest rank statistic", () => {
  it("against all 8! arrangements: the simulated line for α = 0.05 leaves at most 5 % of them above it, and the next lower value more", () => {
    // m = 8, sides ≥ 2, α = 0.05 are not the defaults: the line is simulated at run time.
    const line = maxRankLine(8, 2, 0.05, Number.POSITIVE_INFINITY);
    expect(exactExceedance(8, 2, line)).toBeLessThanOrEqual(0.05);
    // Not needlessly cautious: a little below the line, the exact rate is over α. (The
    // statistic is discrete; its values near the line are apart by more than 0.05.)
    expect(exactExceedance(8, 2, line - 0.05)).toBeGreaterThan(0.05);
  });

  it("the table for the defaults agrees with a fresh simulation on another seed", () => {
    const { minSegment, alpha } = DEFAULT_LINE_OPTIONS;
    for (const m of [20, 50, 102]) {
      const fresh = simulatedLine(m, minSegment, alpha, 8000, 4242 + m);
      expect(Math.abs((DEFAULT_LINES[m] as number) - fresh)).toBeLessThan(0.12);
    }
  });

  it("every grid length up to 512 has a line in the table", () => {
    const { minSegment } = DEFAULT_LINE_OPTIONS;
    for (const m of gridLengths(minSegment, 512)) expect(DEFAULT_LINES[m]).toBeTypeOf("number");
  });

  it.each([
    // Reference values: the Bonferroni line, the permutation line from the table.
    { m: 20, line: 3.171 },
    { m: 100, line: 3.567 },
    { m: 200, line: 3.616 },
  ])("$m runs: about 0.2–0.4 below Bonferroni's line, never above it", ({ m, line }) => {
    const bonferroni = normalQuantile(1 - 0.01 / (2 * (m - 5)));
    const got = maxRankLine(m, 3, 0.01, bonferroni);
    expect(got).toBeGreaterThanOrEqual(line);
    expect(got).toBeLessThan(line + 0.05);
    expect(bonferroni - got).toBeGreaterThan(0.2);
    expect(maxRankLine(m, 3, 0.01, 2)).toBe(2);
  });

  it("a segment between two grid lengths takes a line no lower than any shorter one's", () => {
    let last = 0;
    for (let m = 6; m <= 300; m++) {
      const line = maxRankLine(m, 3, 0.01, Number.POSITIVE_INFINITY);
      expect(line).toBeGreaterThanOrEqual(last);
      last = line;
    }
  });
});
