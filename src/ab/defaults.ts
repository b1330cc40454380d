/**
 * Same-runner A/B sampling defaults, with why. The CLI help and action.yml quote these.
 */

/** Fewest pairs before the first look. The sampler moves the first look later when the
 *  looks' level needs more pairs to be reachable at all (sampler.ts, reachableSchedule). */
export const DEFAULT_MIN_PAIRS = 6;

/** Pair cap: 20 pairs detect a 5 % shift at about 3 % pair-to-pair noise (see
 *  bench/verdict.bench.ts), and keep a suite of a few seconds per round under a few minutes. */
export const DEFAULT_MAX_PAIRS = 20;

/** How many times the data is looked at between the first look and the cap. Few looks
 *  cost little power under the Bonferroni split; each look adds a chance to stop early. */
export const DEFAULT_LOOKS = 4;

/** Time budget for all rounds (builds excluded): a PR check should answer in minutes. */
export const DEFAULT_MAX_TIME_MS = 10 * 60_000;

export const AB_DESCRIPTIONS = {
  minPairs: `Pairs before the first look (default ${DEFAULT_MIN_PAIRS}).`,
  maxPairs: `Most pairs to run (default ${DEFAULT_MAX_PAIRS}).`,
  maxTime: "Time budget for the A/B rounds, e.g. 10m, 90s (default 10m).",
} as const;
