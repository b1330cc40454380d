/**
 * Numbers that look made up or mis-measured (docs/statistics.md, "Plausibility"): they do not change the verdict,
 * they are shown next to it so a person looks twice.
 */

import { quantityOf, toCanonical } from "../model/units.js";
import type { Flag } from "./types.js";

/** Rounds needed before "all rounds equal" is suspicious rather than chance. */
export const ZERO_VARIANCE_MIN_ROUNDS = 3;
/** Runs in a row (the current one included) with exactly the same value to call it copied. */
export const IDENTICAL_RUNS = 3;
/** Factors a unit mix-up produces (milli/micro, KiB, bits vs bytes …) and how close a
 *  jump must be to one (±15 %) to smell of it rather than of a real change. */
export const UNIT_MIXUP_FACTORS = [8, 100, 1000, 1024, 1e6, 1024 ** 2, 1e9, 1024 ** 3];
export const UNIT_MIXUP_CLOSENESS = 0.15;
/** 8× (bits written as bytes) is only a mix-up for data rates. */
const BITS_PER_BYTE = 8;

export interface PlausibilityInput {
  unit: string;
  /** Every current sample as given, before cleaning. */
  currentSamples: readonly number[];
  currentCentre?: number;
  baselineCentre?: number;
  /** Per-run baseline centres, oldest first (history mode). */
  baselineRuns: readonly number[];
  /** Paired mode: the base and head value of each pair. */
  pairs?: { base: readonly number[]; head: readonly number[] };
  /** Most the metric can reach here, in its canonical unit (config or environment). */
  ceiling?: number;
}

/** The ceiling that applies to a metric: the config's, else the environment's measured
 *  ceiling (Gbit/s, the canonical data rate) for data rates; none otherwise. */
export function ceilingFor(
  unit: string,
  configured?: number,
  environmentGbps?: number,
): number | undefined {
  if (configured !== undefined) return configured;
  return quantityOf(unit) === "data-rate" ? environmentGbps : undefined;
}

/** Counts (bytes, allocations) are legitimately identical from round to round. */
function isCountLike(unit: string): boolean {
  const q = quantityOf(unit);
  return q === "count" || q === "data-size";
}

function mixupFactor(ratio: number, unit: string): number | undefined {
  const jump = ratio >= 1 ? ratio : 1 / ratio;
  const rate = quantityOf(unit) === "data-rate";
  for (const f of UNIT_MIXUP_FACTORS) {
    if (f === BITS_PER_BYTE && !rate) continue;
    if (Math.abs(jump / f - 1) <= UNIT_MIXUP_CLOSENESS) return f;
  }
  return undefined;
}

export function plausibilityFlags(input: PlausibilityInput): Flag[] {
  const flags: Flag[] = [];
  const { currentSamples: s, unit } = input;
  // Counted in one pass without copies: this runs for every metric of every compare.
  let nonFinite = 0;
  let negative = 0;
  for (const v of s) {
    if (!Number.isFinite(v)) nonFinite++;
    if (v < 0) negative++;
  }
  if (nonFinite > 0) {
    flags.push({
      kind: "non-finite",
      message: `${nonFinite} of ${s.length} rounds are not finite numbers (left out)`,
    });
  }
  if (negative > 0) {
    flags.push({
      kind: "negative",
      message: `${negative} of ${s.length} rounds are negative (left out)`,
    });
  }
  const countLike = isCountLike(unit);
  const finiteCount = s.length - nonFinite;
  if (!countLike && finiteCount >= ZERO_VARIANCE_MIN_ROUNDS) {
    const first = s.find((v) => Number.isFinite(v)) as number;
    if (s.every((v) => !Number.isFinite(v) || v === first)) {
      flags.push({
        kind: "zero-variance",
        message: `all ${finiteCount} rounds are exactly ${first}: is the value measured?`,
      });
    }
  }
  if (!countLike) {
    const pairs = input.pairs;
    if (
      pairs &&
      pairs.head.length >= IDENTICAL_RUNS &&
      pairs.head.every((v, i) => v === pairs.base[i])
    ) {
      flags.push({
        kind: "identical-to-baseline",
        message: `every pair has base = head to the last digit (${pairs.head.length} pairs)`,
      });
    } else if (!pairs && input.currentCentre !== undefined) {
      const recent = input.baselineRuns.slice(-(IDENTICAL_RUNS - 1));
      if (recent.length === IDENTICAL_RUNS - 1 && recent.every((v) => v === input.currentCentre)) {
        flags.push({
          kind: "identical-to-baseline",
          message: `${input.currentCentre} to the last digit, as in the previous ${recent.length} baseline runs`,
        });
      }
    }
  }
  const { currentCentre: c, baselineCentre: b } = input;
  if (c !== undefined && b !== undefined && c > 0 && b > 0) {
    const factor = mixupFactor(c / b, unit);
    if (factor !== undefined) {
      const ratio = c / b;
      flags.push({
        kind: "unit-mixup",
        message: `${ratio >= 1 ? ratio.toPrecision(3) : `1/${(1 / ratio).toPrecision(3)}`}× the baseline, close to ${factor}×: a unit mix-up?`,
      });
    }
  }
  if (input.ceiling !== undefined && c !== undefined) {
    const value = toCanonical(c, unit).value;
    if (value > input.ceiling) {
      flags.push({
        kind: "above-ceiling",
        message: `${value.toPrecision(4)} is above this machine's ceiling of ${input.ceiling}`,
      });
    }
  }
  return flags;
}
