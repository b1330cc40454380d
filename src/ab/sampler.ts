/**
 * The sequential loop: run pairs (base and head back to back, the order inside each pair
 * drawn from a seeded generator), look at the planned pair counts, stop as soon as every
 * interval is clear (stopping.ts), or at the pair cap, or when the next pair would overrun
 * the time budget. Every look tests at the levels split over the planned looks (looks.ts).
 *
 * I/O comes in through `runSide` and `now`, so tests drive it with made-up runs and a fake
 * clock; the rounds themselves never overlap (each awaits the one before).
 */
import { compare } from "../analyze/compare.js";
import { createRandom } from "../analyze/random.js";
import { baseThresholds } from "../analyze/rules.js";
import type { Report } from "../analyze/types.js";
import type { Config } from "../model/config.js";
import { DEFAULT_THRESHOLDS, type FailOn } from "../model/defaults.js";
import type { Results } from "../model/types.js";
import { configAtLooks, lookSchedule } from "./looks.js";
import { openFindings } from "./stopping.js";

export type Side = "base" | "head";

/**
 * The sampler's first look waits for the pairs at which even a sign test, all signs agreeing
 * (p = 2/2ⁿ), could reach `alpha`: fewer pairs cannot tell a change from noise without leaning
 * on the spread's shape. The verdict's trimmed-mean t (analyze/trimmedT.ts) may decide at
 * that look or any later one.
 */
export function minPairsFor(alpha: number): number {
  let n = 1;
  while (2 / 2 ** n > alpha && n < 64) n++;
  return n;
}

export type StopReason = "settled" | "max-pairs" | "max-time";

export interface SamplingPlan {
  minPairs: number;
  maxPairs: number;
  looks: number;
  maxTimeMs: number;
  seed: number;
}

export interface SamplerInput {
  plan: SamplingPlan;
  config?: Config;
  failOn?: FailOn;
  /** Runs one round of one side in fresh processes and returns its results. */
  runSide(side: Side, pair: number): Promise<Results>;
  /** Milliseconds, monotonic. */
  now(): number;
  onLook?(pairs: number, report: Report): void;
}

export interface Sampling {
  report: Report;
  base: Results[];
  head: Results[];
  pairs: number;
  /** Pair counts at which the data was looked at. */
  looked: number[];
  schedule: number[];
  stop: StopReason;
  /** Findings still open when sampling stopped (none when settled). */
  open: number;
  /** Order of each pair: true when head ran first. */
  headFirst: boolean[];
  elapsedMs: number;
}

/**
 * The first look waits for the fewest pairs at which even a sign test could reach Holm's
 * first level α / K / m over m metrics (all signs agreeing: p = 2 / 2ⁿ): 8 for one metric at
 * α = 5 % over 4 looks, 9 for tinybench's two. Paired mode's trimmed t test (trimmedT.ts)
 * could reach it sooner on a clean signal, but a stop decided on a handful of pairs from a
 * shared runner rests on too unsteady an interval. The other looks are spaced up to the cap.
 */
function reachableSchedule(
  plan: SamplingPlan,
  config: Config | undefined,
  looks: number,
  head: Results,
): number[] {
  let metrics = 0;
  for (const b of head.benchmarks) metrics += Object.keys(b.metrics).length;
  const alpha = baseThresholds(config).alpha / looks / Math.max(1, metrics);
  const first = Math.max(plan.minPairs, minPairsFor(alpha));
  return lookSchedule(Math.min(first, plan.maxPairs), plan.maxPairs, plan.looks);
}

export async function sample(input: SamplerInput): Promise<Sampling> {
  const { plan } = input;
  let schedule = lookSchedule(plan.minPairs, plan.maxPairs, plan.looks);
  const random = createRandom(plan.seed);
  const start = input.now();
  const base: Results[] = [];
  const head: Results[] = [];
  const headFirst: boolean[] = [];
  const looked: number[] = [];
  let report: Report | undefined;
  let stop: StopReason = "max-pairs";

  const look = () => {
    // Levels split over the looks planned once the first pair fixed the schedule; that
    // choice depends on how many metrics there are, never on their values.
    const config = configAtLooks(input.config ?? {}, schedule.length, DEFAULT_THRESHOLDS);
    report = compare({
      baseline: base,
      current: head,
      paired: true,
      config,
      ...(input.failOn ? { failOn: input.failOn } : {}),
      seed: plan.seed,
    });
    looked.push(base.length);
    input.onLook?.(base.length, report);
    return openFindings(report).length === 0;
  };

  let next = 0;
  outer: while (next < schedule.length) {
    const target = schedule[next++] as number;
    while (base.length < target) {
      const elapsed = input.now() - start;
      const perPair = base.length > 0 ? elapsed / base.length : 0;
      if (base.length > 0 && elapsed + perPair > plan.maxTimeMs) {
        stop = "max-time";
        break outer;
      }
      const pair = base.length;
      const first = random.next() < 0.5;
      headFirst.push(first);
      const order: Side[] = first ? ["head", "base"] : ["base", "head"];
      const got: Partial<Record<Side, Results>> = {};
      for (const side of order) got[side] = await input.runSide(side, pair);
      base.push(got.base as Results);
      head.push(got.head as Results);
      if (base.length === 1) {
        schedule = reachableSchedule(plan, input.config, schedule.length, got.head as Results);
        next = 0;
        continue outer;
      }
    }
    if (look()) {
      stop = "settled";
      break;
    }
  }
  // Stopped by the clock between looks: one last look at what ran (it takes the place of
  // the looks that never happened, so the split over looks still holds).
  if (stop === "max-time" && looked.at(-1) !== base.length && base.length > 0) look();
  if (!report) look();
  const final = report as unknown as Report;
  const open = openFindings(final).length;
  if (open === 0) stop = "settled";
  return {
    report: final,
    base,
    head,
    pairs: base.length,
    looked,
    schedule,
    stop,
    open,
    headFirst,
    elapsedMs: input.now() - start,
  };
}
