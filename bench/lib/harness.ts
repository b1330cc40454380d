/**
 * Scores perfgate and the competitors' rules on one scenario: false alarms with no change,
 * power at injected slowdowns, and perfgate's grade confusion matrix. Pure apart from the
 * clock it reads to report the cost of one comparison.
 */
import { createRandom } from "./random.js";
import type { Scenario } from "./scenarios.js";
import { startTimer } from "./timer.js";
import { type Answer, GIVEN_ORDER, type Given, type Rule } from "./verdicts.js";

/** Slowdowns the issue asks power for. */
export const SLOWDOWNS = [0.02, 0.05, 0.1, 0.2, 0.4, 0.6];

/** Middles of the severity bands (docs/statistics.md: <5 % none, 5–10 minor, 10–20 moderate,
 *  20–40 severe, ≥40 critical): a true change on a band edge has no right answer. */
export const BAND_MIDDLES: { band: string; slowdown: number }[] = [
  { band: "none (0 %)", slowdown: 0 },
  { band: "none (2.5 %)", slowdown: 0.025 },
  { band: "minor (7.5 %)", slowdown: 0.075 },
  { band: "moderate (15 %)", slowdown: 0.15 },
  { band: "severe (30 %)", slowdown: 0.3 },
  { band: "critical (60 %)", slowdown: 0.6 },
];

export interface Trials {
  /** A/A trials for the false-alarm rates (the issue asks ≥ 1,000). */
  none: number;
  /** Trials per slowdown for power (the first ones of the A/A draws, slowed down). */
  power: number;
  /** Trials per band middle for the confusion matrix. */
  confusion: number;
}

export interface Score {
  scenario: string;
  noise: string;
  trials: Trials;
  /** perfgate's answers with no change. */
  none: Record<Given, number>;
  /** P(graded regression) per SLOWDOWNS entry. */
  power: number[];
  /** P(significant and worse, any size) per SLOWDOWNS entry; `detectedNone` with no change. */
  detected: number[];
  detectedNone: number;
  /** A/A trials whose current run was itself a whole-run jump, and perfgate's Criticals
   *  among them (real data only; see WHOLE_RUN_JUMP). */
  jumps: number;
  criticalInJumps: number;
  /** band → perfgate's answers. */
  confusion: Map<string, Record<Given, number>>;
  rules: { name: string; falseAlarm: number; power: number[] }[];
  msPerCompare: number;
}

function emptyCounts(): Record<Given, number> {
  return Object.fromEntries(GIVEN_ORDER.map((g) => [g, 0])) as Record<Given, number>;
}

const REGRESSION: ReadonlySet<Given> = new Set(["minor", "moderate", "severe", "critical"]);

export function score<T>(
  scenario: Scenario<T>,
  perfgate: (trial: T, seed: number) => Answer,
  rules: Rule<T>[],
  inject: (trial: T, slowdown: number) => T,
  trials: Trials,
  seed: number,
): Score {
  const random = createRandom(seed);
  const none = emptyCounts();
  const graded = SLOWDOWNS.map(() => 0);
  const detected = SLOWDOWNS.map(() => 0);
  let detectedNone = 0;
  let jumps = 0;
  let criticalInJumps = 0;
  const confusion = new Map(BAND_MIDDLES.map((b) => [b.band, emptyCounts()]));
  const ruleNone = rules.map(() => 0);
  const rulePower = rules.map(() => SLOWDOWNS.map(() => 0));
  let compares = 0;
  const elapsed = startTimer();

  for (let i = 0; i < trials.none; i++) {
    const trial = scenario.draw(random);
    const ask = (t: T) => {
      compares++;
      return perfgate(t, seed + i);
    };
    const answer = ask(trial);
    none[answer.given]++;
    if (answer.significantWorse) detectedNone++;
    if ((trial as { jump?: boolean }).jump) {
      jumps++;
      if (answer.given === "critical") criticalInJumps++;
    }
    rules.forEach((rule, r) => {
      if (rule.alerts(trial)) ruleNone[r] = (ruleNone[r] ?? 0) + 1;
    });
    if (i < trials.power) {
      SLOWDOWNS.forEach((s, k) => {
        const slowed = inject(trial, s);
        const a = ask(slowed);
        if (REGRESSION.has(a.given)) graded[k] = (graded[k] ?? 0) + 1;
        if (a.significantWorse) detected[k] = (detected[k] ?? 0) + 1;
        rules.forEach((rule, r) => {
          const row = rulePower[r] as number[];
          if (rule.alerts(slowed)) row[k] = (row[k] ?? 0) + 1;
        });
      });
    }
    if (i < trials.confusion) {
      for (const { band, slowdown } of BAND_MIDDLES) {
        const counts = confusion.get(band) as Record<Given, number>;
        counts[slowdown === 0 ? answer.given : ask(inject(trial, slowdown)).given]++;
      }
    }
  }
  return {
    scenario: scenario.name,
    noise: scenario.noise,
    trials,
    none,
    power: graded.map((g) => g / Math.max(1, trials.power)),
    detected: detected.map((d) => d / Math.max(1, trials.power)),
    detectedNone: detectedNone / trials.none,
    jumps,
    criticalInJumps,
    confusion,
    rules: rules.map((rule, r) => ({
      name: rule.name,
      falseAlarm: (ruleNone[r] ?? 0) / trials.none,
      power: (rulePower[r] ?? []).map((a) => a / Math.max(1, trials.power)),
    })),
    msPerCompare: elapsed() / Math.max(1, compares),
  };
}

/** P(any grade, either direction | no change): what a user would see as a false finding. */
export function anyGradeRate(s: Score): number {
  const n = s.trials.none;
  return GIVEN_ORDER.filter((g) => g === "improved" || REGRESSION.has(g)).reduce(
    (sum, g) => sum + s.none[g] / n,
    0,
  );
}
