/**
 * A simulated CI noise model for the verdict-quality benchmark. Every value is a multiplicative
 * factor on a true value of 1 (a "time", lower is better), built from layers that shared CI
 * runners really show. The defaults and why:
 *
 * - runCV 3 %: a whole run lands on a faster or slower runner (CPU model, neighbours, turbo).
 *   Published figures for hosted runners put the between-run CV of real suites at 2.5–3 %
 *   (docs/statistics.md, the opening paragraph).
 * - roundCV 1.5 %: rounds of one run on one machine vary less than runs on different machines;
 *   1–2 % is what back-to-back rounds of a CPU benchmark show once warmed up.
 * - outlierRate 3 %, +10…+50 %: a few rounds catch a GC pause, a neighbour's burst or an
 *   interrupt storm. Outliers only ever slow a round down; nothing makes a machine faster than
 *   its best.
 * - slowRunnerRate (0 by default), +10…+50 %: now and then a whole run lands on a degraded
 *   runner. This is not noise around a stable mean: a run 50 % slower throughout IS slower,
 *   and no method can tell it from a real regression using that run alone. The benchmark
 *   reports it as its own row so the "noise alone never fails a build" claim is not muddled.
 * - pairDriftCV 2 % (paired mode): between pairs the machine drifts (thermal, neighbours come
 *   and go); both halves of a pair ran back to back and share the drift, so pairing cancels it.
 */
import { lognormalFactor, type Random } from "./random.js";

export interface NoiseModel {
  runCV: number;
  roundCV: number;
  outlierRate: number;
  outlierMin: number;
  outlierMax: number;
  slowRunnerRate: number;
  slowRunnerMin: number;
  slowRunnerMax: number;
  pairDriftCV: number;
}

export const HOSTED_RUNNER_NOISE: NoiseModel = {
  runCV: 0.03,
  roundCV: 0.015,
  outlierRate: 0.03,
  outlierMin: 0.1,
  outlierMax: 0.5,
  slowRunnerRate: 0,
  slowRunnerMin: 0.1,
  slowRunnerMax: 0.5,
  pairDriftCV: 0.02,
};

/** The same, plus 5 % of runs on a degraded runner (+10…+50 % for the whole run). */
export const WITH_SLOW_RUNNERS: NoiseModel = { ...HOSTED_RUNNER_NOISE, slowRunnerRate: 0.05 };

function uniform(random: Random, low: number, high: number): number {
  return low + (high - low) * random.next();
}

/** The factor of one round: round noise, and now and then an outlier. */
export function roundFactor(model: NoiseModel, random: Random): number {
  const outlier =
    random.next() < model.outlierRate ? 1 + uniform(random, model.outlierMin, model.outlierMax) : 1;
  return lognormalFactor(random, model.roundCV) * outlier;
}

/** The factor of a whole run (or a whole paired session): the runner it landed on, and
 *  whether that runner was a degraded one (a whole-run jump). */
export function runnerOf(model: NoiseModel, random: Random): { factor: number; slow: boolean } {
  const slow = random.next() < model.slowRunnerRate;
  const jump = slow ? 1 + uniform(random, model.slowRunnerMin, model.slowRunnerMax) : 1;
  return { factor: lognormalFactor(random, model.runCV) * jump, slow };
}

export function runFactor(model: NoiseModel, random: Random): number {
  return runnerOf(model, random).factor;
}

/** One run of `rounds` rounds of a benchmark whose true value is `trueValue`. */
export function simulateRun(
  model: NoiseModel,
  random: Random,
  rounds: number,
  trueValue: number,
): number[] {
  return simulateRunOn(model, random, rounds, trueValue).rounds;
}

/** The same, saying whether the run landed on a degraded runner. */
export function simulateRunOn(
  model: NoiseModel,
  random: Random,
  rounds: number,
  trueValue: number,
): { rounds: number[]; slow: boolean } {
  const run = runnerOf(model, random);
  return {
    rounds: Array.from(
      { length: rounds },
      () => trueValue * run.factor * roundFactor(model, random),
    ),
    slow: run.slow,
  };
}

/**
 * A paired session on one runner: `pairs` × (base, head) run back to back. Both sides share
 * the session's runner and each pair's drift; each side has its own round noise and outliers.
 */
export function simulatePairs(
  model: NoiseModel,
  random: Random,
  pairs: number,
  baseValue: number,
  headValue: number,
): { base: number[]; head: number[] } {
  const session = runFactor(model, random);
  const base: number[] = [];
  const head: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const drift = session * lognormalFactor(random, model.pairDriftCV);
    base.push(baseValue * drift * roundFactor(model, random));
    head.push(headValue * drift * roundFactor(model, random));
  }
  return { base, head };
}
