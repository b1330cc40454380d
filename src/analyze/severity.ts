/**
 * From a shift with its interval and p-values to a verdict and a grade (docs/statistics.md,
 * "Severity"). Everything is measured in the worse direction: for a "lower is
 * better" metric worse = exp(d) − 1 (time up), for "higher is better" worse = 1 − exp(d)
 * (throughput down). Improvements are the same measure with the sign flipped.
 *
 *   worse →   0        5 %        10 %        20 %         40 %
 *             |  none   | Minor    | Moderate  |  Severe    | Critical
 *   A         |      [===*===]     |           |            |          Minor: significant,
 *             |         |          |           |            |          estimate in [5, 10)
 *   A'      [=|==*==]   |          |           |            |          Minor too: significant,
 *             |         |          |           |            |          estimate under 5 % but
 *             |         |          |           |            |          the interval reaches it
 *   B       [=|====*====|==========|===]       |            |          inconclusive: not
 *             |         |          |           |            |          significant, reaches 10 %
 *   C       [=|=*===]   |          |           |            |          unchanged: within noise
 *   D         |         |          |        [==|=========*==|===]      Severe, not Critical:
 *             |         |          |           |            |          conservative end < 20 %
 *   E         |         |          |           | [========*=|=====]    Critical: estimate ≥ 40 %,
 *             |         |          |           |            |          conservative end ≥ 20 %,
 *             |         |          |           |            |          p ≤ criticalAlpha / m, and
 *   E'        |         |          |           |[=======*===|=======]  the strict interval (level
 *             |         |          |           |            |          1 − criticalAlpha / m) also
 *             |         |          |           |            |          ends ≥ 20 %
 *
 * "Significant" is Holm-adjusted p ≤ alpha over every compared metric; Critical must also
 * clear criticalAlpha with Bonferroni, so many benchmarks cannot add up to a false failure.
 */

import type { Severity, Thresholds } from "../model/defaults.js";
import type { Direction } from "../model/types.js";
import type { LogShift } from "./shift.js";
import type { Verdict } from "./types.js";

/** Relative change in the worse direction for a log shift d (negative = better). */
export function worseChange(d: number, direction: Direction): number {
  return direction === "lower" ? Math.expm1(d) : -Math.expm1(d);
}

/** The interval end nearest to "no change", measured in the change's own direction. */
function conservativeEnd(s: LogShift, direction: Direction, regression: boolean): number {
  const a = worseChange(s.low, direction);
  const b = worseChange(s.high, direction);
  return regression ? Math.min(a, b) : -Math.max(a, b);
}

export interface GradeInput {
  shift: LogShift;
  direction: Direction;
  thresholds: Thresholds;
  /** Holm-adjusted p-value. */
  adjustedP: number;
  /** Bonferroni-adjusted p-value, for the Critical level. */
  strictP: number;
  /** Two-sided level of the strict interval a Critical's conservative end must also clear
   *  (1 − criticalAlpha / m: the Bonferroni level). */
  strictLevel: number;
  /** Changes smaller than this are never graded (the unknown-noise margin); 0 otherwise. */
  gradeFloor: number;
}

export interface Grade {
  verdict: Extract<Verdict, "regression" | "improvement" | "unchanged" | "inconclusive">;
  severity?: Severity;
  reason: string;
  /** Worse-direction change at each end of the interval (low ≤ high). */
  worstCase: number;
}

export function pct(x: number): string {
  const v = x * 100;
  const digits = Math.abs(v) < 10 ? 1 : 0;
  return `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(digits)} %`;
}

/** "12 %" without a sign. */
export function pctAbs(x: number): string {
  return pct(Math.abs(x)).slice(1);
}

function levelText(level: number): string {
  return `${Number((level * 100).toPrecision(6))} %`;
}

