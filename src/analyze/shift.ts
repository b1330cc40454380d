/**
 * The shared shape of a statistical model's answer: a shift on the log scale (log current −
 * log baseline), so a relative change is exp(shift) − 1 and ratios compose symmetrically.
 */
export interface LogShift {
  /** Point estimate of the log shift. */
  estimate: number;
  /** Interval at `level` (two-sided) on the log scale. */
  low: number;
  high: number;
  /** The level actually achieved (exact paired intervals have discrete levels). */
  level: number;
  /** Two-sided p-value of "no shift". */
  pValue: number;
  /** Half-width of a two-sided interval at another level, or undefined when this model
   *  cannot reach that level with the data it has. */
  halfWidthAt(level: number): number | undefined;
  /** The interval at another level (log scale), or undefined when out of reach. */
  intervalAt(level: number): { low: number; high: number } | undefined;
}
