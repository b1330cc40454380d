/**
 * Accepting an intended regression. A pull request that knowingly makes something slower
 * carries a label (`accept-label`, default perf-accepted), or `.perfgate.yml` names the
 * change under `accept:` (benchmark glob, metric, the commit or PR, a reason). Its failing
 * findings stay graded as they are — the numbers do not change — but are marked accepted,
 * do not fail the gate, and the report says which and by what.
 */
import type { AcceptEntry } from "../model/config.js";
import { SEVERITIES } from "../model/defaults.js";
import { matchesGlob } from "./rules.js";
import type { Finding, Report } from "./types.js";

export const DEFAULT_ACCEPT_LABEL = "perf-accepted";

export interface Acceptance {
  /** The accepting label, when the pull request carries it. */
  label?: string;
  entries: readonly AcceptEntry[];
  /** This run's commit and pull request, which entries name. */
  commit?: string;
  pr?: number;
}

/** Whether an entry names this commit (a prefix of ≥ 7 characters) or pull request. */
export function namesRun(entry: AcceptEntry, commit?: string, pr?: number): boolean {
  if (entry.pr !== undefined && entry.pr === pr) return true;
  if (!entry.commit || !commit) return false;
  return commit.toLowerCase().startsWith(entry.commit.toLowerCase());
}

/** The entry that accepts this benchmark/metric in this commit or PR, if any. */
export function acceptingEntry(
  entries: readonly AcceptEntry[],
  benchmark: string,
  metric: string,
  commit?: string,
  pr?: number,
): AcceptEntry | undefined {
  return entries.find(
    (e) =>
      matchesGlob(e.benchmark, benchmark) &&
      (e.metric === undefined || matchesGlob(e.metric, metric)) &&
      namesRun(e, commit, pr),
  );
}

/** Whether a finding fails the gate at `failOn` (accepted or not). */
export function failsGate(f: Finding, failOn: Report["failOn"]): boolean {
  return (
    failOn !== "never" &&
    f.verdict === "regression" &&
    f.severity !== undefined &&
    SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf(failOn)
  );
}

/** Names in a warning line: five, then how many more. */
const NAMES_SHOWN = 5;

/** The report with its failing findings accepted where the label or an entry says so. */
export function applyAcceptance(report: Report, acceptance: Acceptance): Report {
  const byWhom = new Map<string, Finding[]>();
  const findings = report.findings.map((f) => {
    if (!failsGate(f, report.failOn)) return f;
    const entry = acceptingEntry(
      acceptance.entries,
      f.benchmark,
      f.metric,
      acceptance.commit,
      acceptance.pr,
    );
    const by = entry
      ? `.perfgate.yml accept: ${entry.reason}`
      : acceptance.label
        ? `label ${acceptance.label}`
        : undefined;
    if (!by) return f;
    const accepted = { ...f, accepted: by };
    byWhom.set(by, [...(byWhom.get(by) ?? []), accepted]);
    return accepted;
  });
  if (byWhom.size === 0) return report;
  const stillFailing = findings.some((f) => failsGate(f, report.failOn) && !f.accepted);
  const notes = [...byWhom].map(([by, list]) => {
    const shown = list
      .slice(0, NAMES_SHOWN)
      .map((f) => `${f.benchmark} ${f.metric} (${f.severity})`);
    const more = list.length > NAMES_SHOWN ? ` and ${list.length - NAMES_SHOWN} more` : "";
    return `accepted by ${by}: ${shown.join(", ")}${more}`;
  });
  return {
    ...report,
    findings,
    status: stillFailing ? "fail" : "pass",
    warnings: [...notes, ...report.warnings],
  };
}
