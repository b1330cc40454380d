/**
 * Small summaries of one sample that every model uses. They never sort the caller's array
 * and never throw on an empty one (they return NaN, which the models turn into warnings).
 */
import { median as ssMedian } from "simple-statistics";

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return ssMedian([...values]);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n − 1 in the denominator); NaN below two values. */
export function sampleSd(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

/** Median absolute deviation from the median (raw, not scaled to σ). */
export function mad(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/** True when every value equals the first (an empty sample is not "constant"). */
export function isConstant(values: readonly number[]): boolean {
  return values.length > 0 && values.every((v) => v === values[0]);
}
