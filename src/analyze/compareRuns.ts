/**
 * The comparison `perfgate compare` and the library's compare() make, from all the
 * baseline runs a user has: keep the newest `historySize` of them, start each metric's
 * baseline at its newest step (docs/changepoints.md), grade (compare.ts), and let the
 * config's `accept:` entries naming the current commit pass a failing regression. Pure.
 */
import { DEFAULT_HISTORY_SIZE } from "../model/defaults.js";
import { newestRuns } from "../model/history.js";
import { applyAcceptance } from "./accept.js";
import { stepAwareBaseline } from "./baselineSince.js";
import { compare } from "./compare.js";
import { changeOptionsFor } from "./historyChanges.js";
import type { CompareInput, Report } from "./types.js";

export interface CompareRunsInput extends CompareInput {
  /** History mode: compare with at most this many newest baseline runs (default 30). */
  historySize?: number;
}

export function compareRuns(input: CompareRunsInput): Report {
  const { historySize = DEFAULT_HISTORY_SIZE, ...given } = input;
  const all = given.baseline;
  const window = given.paired ? all : newestRuns(all, historySize);
  const since = given.paired
    ? { runs: window, notes: [] }
    : stepAwareBaseline(window, changeOptionsFor(given.config));
  const compared = compare({ ...given, baseline: since.runs });
  const commit = given.current[0]?.commit;
  const report = applyAcceptance(compared, {
    entries: given.config?.accept ?? [],
    ...(commit ? { commit } : {}),
  });
  report.warnings.unshift(...since.notes);
  if (since.runs.length < all.length)
    report.warnings.push(
      `used the newest ${since.runs.length} of ${all.length} baseline runs (history-size ${historySize})`,
    );
  return report;
}
