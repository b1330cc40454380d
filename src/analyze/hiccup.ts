/**
 * A runner hiccup looks like many unrelated series jumping together by about the same
 * factor in one run. perfgate cannot tell it from a change to shared code from one run
 * alone, and where it could not confirm with more rounds (results it did not collect) it
 * says what the pattern looks like, so a person knows to re-run before believing it.
 *
 * Rule: at least HICCUP_MIN_METRICS graded regressions, covering at least HICCUP_SHARE of
 * the compared metrics, whose changes agree within a factor of HICCUP_SPREAD of their
 * median (a slowed runner scales everything alike; a code change rarely does). Only the
 * metrics a slowed runner can move count: sizes and counts (B/op, allocs/op) stay what they
 * are on any runner, so a Go suite's ns/op can show the pattern beside them.
 */
import { quantityOf } from "../model/units.js";
import { median } from "./summary.js";
import type { Finding } from "./types.js";

export const HICCUP_MIN_METRICS = 3;
export const HICCUP_SHARE = 0.5;
/** Log changes within ±35 % of their median log change count as "about the same factor". */
export const HICCUP_SPREAD = 0.35;

/** The pattern where it is there: the regressions that moved together, out of how many
 *  compared metrics, and their common factor (1.5 = 50 % worse). */
export interface RunnerHiccup {
  together: readonly Finding[];
  compared: number;
  factor: number;
}

/** Times and rates move with the runner's speed; sizes and counts do not. Custom units may. */
function runnerMoves(unit: string): boolean {
  const quantity = quantityOf(unit);
  return quantity !== "data-size" && quantity !== "count";
}

export function runnerHiccup(findings: readonly Finding[]): RunnerHiccup | undefined {
  const compared = findings.filter(
    (f) => f.change !== undefined && !f.ignored && runnerMoves(f.unit),
  );
  const worse = compared.filter((f) => f.verdict === "regression" && f.limit === undefined);
  if (worse.length < HICCUP_MIN_METRICS || worse.length < HICCUP_SHARE * compared.length)
    return undefined;
  const logOf = (f: Finding) => Math.abs(Math.log1p(f.change?.estimate ?? 0));
  const centre = median(worse.map(logOf));
  if (!(centre > 0)) return undefined;
  const together = worse.filter((f) => Math.abs(logOf(f) - centre) <= HICCUP_SPREAD * centre);
  if (together.length < HICCUP_SHARE * compared.length) return undefined;
  return { together, compared: compared.length, factor: Math.exp(centre) };
}

/** "4 of 5 metrics got worse together by about 1.50×". */
export function hiccupText(h: RunnerHiccup): string {
  return `${h.together.length} of ${h.compared} metrics got worse together by about ${h.factor.toFixed(2)}×`;
}

/** The warning to give, or undefined when the pattern is not there. */
export function hiccupWarning(findings: readonly Finding[]): string | undefined {
  const h = runnerHiccup(findings);
  return h
    ? `${hiccupText(h)}: that is what a slowed runner looks like; unless the change touches them all, re-run to confirm`
    : undefined;
}
