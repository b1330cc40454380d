/**
 * Every threshold perfgate uses, with its default and why. The CLI help, action.yml's
 * descriptions and schema/config.v1.json all take their numbers from here.
 *
 * Changes are relative: 0.05 means 5 % in the worse (or better) direction.
 */
export interface Thresholds {
  /** Below this a change is "within noise" even when statistically clear: 5 % is about
   *  twice the between-runner CV published for hosted runners (2.5–3 %). */
  tolerance: number;
  /** Lower edges of the grade bands (DESIGN.md, "Severity policy"). */
  minor: number;
  moderate: number;
  severe: number;
  critical: number;
  /** Critical also needs the interval's conservative end past this line, so that noise
   *  alone can never fail a build. */
  criticalConservative: number;
  /** Family-wise error rate for calling any change significant (Holm over all metrics). */
  alpha: number;
  /** Much stricter level a Critical must also clear (Bonferroni over all metrics). */
  criticalAlpha: number;
  /** Confidence level of the intervals shown to people. */
  confidence: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  tolerance: 0.05,
  minor: 0.05,
  moderate: 0.1,
  severe: 0.2,
  critical: 0.4,
  criticalConservative: 0.2,
  alpha: 0.05,
  criticalAlpha: 0.001,
  confidence: 0.95,
};

/** Baseline runs kept in a history: enough to learn the noise floor, small enough to
 *  follow a slowly changing runner fleet. */
export const DEFAULT_HISTORY_SIZE = 30;

/** Rounds per run when the user does not say: each round is one observation. */
export const DEFAULT_ROUNDS = 5;

/** Fewer baseline runs than this and the between-run noise is unknown (DESIGN.md). */
export const MIN_HISTORY_FOR_NOISE = 3;

/** With unknown noise, only changes past this margin are graded at all. */
export const UNKNOWN_NOISE_MARGIN = 0.2;

export const SEVERITIES = ["minor", "moderate", "severe", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `--fail-on` / `fail-on`: the lowest severity that fails the gate, or never. */
export type FailOn = Severity | "never";
export const DEFAULT_FAIL_ON: FailOn = "critical";
