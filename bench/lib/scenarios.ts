/**
 * Where the trials of the verdict benchmark come from: A/A draws (no change at all) from the
 * simulated noise model or resampled from the real recordings. A slowdown is injected
 * afterwards, multiplicatively on the current (head) side, so every method and every slowdown
 * sees the same noise (common random numbers: power curves are smooth and comparable).
 */

import { median } from "../../src/util/quantiles.js";
import type { AAData, AARun } from "./aaData.js";
import { type NoiseModel, simulatePairs, simulateRun, simulateRunOn } from "./noise.js";
import { type Random, sampleIndices } from "./random.js";

/** History mode: `history` runs (oldest first) of rounds, and the current run's rounds. */
export interface HistoryTrial {
  history: number[][];
  current: number[];
  /** The current run was itself a whole-run jump: on a degraded runner (simulated), or
   *  WHOLE_RUN_JUMP above the recorded median (real data). */
  jump?: boolean;
}

/**
 * A recorded run whose median is this much above the median of all recorded runs of that
 * benchmark counts as a whole-run jump: the runner (here, the machine's other tenants) made
 * the whole run slower, which no method can tell from a regression using that run alone.
 */
export const WHOLE_RUN_JUMP = 0.3;

/** Paired mode: file i of base and file i of head ran back to back; each file has rounds. */
export interface PairedTrial {
  base: number[][];
  head: number[][];
}

export interface Scenario<T> {
  name: string;
  /** What noise this scenario includes, said plainly for the table. */
  noise: string;
  /** Real data only: how many recorded runs (history) or sessions (paired) it draws from. */
  pool?: number;
  draw(random: Random): T;
}

export const HISTORY_RUNS = 20;
export const HISTORY_ROUNDS = 5;
export const PAIRS = 20;

/** True value of the simulated benchmark: 10 ms. Only ratios matter. */
const SIMULATED_VALUE = 0.01;

export function simulatedHistory(
  name: string,
  noise: string,
  model: NoiseModel,
): Scenario<HistoryTrial> {
  return {
    name,
    noise,
    draw(random: Random): HistoryTrial {
      const history = Array.from({ length: HISTORY_RUNS }, () =>
        simulateRun(model, random, HISTORY_ROUNDS, SIMULATED_VALUE),
      );
      const current = simulateRunOn(model, random, HISTORY_ROUNDS, SIMULATED_VALUE);
      return { history, current: current.rounds, jump: current.slow };
    },
  };
}

export function simulatedPaired(
  name: string,
  noise: string,
  model: NoiseModel,
): Scenario<PairedTrial> {
  return {
    name,
    noise,
    draw(random: Random): PairedTrial {
      const { base, head } = simulatePairs(model, random, PAIRS, SIMULATED_VALUE, SIMULATED_VALUE);
      return { base: base.map((x) => [x]), head: head.map((x) => [x]) };
    },
  };
}

/**
 * Real history trials: one benchmark at random, HISTORY_RUNS history runs and one current run,
 * all distinct recorded runs drawn at random. `history` and `current` say which runs each may
 * come from: the same pool makes a true A/A trial (exchangeable runs); a current pool of runs
 * under load makes a whole-run jump.
 */
export function realHistory(
  name: string,
  noise: string,
  data: AAData,
  history: (run: AARun) => boolean,
  current: (run: AARun) => boolean,
): Scenario<HistoryTrial> {
  const historyPool = data.runs.filter(history);
  const currentPool = data.runs.filter(current);
  const typical = new Map(
    data.benchmarks.map((b) => [b, median(data.runs.map((r) => median(r.rounds[b] ?? [])))]),
  );
  return {
    name,
    noise,
    pool: historyPool.length > HISTORY_RUNS ? currentPool.length : 0,
    draw(random: Random): HistoryTrial {
      const benchmark = data.benchmarks[random.int(data.benchmarks.length)] as string;
      const cur = currentPool[random.int(currentPool.length)] as AARun;
      const others = historyPool.filter((r) => r !== cur);
      const picks = sampleIndices(random, others.length, HISTORY_RUNS);
      const rounds = (r: AARun) => (r.rounds[benchmark] ?? []).slice(0, HISTORY_ROUNDS);
      const now = rounds(cur);
      return {
        history: picks.map((i) => rounds(others[i] as AARun)),
        current: now,
        jump: median(now) > (1 + WHOLE_RUN_JUMP) * (typical.get(benchmark) ?? Number.NaN),
      };
    },
  };
}

/**
 * Real paired trials: one session and one benchmark at random, PAIRS of its pairs without
 * replacement (kept in recording order), and A/B labels swapped at random (same code on both
 * sides, so either label is as valid).
 */
export function realPaired(
  name: string,
  noise: string,
  data: AAData,
  session: (s: AAData["sessions"][number]) => boolean,
): Scenario<PairedTrial> {
  const sessions = data.sessions.filter(session);
  return {
    name,
    noise,
    pool: sessions.length,
    draw(random: Random): PairedTrial {
      const benchmark = data.benchmarks[random.int(data.benchmarks.length)] as string;
      const s = sessions[random.int(sessions.length)] as AAData["sessions"][number];
      const picks = sampleIndices(random, s.pairs.length, PAIRS).sort((x, y) => x - y);
      const swap = random.next() < 0.5;
      const base: number[][] = [];
      const head: number[][] = [];
      for (const i of picks) {
        const pair = s.pairs[i] as { a: AARun; b: AARun };
        const a = pair.a.rounds[benchmark] ?? [];
        const b = pair.b.rounds[benchmark] ?? [];
        base.push(swap ? b : a);
        head.push(swap ? a : b);
      }
      return { base, head };
    },
  };
}

/** Injects a relative slowdown (0.1 = 10 % slower) into the current side of a trial. */
export function slowHistory(trial: HistoryTrial, slowdown: number): HistoryTrial {
  return { ...trial, current: trial.current.map((x) => x * (1 + slowdown)) };
}

export function slowPaired(trial: PairedTrial, slowdown: number): PairedTrial {
  return { base: trial.base, head: trial.head.map((f) => f.map((x) => x * (1 + slowdown))) };
}
