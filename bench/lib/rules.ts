/**
 * The competitors' alert rules, applied to the same data as perfgate in the verdict benchmark.
 * Both see one number per run (per side in paired mode): the mean of its rounds, which is what
 * the tools they read (benchmark.js, pytest-benchmark, criterion, go test) report.
 */

import { tQuantile as studentTQuantile } from "../../src/analyze/studentT.js";
import type { Direction } from "../../src/model/types.js";

/**
 * github-action-benchmark: the current value against the previous single value; alert when
 * the ratio in the worse direction exceeds the threshold (default `alert-threshold: 200%`;
 * 110 % is a common tighter setting). Source: benchmark-action/github-action-benchmark,
 * src/write/findAlerts.ts — `ratio = biggerIsBetter ? prev / current : current / prev;
 * if (ratio > threshold) alert`.
 */
export function githubActionBenchmarkAlerts(
  previous: number,
  current: number,
  direction: Direction,
  threshold: number,
): boolean {
  const ratio = direction === "higher" ? previous / current : current / previous;
  return ratio > threshold;
}

/** Bencher's default-looking t-test boundary: one-sided 99 % (`--threshold-upper-boundary 0.99`). */
export const BENCHER_BOUNDARY = 0.99;

/**
 * Bencher's Student's t-test threshold: from the history's mean and sample standard deviation
 * it builds a t distribution with location = mean, scale = std dev and ν = n − 1, and alerts
 * when the new value is past its `boundary` percentile (upper limit for smaller-is-better;
 * the lower limit is the upper one mirrored about the mean). Sources: bencher.dev/docs/
 * explanation/thresholds ("Student's t-test", upper/lower boundary as a percentile) and
 * bencherdev/bencher lib/bencher_boundary/src/limits — `StudentsT::new(mean, std_dev, freedom)
 * .inverse_cdf(boundary)`, lower = 2·mean − limit. Note there is no √(1 + 1/n) factor: it is
 * the spread of the history, not a prediction interval for one new value.
 */
export function bencherTTestAlerts(
  history: readonly number[],
  current: number,
  direction: Direction,
  boundary = BENCHER_BOUNDARY,
): boolean {
  const n = history.length;
  if (n < 2) return false;
  const mean = history.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(history.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const upper = mean + sd * studentTQuantile(boundary, n - 1);
  return direction === "lower" ? current > upper : current < 2 * mean - upper;
}

export function mean(values: readonly number[]): number {
  return values.reduce((s, x) => s + x, 0) / values.length;
}

/**
 * Reference, not a competitor: the textbook test a statistician would start from, to show how
 * much power the noise leaves at all. History: is the current run's log value outside the 95 %
 * prediction interval of the history's log values, mean ± t(0.975, n−1)·sd·√(1 + 1/n), on the
 * worse side? Paired: a paired t-test on the per-pair log ratios, two-sided 95 %, worse side.
 */
export function predictionIntervalAlerts(
  history: readonly number[],
  current: number,
  direction: Direction,
  level = 0.95,
): boolean {
  const logs = history.map(Math.log);
  const n = logs.length;
  if (n < 2) return false;
  const m = mean(logs);
  const sd = Math.sqrt(logs.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1));
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * sd * Math.sqrt(1 + 1 / n);
  const worse = direction === "lower" ? Math.log(current) - m : m - Math.log(current);
  return worse > half;
}

export function pairedTTestAlerts(
  base: readonly number[],
  head: readonly number[],
  direction: Direction,
  level = 0.95,
): boolean {
  const d = base.map((b, i) => Math.log((head[i] as number) / b));
  const n = d.length;
  if (n < 2) return false;
  const m = mean(d);
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1));
  const half = (studentTQuantile(1 - (1 - level) / 2, n - 1) * sd) / Math.sqrt(n);
  return (direction === "lower" ? m : -m) > half;
}
