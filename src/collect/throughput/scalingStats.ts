/**
 * From one scaling trial to the observations of one round (pure): aggregate throughput,
 * the spread of per-connection throughput, fairness, success, set-up under load, memory.
 */

import { percentile } from "../../util/quantiles.js";
import type { Observation } from "./round.js";
import type { TrialOutcome } from "./scalingTrial.js";

const GBIT_PER_BYTE = 8 / 1e9;

/**
 * Jain's fairness index (Jain, Chiu & Hawe, "A Quantitative Measure of Fairness and
 * Discrimination for Resource Allocation in Shared Computer Systems", DEC-TR-301, 1984):
 * (Σx)² / (n·Σx²). 1 when every connection gets the same; 1/n when one gets everything.
 * All zero (nothing moved) is 0 here: nobody was served, which is not fair, only empty.
 */
export function jainIndex(values: readonly number[]): number {
  let sum = 0;
  let squares = 0;
  for (const x of values) {
    sum += x;
    squares += x * x;
  }
  return squares > 0 ? (sum * sum) / (values.length * squares) : 0;
}

/** The metrics of one trial under benchmark `name` (e.g. "tcp/scaling/n=100"). */
export function trialObservations(name: string, t: TrialOutcome): Observation[] {
  const out: Observation[] = [];
  const add = (metric: string, unit: string, direction: "higher" | "lower", value: number) =>
    out.push({ benchmark: name, metric, unit, direction, value });
  const rates = [...t.rates].sort((a, b) => a - b);
  add("throughput", "Gbit/s", "higher", (t.windowBytes * GBIT_PER_BYTE) / t.windowSeconds);
  // Failed connections count as 0: a server that drops a tenth of its clients is not fast.
  for (const [metric, q] of [
    ["per-connection-p5", 0.05],
    ["per-connection-p50", 0.5],
    ["per-connection-p95", 0.95],
  ] as const)
    add(metric, "Gbit/s", "higher", percentile(rates, q) * GBIT_PER_BYTE);
  add("fairness", "ratio", "higher", jainIndex(rates));
  add("success", "ratio", "higher", t.connections > 0 ? t.succeeded / t.connections : 0);
  const setup = [...t.setupSeconds].sort((a, b) => a - b);
  if (setup.length > 0) {
    add("setup-p50", "s", "lower", percentile(setup, 0.5));
    add("setup-p99", "s", "lower", percentile(setup, 0.99));
  }
  // Both processes' CPU per GB moved: on a busy machine steadier than Gbit/s, and what
  // says whether the instrument or the path is the limit (only our own loopback server).
  if (t.cpuPerGB !== undefined) add("cpu", "s/GB", "lower", t.cpuPerGB);
  // Both processes' growth; on a remote server only ours is known, so no figure at all
  // (half of it would read as a drop).
  if (t.serverGrowth !== undefined)
    add("memory-per-connection", "B", "lower", (t.clientGrowth + t.serverGrowth) / t.connections);
  return out;
}
