/**
 * When the pairs already say enough: every benchmark's interval is clear of the tolerance
 * and of the Critical line, so more pairs could not change its grade band at those lines.
 *
 *   worse →    −5 %    0    +5 %                  +40 %
 *                |      |      |                      |
 *   settled      | [===*===]   |                      |   within noise, decided
 *   settled      |      |      |  [==*==]             |   a real change, not Critical
 *   keep going   |      |   [=*|==]                    |   straddles the tolerance
 *   keep going   |      |      |              [===*===|=] may reach Critical
 *   keep going   |      |      |                      | [=*=]  past the line but not yet
 *                |      |      |                      |        Critical (the strict level
 *                |      |      |                      |        needs more pairs)
 *   settled      |      |      |             [=====*==|====]  graded Critical: final
 *
 * Pure: reads a report, says whether to stop and what is still open.
 */

import type { Finding, Report } from "../analyze/types.js";
import type { Thresholds } from "../model/defaults.js";

/** The interval as a change in the worse direction, low ≤ high. */
function worseInterval(f: Finding): [number, number] | undefined {
  const c = f.change;
  if (!c || !Number.isFinite(c.low) || !Number.isFinite(c.high)) return undefined;
  return f.direction === "lower" ? [c.low, c.high] : [-c.high, -c.low];
}

function clearOf(line: number, [low, high]: [number, number]): boolean {
  return high < line || low >= line;
}

/** True when more pairs could not move this finding across the tolerance or Critical line. */
export function isSettled(f: Finding, t: Thresholds): boolean {
  if (f.ignored || f.verdict === "new" || f.verdict === "missing") return true;
  // A Critical has already cleared the strict level and its conservative line: final.
  if (f.verdict === "regression" && f.severity === "critical") return true;
  if (f.verdict === "inconclusive") return false;
  const interval = worseInterval(f);
  // Nothing to compare (no usable pair): more pairs of the same would not help.
  if (!interval) return true;
  // Reaching the Critical line but not graded Critical: more pairs may show it is (the
  // strict level needs more pairs than the ordinary one), so keep going.
  const belowCritical = interval[1] < t.critical;
  // The same lines in the better direction, so "better by 5 %" reaches the tolerance too.
  const better: [number, number] = [-interval[1], -interval[0]];
  return clearOf(t.tolerance, interval) && clearOf(t.tolerance, better) && belowCritical;
}

/** The findings still open, for the report's "why sampling stopped". Per-rule tolerances
 *  are not consulted: the report's global lines decide when to stop. */
export function openFindings(report: Report): Finding[] {
  return report.findings.filter((f) => !isSettled(f, report.thresholds));
}
