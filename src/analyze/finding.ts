/**
 * From one analyzed metric, once the family's adjusted p-values are known, to the Finding a
 * person reads: grade, interval, limits, smallest detectable change, what would decide an
 * inconclusive result, trend, and a one-line reason.
 */

import { SEVERITIES } from "../model/defaults.js";
import type { Analysis } from "./analysis.js";
import { bonferroni } from "./holm.js";
import { type Grade, grade, pctAbs, worseChange } from "./severity.js";
import type { Finding, Trend } from "./types.js";

/** A finding with nothing measured yet: names, unit and direction only. */
export function bare(
  a: Pick<Finding, "benchmark" | "metric" | "unit" | "direction">,
): Omit<Finding, "verdict" | "reason"> {
  return {
    benchmark: a.benchmark,
    metric: a.metric,
    unit: a.unit,
    direction: a.direction,
    flags: [],
    series: [],
  };
}

/** A limit from the config that the current centre breaches. */
function breachedLimit(a: Analysis): Finding["limit"] {
  const { min, max } = a.policy;
  if (a.current === undefined) return undefined;
  if (min !== undefined && a.current < min) return { bound: "min", value: min };
  if (max !== undefined && a.current > max) return { bound: "max", value: max };
  return undefined;
}

/** The half-width that would settle an inconclusive shift: enough to show it is real, or
 *  enough to show it stays under the Moderate line, whichever comes first. */
function halfWidthToDecide(a: Analysis, moderate: number): number {
  const shift = a.shift as NonNullable<Analysis["shift"]>;
  const sign = a.direction === "lower" ? 1 : -1;
  const worseLog = sign * shift.estimate;
  const moderateLog = a.direction === "lower" ? Math.log1p(moderate) : -Math.log1p(-moderate);
  return Math.max(Math.abs(worseLog), moderateLog - worseLog);
}

function trendOf(a: Analysis, pValue: number, adjusted: number): Trend | undefined {
  const estimate = a.trend;
  if (!estimate || Number.isNaN(pValue)) return undefined;
  const t = a.policy.thresholds;
  const totalChange = worseChange(estimate.logSlope * (estimate.runs - 1), a.direction);
  return {
    slopePerRun: Math.expm1(estimate.logSlope),
    totalChange,
    runs: estimate.runs,
    flagged: adjusted <= t.alpha && totalChange >= t.tolerance,
  };
}

/** Lowers a grade to what the sample can support (Analysis.cap), saying so. */
function applyCap(g: Grade, cap: Analysis["cap"]): void {
  if (!cap || g.severity === undefined) return;
  if (cap.severity === "none") {
    g.reason = `${g.verdict === "regression" ? "worse" : "better"}, but not graded: ${cap.why}`;
    g.verdict = "inconclusive";
    g.severity = undefined;
    return;
  }
  if (SEVERITIES.indexOf(g.severity) > SEVERITIES.indexOf(cap.severity)) {
    g.severity = cap.severity;
    g.reason += `; not ${g.verdict === "regression" ? "Critical" : "graded higher"}: ${cap.why}`;
  }
}

/** Grade one analyzed metric once the family's adjusted p-values are known. */
export function finish(
  a: Analysis,
  adjustedP: number,
  tested: number,
  trendP: number,
  trendAdjusted: number,
): Finding {
  const t = a.policy.thresholds;
  // Written out rather than spread from bare(): one object, not two, per finding; the keys
  // stay in bare()'s order, which the JSON report shows.
  const finding: Finding = {
    benchmark: a.benchmark,
    metric: a.metric,
    unit: a.unit,
    direction: a.direction,
    flags: a.flags,
    series: a.series,
    verdict: "unchanged",
    baseline: a.baseline,
    current: a.current,
    reason: "",
    trend: trendOf(a, trendP, trendAdjusted),
  };
  const limit = breachedLimit(a);
  if (!a.shift && a.baseline === 0 && a.current === 0) {
    // A count that stays at 0 (drops, allocations, errors) has no ratio, and needs none.
    finding.reason = "0 in the baseline and now";
  } else if (!a.shift) {
    finding.verdict = "inconclusive";
    finding.reason = a.unavailable ?? "nothing to compare";
  } else {
    const shift = a.shift;
    const g: Grade = grade({
      shift,
      direction: a.direction,
      thresholds: t,
      adjustedP,
      strictP: bonferroni(shift.pValue, tested),
      strictLevel: 1 - t.criticalAlpha / Math.max(1, tested),
      gradeFloor: a.gradeFloor,
    });
    const strictLevel = 1 - t.criticalAlpha / Math.max(1, tested);
    if (
      a.toFail &&
      g.verdict === "regression" &&
      g.severity !== "critical" &&
      worseChange(shift.estimate, a.direction) >= t.critical
    ) {
      const advice = a.toFail(strictLevel);
      if (advice) g.reason += `; ${advice}`;
    }
    applyCap(g, a.cap);
    finding.verdict = g.verdict;
    finding.severity = g.severity;
    finding.reason = g.reason;
    finding.change = {
      estimate: Math.expm1(shift.estimate),
      low: Math.expm1(shift.low),
      high: Math.expm1(shift.high),
      level: shift.level,
      pValue: shift.pValue,
      adjustedPValue: adjustedP,
    };
    const detectable = shift.halfWidthAt(1 - t.alpha / Math.max(1, tested));
    if (detectable !== undefined) {
      finding.minDetectable = Math.max(Math.expm1(detectable), t.tolerance, t.minor, a.gradeFloor);
    }
    // Within noise but only because the noise is wide: say how wide, so "unchanged" is not
    // read as "shown to be unchanged" (docs/verdict.md, "Inconclusive means something").
    const blind =
      g.verdict === "unchanged" &&
      adjustedP > t.alpha &&
      finding.minDetectable !== undefined &&
      finding.minDetectable >= t.moderate;
    if (blind) {
      finding.reason += `; this run could only have seen changes of ${pctAbs(finding.minDetectable as number)} or more`;
    }
    if (g.verdict === "inconclusive") {
      const { rounds, advice } = a.toDecide(
        halfWidthToDecide(a, t.moderate),
        t.alpha / Math.max(1, tested),
      );
      finding.roundsToDecide = rounds;
      finding.reason += `; ${advice}`;
    }
  }
  if (limit) {
    finding.verdict = "regression";
    finding.severity = "critical";
    finding.limit = limit;
    finding.reason = `breaches the configured ${limit.bound === "min" ? "minimum" : "maximum"} of ${limit.value} ${a.unit}`;
  }
  if (a.notes.length > 0) finding.reason = `${a.notes.join("; ")}; ${finding.reason}`;
  if (finding.trend?.flagged) {
    finding.reason += `; creeping ${pctAbs(finding.trend.totalChange)} worse over ${finding.trend.runs} runs`;
  }
  return finding;
}
