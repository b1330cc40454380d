/**
 * Numbers for people: values with their unit, relative changes as percentages, intervals.
 * Shared by every renderer so the comment, the summary and the terminal agree.
 *
 * Values go through the model's `formatValue` (src/model/units.ts), the one place that
 * knows about units.
 */

import { canonicalUnit, formatValue, toCanonical } from "../model/units.js";

/** Decimal places shown for percentages: 12.3 %. */
const PERCENT_DECIMALS = 1;

export { formatValue };

/**
 * The scale formatValue picks for a value: "9.41 Gbit/s" → factor 1, "Gbit/s";
 * 0.00123 s → factor 0.001, "ms". Charts use it to plot a series in one readable unit.
 */
export function displayScale(value: number, unit: string): { factor: number; unit: string } {
  const shown = formatValue(value, unit);
  const space = shown.indexOf(" ");
  const suffix = space < 0 ? "" : shown.slice(space + 1);
  if (!suffix || suffix === unit || canonicalUnit(suffix) !== unit) return { factor: 1, unit };
  return { factor: toCanonical(1, suffix).value, unit: suffix };
}

/** A relative change as a signed percentage: 0.123 → "+12.3%". */
export function formatPercent(relative: number): string {
  if (!Number.isFinite(relative)) return String(relative);
  const percent = relative * 100;
  const text = Math.abs(percent).toFixed(PERCENT_DECIMALS);
  // -0.04 % rounds to "0.0": show it without a sign rather than as "-0.0%".
  if (Number(text) === 0) return `${text}%`;
  return `${percent < 0 ? "-" : "+"}${text}%`;
}

/** A change with its interval: "+12.3% [+8.1%, +16.4%]". */
export function formatChange(change: { estimate: number; low: number; high: number }): string {
  return `${formatPercent(change.estimate)} [${formatPercent(change.low)}, ${formatPercent(change.high)}]`;
}

/** A confidence level as people write it: 0.95 → "95%". */
export function formatLevel(level: number): string {
  return `${Number((level * 100).toFixed(1))}%`;
}

/** An unsigned relative size: 0.06 → "6.0%" (thresholds, smallest detectable change). */
export function formatSize(relative: number): string {
  return `${(relative * 100).toFixed(PERCENT_DECIMALS)}%`;
}
