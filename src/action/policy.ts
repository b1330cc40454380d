/**
 * The Action's failure policy, written down in one place:
 * - a finding at or above `fail-on` fails the job (the report's status says so);
 * - bad inputs or unreadable results fail the job with one actionable line;
 * - a baseline that cannot be read or saved, a comment that cannot be written, a summary
 *   that cannot be written: warnings, the job goes on (and passes unless the gate fails).
 */
import type { Report } from "../analyze/types.js";
import { SEVERITIES } from "../model/defaults.js";
import { measurementsOf } from "../report/measurements.js";
import type { CommentPolicy } from "./inputs.js";

/** Something people should see: graded or flagged (or, inconclusive with a reason). */
export function hasNews(report: Report): boolean {
  return report.findings.some(
    (f) => f.severity !== undefined || f.flags.length > 0 || (f.trend?.flagged ?? false),
  );
}

/**
 * `auto`: post once something is graded or flagged; once a comment exists keep it
 * current, including "all clear". `always` / `never`: as they say.
 */
export function shouldComment(policy: CommentPolicy, report: Report, exists: boolean): boolean {
  if (policy === "never") return false;
  if (policy === "always") return true;
  return exists || hasNews(report);
}

/** "perfgate: 12 regressions at or above critical…": measurements are counted as the
 *  comment counts them (a time and its reciprocal throughput once, by the worse grade), so
 *  the failed step and the comment give one number. */
export function failureMessage(report: Report): string {
  const line = report.failOn === "never" ? SEVERITIES.length : SEVERITIES.indexOf(report.failOn);
  const failing = measurementsOf(report.findings)
    .map((m) => m.finding)
    .filter(
      (f) => f.verdict === "regression" && f.severity && SEVERITIES.indexOf(f.severity) >= line,
    );
  const worst = report.worst === "none" ? "" : ` (worst: ${report.worst})`;
  return `perfgate: ${failing.length} regression${failing.length === 1 ? "" : "s"} at or above ${report.failOn} in suite ${report.suite}${worst}`;
}