function pText(p: number): string {
  return p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`;
}

/**
 * A change that is not significant is "inconclusive" only when it is suggestive: its
 * interval reaches the Moderate line *and* its Holm-adjusted p-value is within this factor
 * of alpha. Otherwise it is within noise, and the finding says the smallest change the run
 * could have seen. Holm keeps the chance that any metric of an unchanged suite reaches
 * 2·alpha under 2·alpha, and only the worse side counts, so under no change at most about
 * alpha (5 %) of runs carry an inconclusive finding, however many metrics the suite has.
 * The interval alone (without this) called most runs of a many-metric suite inconclusive:
 * on real hosted-runner histories 82 % of commits (bench/corpus.bench.ts, docs/verdict.md).
 */
export const SUGGESTIVE_FACTOR = 2;

/** Changes pass through exp/log; a change written as exactly 20 % must still count as
 *  reaching the 20 % line after the round trip. */
const ROUND_TRIP_SLACK = 1e-12;

function atLeast(value: number, line: number): boolean {
  return value + ROUND_TRIP_SLACK >= line;
}

/** The band an estimate falls in, before the Critical conditions. */
export function band(size: number, t: Thresholds): Severity | undefined {
  if (atLeast(size, t.critical)) return "critical";
  if (atLeast(size, t.severe)) return "severe";
  if (atLeast(size, t.moderate)) return "moderate";
  if (atLeast(size, t.minor)) return "minor";
  return undefined;
}

export function grade(input: GradeInput): Grade {
  const { shift, direction, thresholds: t } = input;
  // The larger of the two ends, as sorting them gave it: a NaN leaves them in place, where
  // Math.max would turn both into NaN.
  const lowEnd = worseChange(shift.low, direction);
  const highEnd = worseChange(shift.high, direction);
  // biome-ignore lint/complexity/useMathMinMax: Math.max differs on NaN (see above)
  const highWorse = lowEnd > highEnd ? lowEnd : highEnd;
  const worse = worseChange(shift.estimate, direction);
  const significant = input.adjustedP <= t.alpha;

  if (!significant) {
    if (atLeast(highWorse, t.moderate) && input.adjustedP <= SUGGESTIVE_FACTOR * t.alpha) {
      return {
        verdict: "inconclusive",
        reason: `not significant (${pText(input.adjustedP)} after Holm), but the interval reaches ${pct(highWorse)} worse, past the Moderate line (${pct(t.moderate)})`,
        worstCase: highWorse,
      };
    }
    return {
      verdict: "unchanged",
      reason: `within noise (${pText(input.adjustedP)} after Holm)`,
      worstCase: highWorse,
    };
  }

  const regression = worse > 0;
  const size = Math.abs(worse);
  const floor = Math.max(t.tolerance, t.minor, input.gradeFloor);
  // The far end of the interval in the change's own direction: how large it may be.
  const farEnd = regression ? highWorse : -Math.min(lowEnd, highEnd);
  if (!atLeast(size, floor)) {
    // "Under the tolerance" means shown to be under it. A real change whose estimate sits
    // just below the line but whose interval reaches past it may well be a Minor one:
    // grading it so is what lets a true 5 % change be caught more often than a coin flip.
    // Not with an assumed (unknown) noise, where the intervals are wide by construction.
    const mayReachMinor = input.gradeFloor === 0 && atLeast(farEnd, floor);
    if (!mayReachMinor) {
      return {
        verdict: "unchanged",
        reason: `${regression ? "worse" : "better"} by ${pctAbs(size)}: significant but under the ${pctAbs(floor)} tolerance`,
        worstCase: highWorse,
      };
    }
    return {
      verdict: regression ? "regression" : "improvement",
      severity: "minor",
      reason: `${regression ? "worse" : "better"} by ${pctAbs(size)} (${pText(input.adjustedP)} after Holm); the interval reaches ${pctAbs(farEnd)}, past the ${pctAbs(floor)} tolerance`,
      worstCase: highWorse,
    };
  }
  let severity = band(size, t) ?? "minor";
  let why = `${regression ? "worse" : "better"} by ${pctAbs(size)} (${pText(input.adjustedP)} after Holm)`;
  if (severity === "critical") {
    const conservative = conservativeEnd(shift, direction, regression);
    const strict = shift.intervalAt(input.strictLevel);
    const strictEnd = strict
      ? conservativeEnd({ ...shift, ...strict }, direction, regression)
      : Number.NEGATIVE_INFINITY;
    if (!atLeast(conservative, t.criticalConservative)) {
      severity = "severe";
      why += `; not Critical: the interval's conservative end is ${pctAbs(conservative)}, under ${pctAbs(t.criticalConservative)}`;
    } else if (input.strictP > t.criticalAlpha) {
      severity = "severe";
      why += `; not Critical: p = ${input.strictP.toPrecision(2)} after Bonferroni is above ${t.criticalAlpha}`;
    } else if (!atLeast(strictEnd, t.criticalConservative)) {
      severity = "severe";
      why += strict
        ? `; not Critical: at the strict level (${levelText(input.strictLevel)}) the conservative end is ${pctAbs(strictEnd)}, under ${pctAbs(t.criticalConservative)}`
        : `; not Critical: too few rounds for an interval at the strict level (${levelText(input.strictLevel)})`;
    }
  }
  return {
    verdict: regression ? "regression" : "improvement",
    severity,
    reason: why,
    worstCase: highWorse,
  };
}
