/**
 * Issue 23's shapes for the verdict benchmark: the data a real user feeds `perfgate compare`,
 * each as one trial of one benchmark and metric (or one whole file for the first-runs shape).
 *
 * - "single-value history": 20 baseline runs of one value each (github-action-benchmark's
 *   history: one number per commit) against a current run of 5 rounds;
 * - "10 pairs": 10 base/head files run back to back, `--paired`;
 * - "20 runs × 5 rounds": the Action's own shape;
 * - "first runs": 1 or 2 baseline files of a tool that reports one value per run for some
 *   metrics (hyperfine's `user` and `system`) against one current file.
 *
 * Noise sources: the real recordings in fixtures/aa (wall and CPU time of fresh processes,
 * hyperfine runs) and two simulated mixtures: a slow mode (5–15 % of runs or of rounds
 * 1.5–2× slower) and two CPU models 30 % apart in one runner pool.
 */
import type { Results } from "../../src/model/types.js";
import type { AAData, AARun } from "./aaData.js";
import { lognormalFactor, type Random, sampleIndices } from "./random.js";

/** One trial: baseline runs (each its rounds), current runs (one in history mode, one per
 *  pair in paired mode) and, where the shape has them, each run's CPU model. */
export interface ShapeTrial {
  base: number[][];
  head: number[][];
  paired: boolean;
  baseCpu?: string[];
  headCpu?: string;
  /** History shapes: the rounds a confirmation would add (confirm-rounds), drawn as a fresh
   *  run on the current run's CPU model: a passing slow mode is drawn afresh, a slowdown
   *  injected into the current run holds in them too. */
  confirm?: number[];
}

/** confirm-rounds' default, as the Action and `perfgate run` use it. */
export const CONFIRM_ROUNDS = 5;

export interface ShapeScenario {
  shape: string;
  noise: string;
  draw(random: Random): ShapeTrial;
}

export const SINGLE_VALUE_RUNS = 20;
export const CURRENT_ROUNDS = 5;
export const FEW_PAIRS = 10;
export const HISTORY_RUNS = 20;

export const SHAPES = {
  single: `history of ${SINGLE_VALUE_RUNS} single-value runs, current ${CURRENT_ROUNDS} rounds`,
  pairs: `${FEW_PAIRS} back-to-back pairs, --paired`,
  full: `history of ${HISTORY_RUNS} runs × ${CURRENT_ROUNDS} rounds, current ${CURRENT_ROUNDS} rounds`,
} as const;

// ---------------------------------------------------------------------------------------
// Simulated mixtures
// ---------------------------------------------------------------------------------------

/** Everyday noise under the mixtures: the hosted-runner figures of noise.ts. */
const RUN_CV = 0.03;
const ROUND_CV = 0.015;
const PAIR_DRIFT_CV = 0.02;

export interface Mixture {
  name: string;
  /** Factor of a whole run (the runner it landed on) and its CPU model. */
  run(random: Random, rate: number): { factor: number; cpu: string };
  /** Factor of one round inside a run. */
  round(random: Random, rate: number): number;
}

/** 1.5–2× slower: the slow mode's size. */
function slowFactor(random: Random): number {
  return 1.5 + 0.5 * random.next();
}

/** A whole run now and then lands in a slow mode (a throttled or crowded runner). */
export const SLOW_RUNS: Mixture = {
  name: "slow-mode runs (5–15 % of runs 1.5–2× slower)",
  run: (random, rate) => ({
    factor: lognormalFactor(random, RUN_CV) * (random.next() < rate ? slowFactor(random) : 1),
    cpu: "sim",
  }),
  round: (random) => lognormalFactor(random, ROUND_CV),
};

/** Single rounds now and then land in a slow mode (a neighbour's burst, a GC storm). */
export const SLOW_ROUNDS: Mixture = {
  name: "slow-mode rounds (5–15 % of rounds 1.5–2× slower)",
  run: (random) => ({ factor: lognormalFactor(random, RUN_CV), cpu: "sim" }),
  round: (random, rate) =>
    lognormalFactor(random, ROUND_CV) * (random.next() < rate ? slowFactor(random) : 1),
};

/** Two CPU models in one pool, the older one 30 % slower, each run on either at random. */
export const TWO_CPUS: Mixture = {
  name: "two CPU models (30 % apart, 50/50)",
  run: (random) => {
    const old = random.next() < 0.5;
    return {
      factor: lognormalFactor(random, RUN_CV) * (old ? 1.3 : 1),
      cpu: old ? "Intel(R) Xeon(R) Platinum 8272CL" : "AMD EPYC 7763 64-Core Processor",
    };
  },
  round: (random) => lognormalFactor(random, ROUND_CV),
};

/** The slow-mode rate of one trial: uniform on 5–15 %. */
const rateOf = (random: Random) => 0.05 + 0.1 * random.next();

function simRun(m: Mixture, random: Random, rate: number, rounds: number) {
  const run = m.run(random, rate);
  return {
    rounds: Array.from({ length: rounds }, () => run.factor * m.round(random, rate) * 0.01),
    cpu: run.cpu,
  };
}

