/**
 * A metric's recent history in one line of Unicode block characters, for a table cell:
 * "▂▁▂▃▂▁▂▂▁▂→█" is the baseline runs, oldest first, then this run after the arrow. Eight
 * heights over the range of the points shown, so a jump out of a flat history stands out and
 * a noisy history looks noisy. It replaces a tall chart per metric.
 */

/** The eight block heights, lowest first. */
const BLOCKS = "▁▂▃▄▅▆▇█";

/** Baseline runs shown at most: the newest ones. A cell, not a chart: twelve keep a row of
 *  the comment's table on one line at 900 px, and show a step or a drift as well as twenty. */
export const SPARKLINE_RUNS = 12;

/** Marks the current run: it follows the arrow. */
export const CURRENT_MARK = "→";

/** `series`: baseline runs oldest first, then the current run (Finding.series). Undefined
 *  when there is no history to compare with or a point is not a finite number. */
export function sparkline(series: readonly number[]): string | undefined {
  if (series.length < 2 || !series.every(Number.isFinite)) return undefined;
  const points = series.slice(-(SPARKLINE_RUNS + 1));
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    low = Math.min(low, p);
    high = Math.max(high, p);
  }
  const span = high - low;
  const block = (p: number) =>
    // A flat history sits mid-height rather than on the floor, so it does not read as "low".
    span > 0 ? BLOCKS[Math.min(7, Math.floor(((p - low) / span) * 8))] : BLOCKS[3];
  const history = points.slice(0, -1).map(block).join("");
  return `${history}${CURRENT_MARK}${block(points.at(-1) as number)}`;
}
