/**
 * One annotation per regressed measurement (a time and its reciprocal throughput are one,
 * src/report/measurements.ts): a warning for Minor and Moderate, an error for Severe and
 * Critical, worst first (the report is sorted), at most MAX_ANNOTATIONS and then one notice
 * saying how many more are in the summary.
 */
import type { Finding, Report } from "../analyze/types.js";
import type { Severity } from "../model/defaults.js";
import { measurementsOf } from "../report/measurements.js";
import { MAX_ANNOTATIONS } from "./constants.js";
import type { Toolkit } from "./toolkit.js";

const ERROR_GRADES: ReadonlySet<Severity> = new Set(["severe", "critical"]);

function percent(x: number): string {
  const sign = x > 0 ? "+" : x < 0 ? "−" : "±";
  return `${sign}${(Math.abs(x) * 100).toFixed(1)} %`;
}

export function annotationText(f: Finding): string {
  const grade = f.severity ? f.severity[0]?.toUpperCase() + f.severity.slice(1) : "Regression";
  const change = f.change
    ? ` ${percent(f.change.estimate)} (${Math.round(f.change.level * 100)} % CI ${percent(f.change.low)} … ${percent(f.change.high)})`
    : "";
  return `${grade}: ${f.benchmark} ${f.metric}${change} — ${f.reason}`;
}

export function annotate(report: Report, kit: Toolkit, max = MAX_ANNOTATIONS): number {
  // Per measurement, as the comment counts: a time and its reciprocal throughput once.
  const regressions = measurementsOf(report.findings)
    .map((m) => m.finding)
    .filter((f) => f.verdict === "regression" && f.severity);
  for (const f of regressions.slice(0, max)) {
    const title = `perfgate ${report.suite}: ${f.benchmark}`;
    if (f.severity && ERROR_GRADES.has(f.severity)) kit.error(annotationText(f), { title });
    else kit.warning(annotationText(f), { title });
  }
  if (regressions.length > max) {
    kit.notice(`${regressions.length - max} more regressions are listed in the job summary`, {
      title: `perfgate ${report.suite}`,
    });
  }
  return Math.min(regressions.length, max);
}
