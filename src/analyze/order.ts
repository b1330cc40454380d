/**
 * The report's order and tallies: regressions by severity (worst first, then by size),
 * then inconclusive, improvements (biggest first), missing, new, unchanged; names break ties.
 */
import { SEVERITIES, type Severity } from "../model/defaults.js";
import type { Finding, Report, Verdict } from "./types.js";

const VERDICT_ORDER: Verdict[] = [
  "regression",
  "inconclusive",
  "improvement",
  "missing",
  "new",
  "unchanged",
];

/** Positions in VERDICT_ORDER and SEVERITIES, looked up rather than searched for: the sort
 *  of 30,000 findings asks about half a million times. */
const VERDICT_RANK = new Map(VERDICT_ORDER.map((v, i) => [v, i]));
const SEVERITY_RANK = new Map(SEVERITIES.map((s, i) => [s, i]));

function verdictRank(v: Verdict): number {
  return VERDICT_RANK.get(v) ?? -1;
}

function severityRank(s: Severity | undefined): number {
  return s === undefined ? -1 : (SEVERITY_RANK.get(s) ?? -1);
}

function size(f: Finding): number {
  return f.change ? Math.abs(f.change.estimate) : 0;
}

/** Plain string order: the same on every machine and locale, and ~10× faster than
 *  localeCompare when sorting 30,000 findings. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    verdictRank(a.verdict) - verdictRank(b.verdict) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    size(b) - size(a) ||
    byCodePoint(a.benchmark, b.benchmark) ||
    byCodePoint(a.metric, b.metric)
  );
}

/** Verdict counts, and per severity the number of regressions (improvements never fail). */
export function countFindings(findings: readonly Finding[]): Report["counts"] {
  const counts = Object.fromEntries(
    [...VERDICT_ORDER, ...SEVERITIES].map((k) => [k, 0]),
  ) as Report["counts"];
  for (const f of findings) {
    counts[f.verdict] += 1;
    if (f.verdict === "regression" && f.severity) counts[f.severity] += 1;
  }
  return counts;
}

export function worstRegression(findings: readonly Finding[]): Severity | "none" {
  let worst = -1;
  for (const f of findings) {
    if (f.verdict === "regression") worst = Math.max(worst, severityRank(f.severity));
  }
  return worst < 0 ? "none" : (SEVERITIES[worst] as Severity);
}
