/**
 * The expected range of each run of a series: where the verdict engine, standing just
 * before that run, would have called a new run "no change". It is the history lens's
 * prediction interval (historyModel.ts) drawn over time:
 *
 *     centre ± t(df, 1 − α/2) · s · √(1 + 1/n)        on log values, α = 1 − confidence
 *
 *   log value ─┬──────────────┬──────────────────────────┬──────────────────►
 *              low          centre                     high
 *              └─── a run in here is "no change" ──────┘
 *
 * learned from the same runs the verdict would use: the last `historySize` before the run,
 * cut at the newest step when at least `minRunsSinceStep` runs stand since it
 * (baselineSince.ts), outlier runs set aside (learnNoise). The steps are the change points of
 * the whole series, hindsight the verdict at that run did not have: the drawn range may
 * move to a new level a run or two before the verdict's own baseline would have. With fewer than
 * MIN_HISTORY_FOR_NOISE usable runs nothing is learned and the range is absent: the
 * verdict assumes a noise then, and an assumed band would only draw a guess.
 */
import { DEFAULT_HISTORY_SIZE, MIN_HISTORY_FOR_NOISE } from "../model/defaults.js";
import { MIN_RUNS_SINCE_STEP } from "./baselineSince.js";
import { historyShift, learnNoise } from "./historyModel.js";

export interface RangeOptions {
  /** The verdict's confidence level (thresholds.confidence). */
  confidence: number;
  historySize: number;
  minRunsSinceStep: number;
}

export const RANGE_DEFAULTS: RangeOptions = {
  confidence: 0.95,
  historySize: DEFAULT_HISTORY_SIZE,
  minRunsSinceStep: MIN_RUNS_SINCE_STEP,
};

export interface ExpectedRanges {
  /** One entry per run and one more for the next run (what a pull request meets); null
   *  where the runs before it teach nothing. In the series' own unit. */
  low: (number | null)[];
  high: (number | null)[];
}

/**
 * The expected range before each run of `values` (one value per run, NaN where the run
 * lacks the metric) and before the next one; `steps` are the series' change points (the
 * first run at each new level), in any order.
 */
export function expectedRanges(
  values: readonly number[],
  steps: readonly number[],
  options: RangeOptions = RANGE_DEFAULTS,
): ExpectedRanges {
  const sortedSteps = [...steps].sort((a, b) => a - b);
  const low: (number | null)[] = [];
  const high: (number | null)[] = [];
  const logs: number[] = [];
  for (let i = 0; i <= values.length; i++) {
    let from = Math.max(0, i - options.historySize);
    // The newest step before run i moves the start when enough runs stand since it.
    let newest: number | undefined;
    for (const s of sortedSteps) if (s < i) newest = s;
    if (newest !== undefined && i - newest >= options.minRunsSinceStep)
      from = Math.max(from, newest);
    logs.length = 0;
    for (let k = from; k < i; k++) {
      const v = values[k] as number;
      // Only positive values have a log, as in the verdict (historyAnalysis.ts).
      if (Number.isFinite(v) && v > 0) logs.push(Math.log(v));
    }
    if (logs.length < MIN_HISTORY_FOR_NOISE) {
      low.push(null);
      high.push(null);
      continue;
    }
    const noise = learnNoise(logs, MIN_HISTORY_FOR_NOISE);
    const interval = historyShift(noise, noise.centre, options.confidence);
    low.push(Math.exp(noise.centre + interval.low));
    high.push(Math.exp(noise.centre + interval.high));
  }
  return { low, high };
}
