/**
 * Small summaries of one sample that every model uses. They never sort the caller's array
 * and never throw on an empty one (they return NaN, which the models turn into warnings):
 * simple-statistics does the arithmetic where it has the method, behind that contract (it
 * throws on empty samples); medians come from util/quantiles.ts.
 */
import * as ss from "simple-statistics";

export { median, medianInPlace } from "../util/quantiles.js";

/** Arithmetic mean (simple-statistics, compensated summation); NaN when empty. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : ss.mean(values as number[]);
}

/** Sample standard deviation (n − 1 in the denominator); NaN below two values. */
export function sampleSd(values: readonly number[]): number {
  return values.length < 2 ? Number.NaN : ss.sampleStandardDeviation(values as number[]);
}

/** Median absolute deviation from the median (raw, not scaled to σ); NaN when empty. */
export function mad(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : ss.medianAbsoluteDeviation(values as number[]);
}

/** True when every value equals the first (an empty sample is not "constant"). */
export function isConstant(values: readonly number[]): boolean {
  return values.length > 0 && values.every((v) => v === values[0]);
}
