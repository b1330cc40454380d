/**
 * What each mode (history, paired, scaling) hands to compare() for one benchmark and metric
 * before the multiple-testing step: the shift and everything needed to explain and grade it.
 * Every mode starts one with `startAnalysis`, then adds its shift (or why there is none).
 */
import type { Severity } from "../model/defaults.js";
import type { Direction } from "../model/types.js";
import type { Policy } from "./rules.js";
import type { LogShift } from "./shift.js";
import type { TrendEstimate } from "./trend.js";
import type { Flag } from "./types.js";

export interface Analysis {
  benchmark: string;
  metric: string;
  unit: string;
  direction: Direction;
  policy: Policy;
  baseline?: number;
  current?: number;
  series: number[];
  flags: Flag[];
  /** Undefined when there is nothing to compare (then `unavailable` says why). */
  shift?: LogShift;
  unavailable?: string;
  /** Changes smaller than this are not graded (the unknown-noise margin), else 0. */
  gradeFloor: number;
  /** The highest grade the data can support, and why ("none": not graded at all, an
   *  inconclusive result instead). Set where the sample cannot carry a failed build. */
  cap?: { severity: Severity | "none"; why: string };
  /** Paired mode: what would let a change past the Critical line fail the build, when the
   *  interval at the strict level (given) is too wide for it; undefined when nothing helps. */
  toFail?(strictLevel: number): string | undefined;
  /** History mode: the newest baseline run was set aside as an outlier and this run looks
   *  like it; its log distance from the everyday centre (compare.ts asks whether many
   *  series share it: a runner hiccup that held over two runs). */
  newestAlike?: number;
  /** Said before the verdict's own reason, e.g. "1 outlier baseline run set aside". */
  notes: string[];
  /** Paired mode: pairs that entered the model. */
  pairs?: number;
  /** Slope and test over the history plus this run (history mode, enough runs). */
  trend?: TrendEstimate;
  /**
   * How to decide an inconclusive result: given the interval half-width (log scale) that
   * would decide it, how many rounds and what to say.
   */
  toDecide(halfWidthNeeded: number, alpha: number): { rounds?: number; advice: string };
}

/** What a mode knows before its model runs: who, how graded, the centres and the series. */
export interface AnalysisStart {
  /** Which metric: its benchmark, name, unit and direction (other fields are not kept). */
  of: { benchmark: string; metric: string; unit: string; direction: Direction };
  policy: Policy;
  baseline: number | undefined;
  current: number | undefined;
  series: number[];
  flags?: Flag[];
  notes?: string[];
  pairs?: number;
  toDecide?: Analysis["toDecide"];
}

/** A new Analysis, not yet with a shift: graded from 0, no notes or flags unless given,
 *  and no advice on deciding unless the mode has some. */
export function startAnalysis(start: AnalysisStart): Analysis {
  const { of, flags = [], notes = [], toDecide = () => ({ advice: "" }), ...rest } = start;
  const { benchmark, metric, unit, direction } = of;
  return { benchmark, metric, unit, direction, ...rest, flags, notes, gradeFloor: 0, toDecide };
}