/** `historyRuns`: the history's length where the shape has one (default: the shape's own). */
export function simulatedShape(
  shape: keyof typeof SHAPES,
  m: Mixture,
  historyRuns = shape === "single" ? SINGLE_VALUE_RUNS : HISTORY_RUNS,
): ShapeScenario {
  return {
    shape: SHAPES[shape],
    noise: `simulated: ${m.name}`,
    draw(random) {
      const rate = rateOf(random);
      if (shape === "pairs") {
        // One session on one runner: its CPU model and slow mode hold for every pair, each
        // pair drifts, each side of a pair has its own round noise (and slow rounds).
        const session = m.run(random, rate);
        const base: number[][] = [];
        const head: number[][] = [];
        for (let i = 0; i < FEW_PAIRS; i++) {
          const drift = session.factor * lognormalFactor(random, PAIR_DRIFT_CV) * 0.01;
          // A slow-mode run hits one side of a pair: each process is its own run.
          const side = () => drift * m.round(random, rate) * (pairSlow(m, random, rate) ?? 1);
          base.push([side()]);
          head.push([side()]);
        }
        return { base, head, paired: true };
      }
      const baseRounds = shape === "single" ? 1 : CURRENT_ROUNDS;
      const runs = Array.from({ length: historyRuns }, () => simRun(m, random, rate, baseRounds));
      const current = simRun(m, random, rate, CURRENT_ROUNDS);
      let again = simRun(m, random, rate, CONFIRM_ROUNDS);
      while (again.cpu !== current.cpu) again = simRun(m, random, rate, CONFIRM_ROUNDS);
      return {
        confirm: again.rounds,
        base: runs.map((r) => r.rounds),
        head: [current.rounds],
        paired: false,
        baseCpu: runs.map((r) => r.cpu),
        headCpu: current.cpu,
      };
    },
  };
}

/** In paired mode each side of a pair is a fresh process: the slow-run mode hits sides. */
function pairSlow(m: Mixture, random: Random, rate: number): number | undefined {
  return m === SLOW_RUNS && random.next() < rate ? slowFactor(random) : undefined;
}

// ---------------------------------------------------------------------------------------
// Real recordings (fixtures/aa)
// ---------------------------------------------------------------------------------------

function pick<T>(random: Random, xs: readonly T[]): T {
  return xs[random.int(xs.length)] as T;
}

/** Real A/A trials of one shape from the fresh-process recordings: runs without the added
 *  load (the history's everyday runs) for the history shapes, unloaded sessions for pairs. */
export function realShape(shape: keyof typeof SHAPES, data: AAData, label: string): ShapeScenario {
  const runs = data.runs.filter((r) => !r.load);
  const sessions = data.sessions.filter((s) => !s.load);
  return {
    shape: SHAPES[shape],
    noise: `real: ${label}`,
    draw(random) {
      const benchmark = pick(random, data.benchmarks);
      const rounds = (r: AARun) => r.rounds[benchmark] ?? [];
      if (shape === "pairs") {
        const s = pick(random, sessions);
        const picks = sampleIndices(random, s.pairs.length, FEW_PAIRS).sort((x, y) => x - y);
        const swap = random.next() < 0.5;
        const base: number[][] = [];
        const head: number[][] = [];
        for (const i of picks) {
          const pair = s.pairs[i] as { a: AARun; b: AARun };
          base.push(rounds(swap ? pair.b : pair.a));
          head.push(rounds(swap ? pair.a : pair.b));
        }
        return { base, head, paired: true };
      }
      const count = shape === "single" ? SINGLE_VALUE_RUNS : HISTORY_RUNS;
      const picks = sampleIndices(random, runs.length, count + 2);
      const current = rounds(runs[picks[count] as number] as AARun).slice(0, CURRENT_ROUNDS);
      const confirm = rounds(runs[picks[count + 1] as number] as AARun).slice(0, CONFIRM_ROUNDS);
      // A single-value history keeps one round of each run, drawn at random (the first
      // round of a fresh process runs systematically slower here): one observation per
      // run, as a tool that reports one number per invocation gives it.
      const base = picks
        .slice(0, count)
        .map((i) => rounds(runs[i] as AARun))
        .map((r) =>
          shape === "single" ? [r[random.int(r.length)] as number] : r.slice(0, CURRENT_ROUNDS),
        );
      return { base, head: [current], paired: false, confirm };
    },
  };
}

// ---------------------------------------------------------------------------------------
// First runs: whole hyperfine files, 1–2 baseline files against one current file
// ---------------------------------------------------------------------------------------

export interface FirstRunsTrial {
  baseline: Results[];
  current: Results;
}

/** 1 or 2 baseline files (at random) and one more as the current run, all distinct. */
export function drawFirstRuns(random: Random, files: readonly Results[]): FirstRunsTrial {
  const k = 1 + random.int(2);
  const picks = sampleIndices(random, files.length, k + 1);
  return {
    baseline: picks.slice(0, k).map((i) => files[i] as Results),
    current: files[picks[k] as number] as Results,
  };
}

/** Every sample of every metric of the current file slowed down by `slowdown`. */
export function slowFile(file: Results, slowdown: number): Results {
  return {
    ...file,
    benchmarks: file.benchmarks.map((b) => ({
      ...b,
      metrics: Object.fromEntries(
        Object.entries(b.metrics).map(([k, m]) => [
          k,
          { ...m, samples: m.samples.map((x) => x * (1 + slowdown)) },
        ]),
      ),
    })),
  };
}
