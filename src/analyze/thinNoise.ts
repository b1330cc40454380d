/**
 * First runs (fewer than MIN_HISTORY_FOR_NOISE baseline runs): the between-run noise cannot
 * be learned yet, so it is taken as the widest of what is assumed and what the data shows,
 * never narrower:
 *
 * - the assumed margin (assumedNoise: runs within ±20 % of the centre 95 % of the time);
 * - the spread of the metric's own rounds inside each run, pooled over the baseline and
 *   current runs (a robust σ: 1.4826·MAD of each log round's distance from its run's
 *   median; Rousseeuw & Croux 1993, "Alternatives to the Median Absolute Deviation",
 *   JASA 88:1273). Runs on a shared machine differ at least as much as rounds of one run
 *   do: the whole run is one draw of the machine's state, and the rounds only see part of
 *   that state's variation;
 * - with two baseline runs, their own difference: σ̂ = |ln b₁ − ln b₂| / √2 (1 df).
 *
 * A metric with one value per run (hyperfine's `user` and `system`, a custom JSON number)
 * shows no spread at all until several runs exist; with one or two runs nothing in the data
 * bounds its noise (hyperfine's `system` of `sleep 0.02` is 0–0.5 ms from run to run,
 * fixtures/aa/hyperfine), so such a metric is not graded until MIN_HISTORY_FOR_NOISE runs
 * exist. No metric is Critical from so few runs: a failed build must rest on learned noise.
 */
import type { HistoryNoise } from "./historyModel.js";
import { MAD_TO_SIGMA } from "./normal.js";
import { median } from "./summary.js";

/** Runs need this many rounds for their spread to count: with 2, the median is the mean of
 *  both and every deviation is the same half-difference. */
const MIN_ROUNDS_FOR_SPREAD = 3;

/** Pooled robust σ of log rounds around their run's median; 0 when no run has rounds. */
export function withinRunSd(runs: readonly (readonly number[])[]): number {
  const deviations: number[] = [];
  for (const run of runs) {
    const logs = run.filter((v) => Number.isFinite(v) && v > 0).map(Math.log);
    if (logs.length < MIN_ROUNDS_FOR_SPREAD) continue;
    const centre = median(logs);
    for (const x of logs) deviations.push(Math.abs(x - centre));
  }
  return deviations.length === 0 ? 0 : MAD_TO_SIGMA * median(deviations);
}

/** Where the noise of a first-runs comparison came from, for the report. */
export type ThinNoiseSource = "assumed" | "rounds" | "runs";

/** The assumed noise widened to what the data shows (see the file comment). */
export function thinNoise(
  assumed: HistoryNoise,
  baseLogs: readonly number[],
  roundsSd: number,
): { noise: HistoryNoise; source: ThinNoiseSource } {
  let sd = assumed.sd;
  let source: ThinNoiseSource = "assumed";
  if (roundsSd > sd) {
    sd = roundsSd;
    source = "rounds";
  }
  if (baseLogs.length === 2) {
    const between = Math.abs((baseLogs[0] as number) - (baseLogs[1] as number)) / Math.SQRT2;
    if (between > sd) {
      sd = between;
      source = "runs";
    }
  }
  return { noise: { ...assumed, sd }, source };
}

/** True when every run given carries at most one usable value: the metric has no rounds. */
export function oneValuePerRun(runs: readonly (readonly number[] | undefined)[]): boolean {
  return runs.every((r) => r === undefined || r.filter((v) => Number.isFinite(v)).length <= 1);
}
