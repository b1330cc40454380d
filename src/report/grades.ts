/**
 * How a finding's grade reads: its label, its tone (which colour or emoji), and the order
 * findings appear in. One place, so Markdown and the terminal agree.
 */

import type { Finding, Verdict } from "../analyze/types.js";
import type { Severity } from "../model/defaults.js";

/** What a row looks like: a regression's severity, or the kind of non-regression. */
export type Tone = Severity | "improvement" | "inconclusive" | "neutral";

/** Worst first: the order of the findings table and of the headline. */
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, severe: 1, moderate: 2, minor: 3 };

/** Regressions first, then what needs attention, then good news, then the rest. */
const VERDICT_RANK: Record<Verdict, number> = {
  regression: 0,
  inconclusive: 1,
  improvement: 2,
  missing: 3,
  new: 4,
  unchanged: 5,
};

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function toneOf(finding: Finding): Tone {
  if (finding.information) return "neutral";
  if (finding.verdict === "regression") return finding.severity ?? "minor";
  if (finding.verdict === "improvement") return "improvement";
  if (finding.verdict === "inconclusive") return "inconclusive";
  return "neutral";
}

/** "Critical", "Moderate improvement", "inconclusive", "unchanged", "new", "missing". */
export function gradeLabel(finding: Finding): string {
  const severity = finding.severity ? capitalize(finding.severity) : "";
  // A machine's difference (analyze/machines.ts) is not graded: it says which way it went.
  if (finding.information) return finding.verdict === "regression" ? "worse here" : "better here";
  switch (finding.verdict) {
    case "regression":
      return `${severity || "Regression"}${finding.accepted ? " (accepted)" : ""}`;
    case "improvement":
      return severity ? `${severity} improvement` : "Improvement";
    default:
      return finding.verdict;
  }
}

/** Sorts a copy: by verdict group, then severity (worst first), then the larger change. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const severityRank = (f: Finding) => (f.severity ? SEVERITY_RANK[f.severity] : 4);
  const size = (f: Finding) => {
    const estimate = f.change?.estimate ?? 0;
    return Number.isFinite(estimate) ? Math.abs(estimate) : 0;
  };
  return [...findings].sort(
    (a, b) =>
      VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] ||
      severityRank(a) - severityRank(b) ||
      size(b) - size(a),
  );
}

/** Regressions per severity, counted from the findings themselves. */
export function regressionCounts(findings: readonly Finding[]): Record<Severity, number> {
  return gradeCounts(findings).bySeverity;
}

export function verdictCounts(findings: readonly Finding[]): Record<Verdict, number> {
  return gradeCounts(findings).byVerdict;
}

/** Both tallies in one pass over the findings: with 30,000 of them scattered over the heap,
 *  each pass costs more in memory reads than in counting. */
export function gradeCounts(findings: readonly Finding[]): {
  byVerdict: Record<Verdict, number>;
  bySeverity: Record<Severity, number>;
  /** Changes shown as information (a machine's differences), not graded. */
  information: { worse: number; better: number };
} {
  const bySeverity: Record<Severity, number> = { critical: 0, severe: 0, moderate: 0, minor: 0 };
  const byVerdict: Record<Verdict, number> = {
    regression: 0,
    improvement: 0,
    unchanged: 0,
    inconclusive: 0,
    new: 0,
    missing: 0,
  };
  const information = { worse: 0, better: 0 };
  for (const f of findings) {
    byVerdict[f.verdict]++;
    if (f.information) {
      if (f.verdict === "regression") information.worse++;
      else if (f.verdict === "improvement") information.better++;
    } else if (f.verdict === "regression" && f.severity) bySeverity[f.severity]++;
  }
  return { byVerdict, bySeverity, information };
}
