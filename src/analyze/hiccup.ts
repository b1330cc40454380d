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
import type { Analysis } from "./analysis.js";
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

/**
 * The rule both looks apply: of `logs` (each worse metric's absolute log change, out of
 * `compared` metrics), the positions of those within HICCUP_SPREAD of their median, when the
 * worse ones and then those alike are each many enough; and the common factor.
 */
function alike(
  logs: readonly number[],
  compared: number,
): { positions: number[]; factor: number } | undefined {
  if (logs.length < HICCUP_MIN_METRICS || logs.length < HICCUP_SHARE * compared) return undefined;
  const centre = median(logs);
  if (!(centre > 0)) return undefined;
  const positions: number[] = [];
  logs.forEach((x, i) => {
    if (Math.abs(x - centre) <= HICCUP_SPREAD * centre) positions.push(i);
  });
  if (positions.length < HICCUP_SHARE * compared) return undefined;
  return { positions, factor: Math.exp(centre) };
}

export function runnerHiccup(findings: readonly Finding[]): RunnerHiccup | undefined {
  const compared = findings.filter(
    (f) => f.change !== undefined && !f.ignored && runnerMoves(f.unit),
  );
  const worse = compared.filter((f) => f.verdict === "regression" && f.limit === undefined);
  const found = alike(
    worse.map((f) => Math.abs(Math.log1p(f.change?.estimate ?? 0))),
    compared.length,
  );
  if (!found) return undefined;
  const together = found.positions.map((p) => worse[p] as Finding);
  return { together, compared: compared.length, factor: found.factor };
}

/** "4 of 5 metrics got worse together by about 1.50×". */
export function hiccupText(h: RunnerHiccup): string {
  return `${h.together.length} of ${h.compared} metrics got worse together by about ${h.factor.toFixed(2)}×`;
}

/** The warning to give, or undefined when the pattern is not there. */
export function hiccupWarning(findings: readonly Finding[]): string | undefined {
  const h = runnerHiccup(findings);
  return h ? hiccupWarningOf(h) : undefined;
}

/** The warning for a pattern already found. */
export function hiccupWarningOf(h: RunnerHiccup): string {
  return `${hiccupText(h)}: that is what a slowed runner looks like; unless the change touches them all, re-run to confirm`;
}

/**
 * The pattern one run later: the newest baseline run was set aside as an outlier in many
 * series, each worse by about the same factor, and this run sits where it did in them
 * (historyAnalysis.ts `newestAlike`). Two runner hiccups in a row by one factor are rare; a
 * change that slowed everything is not, so the newest run is then the start of a level,
 * not a slow mode for this run to be "like". The same rule as runnerHiccup (alike).
 * Returns the analyses to judge again, or undefined.
 */
export function repeatedJump(
  analyses: readonly Analysis[],
): { indices: number[]; compared: number; factor: number } | undefined {
  let compared = 0;
  const candidates: number[] = [];
  analyses.forEach((a, i) => {
    if (a.shift === undefined || !runnerMoves(a.unit)) return;
    compared++;
    const d = a.newestAlike;
    // Worse: slower for lower-is-better, lower for higher-is-better.
    if (d !== undefined && (a.direction === "higher" ? d < 0 : d > 0)) candidates.push(i);
  });
  const found = alike(
    candidates.map((i) => Math.abs(analyses[i]?.newestAlike ?? 0)),
    compared,
  );
  if (!found) return undefined;
  const indices = found.positions.map((p) => candidates[p] as number);
  return { indices, compared, factor: found.factor };
}
