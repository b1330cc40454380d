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
  /** Lower edges of the grade bands (docs/statistics.md, "Severity"). */
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

/**
 * Rounds run again when a finding is at or above the fail-on grade, before the build fails
 * (`confirm-rounds`, `--confirm-rounds`; 0 turns it off). The verdict is then taken on all
 * rounds: a slowdown that was the runner's passing slow mode fades, a real one holds.
 * tachometer and asv re-sample before they decide too. As many as a default run's rounds,
 * so the confirmation weighs as much as the first look.
 */
export const DEFAULT_CONFIRM_ROUNDS = 5;

/** Fewer baseline runs than this and the between-run noise is unknown (docs/statistics.md, "First runs"). */
export const MIN_HISTORY_FOR_NOISE = 3;

/** With unknown noise, only changes past this margin are graded at all. */
export const UNKNOWN_NOISE_MARGIN = 0.2;

export const SEVERITIES = ["minor", "moderate", "severe", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `--fail-on` / `fail-on`: the lowest severity that fails the gate, or never. */
export type FailOn = Severity | "never";
export const DEFAULT_FAIL_ON: FailOn = "critical";

/**
 * One sentence per threshold for people: the config schema, the CLI help and action.yml
 * say the same thing (test/model/configFile.test.ts checks the schema agrees).
 */
export const THRESHOLD_DESCRIPTIONS: Record<keyof Thresholds, string> = {
  tolerance:
    "Changes smaller than this (0.05 = 5 %) are within noise even when statistically clear.",
  minor: "Lower edge of the Minor band (0.05 = 5 % in the worse direction).",
  moderate: "Lower edge of the Moderate band (0.1 = 10 %).",
  severe: "Lower edge of the Severe band (0.2 = 20 %).",
  critical: "Lower edge of the Critical band (0.4 = 40 %); Critical fails the build.",
  criticalConservative:
    "A Critical also needs the confidence interval's conservative end past this change, so noise alone never fails a build.",
  alpha: "Family-wise error rate for calling any change significant (Holm over all metrics).",
  criticalAlpha: "Much stricter level a Critical must also clear (Bonferroni over all metrics).",
  confidence: "Confidence level of the intervals shown (0.95 = 95 %).",
};

/** Descriptions of the other settings that have defaults, for the same three places. */
export const SETTING_DESCRIPTIONS = {
  historySize: "Baseline runs kept in the history (newest last, one per commit).",
  rounds: "Rounds per run; each round is one observation of every metric.",
  failOn: "Lowest severity that fails the gate (minor, moderate, severe, critical), or never.",
  confirmRounds:
    "Rounds run again when a finding would fail the gate; the verdict is re-taken on all rounds (0: off).",
} as const;
