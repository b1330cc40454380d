/**
 * Confirm before failing: when the first verdict would fail the gate, the collector runs
 * more rounds and the verdict is taken again on all of them (the first rounds and the new).
 * A runner's passing slow mode (a burst from a neighbour, a throttled minute) fades in the
 * new rounds and the median of all rounds returns toward the baseline, while the spread
 * inside the run widens its interval (roundSpread.ts); a real slowdown holds in every round.
 * Pure: the caller collects; this decides whether to and says what happened.
 */
import { failsGate } from "./accept.js";
import { hiccupText, hiccupWarningOf, runnerHiccup } from "./hiccup.js";
import type { Report } from "./types.js";

/** True when the first verdict would fail the gate on a finding the rounds can confirm (a
 *  breached limit from the config is absolute and needs no confirmation). */
export function needsConfirmation(report: Report, confirmRounds: number): boolean {
  if (confirmRounds <= 0 || report.status !== "fail") return false;
  return report.findings.some(
    (f) => f.verdict === "regression" && f.severity !== undefined && f.limit === undefined,
  );
}

const GRADE: Record<string, string> = {
  minor: "Minor",
  moderate: "Moderate",
  severe: "Severe",
  critical: "Critical",
};

/** The report of the second look, saying that it is one. */
export function confirmed(first: Report, second: Report, added: number, total: number): Report {
  const worst = GRADE[first.worst] ?? first.worst;
  const outcome =
    second.status === "fail"
      ? `it holds (${GRADE[second.worst] ?? second.worst}): the gate fails`
      : `it does not hold (${second.worst === "none" ? "nothing graded" : `worst now ${GRADE[second.worst] ?? second.worst}`}): the gate passes`;
  const note = `confirmed: the first ${total - added} rounds gave ${worst}; ${added} more rounds were run and the verdict re-taken on all ${total}: ${outcome}`;
  return { ...second, warnings: [note, ...second.warnings] };
}

/**
 * The report of a verdict that would have been confirmed but cannot be: perfgate did not
 * collect the results (files from a tool, `perfgate compare`), so it has no rounds to add.
 * `remedy` says what would confirm it where the caller runs.
 *
 * When every finding that fails the gate is one of many series that got worse together by
 * one factor (hiccup.ts), the second look is what would have told a slowed runner from a
 * change to shared code, and it is the look that is missing: the findings keep their
 * grades, the gate passes and the report says to re-run. Only this pattern passes; a
 * finding of its own, or any other failing finding beside the pattern, fails as before.
 * It passes once: when the next run repeats the jump in the same series (report.hiccupHeld,
 * compare.ts) it is a level that held and fails like any other finding, so a real slowdown
 * of every benchmark by one factor fails the push after it.
 * `confirm-rounds: 0` (confirmation off) never reaches here and fails on the first look.
 */
export function notConfirmed(report: Report, remedy: string): Report {
  const hiccup = runnerHiccup(report.findings);
  const failing = report.findings.filter((f) => failsGate(f, report.failOn) && !f.accepted);
  const together = new Set(hiccup?.together ?? []);
  if (hiccup && !report.hiccupHeld && failing.length > 0 && failing.every((f) => together.has(f))) {
    const what = hiccupText(hiccup);
    const note = `looks like a runner hiccup: ${what}, as a slowed runner does, and perfgate did not collect these results, so it cannot run more rounds to tell it from a change to shared code: the gate passes; re-run the benchmark to confirm (confirm-rounds: 0 fails on it)`;
    // The plain warning compare() gave for this pattern gives way to the note.
    const plain = hiccupWarningOf(hiccup);
    const warnings = report.warnings.filter((w) => w !== plain);
    return { ...report, status: "pass", hiccup: what, warnings: [note, ...warnings] };
  }
  const note = `not confirmed: perfgate did not collect these results, so it cannot run more rounds before failing (${remedy})`;
  return { ...report, warnings: [note, ...report.warnings] };
}
