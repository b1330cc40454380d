/**
 * Prints DEFAULT_LINES for src/analyze/maxRankLine.ts: the permutation line of the largest
 * rank statistic for each grid segment length up to 512, at the change-point defaults.
 *
 *   npx tsx scripts/max-rank-lines.ts
 */
import { DEFAULT_LINE_OPTIONS, gridLengths, simulatedLine } from "../src/analyze/maxRankLine.js";

const PERMUTATIONS = 40_000;
const { minSegment, alpha } = DEFAULT_LINE_OPTIONS;
const entries = gridLengths(minSegment, 512).map(
  // Rounded up: a line a little high errs on the cautious side.
  (m) =>
    `${m}: ${(Math.ceil(simulatedLine(m, minSegment, alpha, PERMUTATIONS) * 1000) / 1000).toFixed(3)}`,
);
console.log(`{ ${entries.join(", ")} }`);
