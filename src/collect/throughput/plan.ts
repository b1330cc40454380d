/**
 * How much one round of the suite does, by default and with --quick. Every number here is a
 * trade between a steady figure and the run's time budget (DESIGN: a default run within
 * 60 s and --quick within 15 s on a 2-core machine).
 */
import type { LatencyPlan } from "./latency.js";
import type { SetupPlan } from "./setup.js";

export interface ThroughputPlan {
  /** Discarded: lets TCP open its window and the JIT compile the write path. The same in
   *  quick and full mode, so both measure the same steady state. */
  warmupMs: number;
  /** Measured: cut into windows of windowMs; the figure is the windows' median. */
  durationMs: number;
  windowMs: number;
  /** 1 MiB writes (transfers; the server's writes are 1 MiB too) and 1 MiB reads: the
   *  sizes at which Node's loopback rate meets iperf3's (docs/architecture.md, "What the code relies on from the platform"). */
  writeSize: number;
  readSize: number;
}

/** The parts of a round; a plan may run only some (the iperf3 bench runs only throughput). */
export const SCENARIOS = ["throughput", "transfer", "latency", "connect"] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface SuitePlan {
  rounds: number;
  /** Run only these scenarios (all when absent). */
  only?: Scenario[];
  throughput: ThroughputPlan;
  /** Transfer sizes in bytes (decimal megabytes, 1 MB = 10^6 B). */
  transferSizes: number[];
  latency: LatencyPlan;
  setup: { tcp: SetupPlan; tls: SetupPlan };
}

const MiB = 1024 * 1024;
const MB = 1_000_000;

export const DEFAULT_PLAN: SuitePlan = {
  rounds: 5,
  // Six 250 ms windows after a 500 ms warm-up.
  throughput: { warmupMs: 500, durationMs: 1500, windowMs: 250, writeSize: MiB, readSize: MiB },
  transferSizes: [1 * MB, 10 * MB, 100 * MB, 500 * MB],
  // 10,000 round trips: p99.9 then rests on the 10 slowest, not on one.
  latency: { messages: 10_000, warmup: 1_000, messageSize: 64 },
  setup: {
    tcp: { sequential: 200, sequentialMaxMs: 1_000, burstMs: 500, concurrency: 8 },
    tls: { sequential: 50, sequentialMaxMs: 1_000, burstMs: 500, concurrency: 8 },
  },
};

/** --quick: fewer rounds, shorter trials, and no 500 MB transfer (the notes say so). */
export const QUICK_PLAN: SuitePlan = {
  rounds: 3,
  // The full plan's warm-up and windows, two windows instead of six. A 150 ms warm-up
  // measured the ramp-up: a fresh process's first reads and TCP's opening window (0.68 of
  // iperf3's figure in issue 15's bench). Each trial is 475 ms longer than that plan's
  // (500 + 500 + 125 ms of slack for the last window): 2.9 s more per quick run.
  throughput: { warmupMs: 500, durationMs: 500, windowMs: 250, writeSize: MiB, readSize: MiB },
  transferSizes: [1 * MB, 10 * MB, 100 * MB],
  latency: { messages: 10_000, warmup: 500, messageSize: 64 },
  setup: {
    tcp: { sequential: 50, sequentialMaxMs: 200, burstMs: 200, concurrency: 8 },
    tls: { sequential: 20, sequentialMaxMs: 200, burstMs: 200, concurrency: 8 },
  },
};

/** "1MB", "100MB", "1.5GB": the size as a benchmark name shows it (decimal units). */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1e9) return `${+(bytes / 1e9).toFixed(3)}GB`;
  if (bytes >= 1e6) return `${+(bytes / 1e6).toFixed(3)}MB`;
  if (bytes >= 1e3) return `${+(bytes / 1e3).toFixed(3)}kB`;
  return `${bytes}B`;
}

/** --write-size bounds: below 1 KiB a trial measures per-call overhead, not the network;
 *  above 64 MiB one write dwarfs the socket buffers it is meant to fill. */
export const MIN_WRITE_SIZE = 1024;
export const MAX_WRITE_SIZE = 64 * MiB;
const SIZE_UNITS: Record<string, number> = { "": 1, B: 1, KiB: 1024, MiB: MiB, kB: 1e3, MB: MB };

/** "65536", "64KiB", "1MiB", "4 kB" → bytes; undefined for anything else or out of bounds. */
export function parseWriteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(B|KiB|MiB|kB|MB)?\s*$/.exec(text);
  const unit = SIZE_UNITS[match?.[2] ?? ""];
  if (!match || unit === undefined) return undefined;
  const bytes = Number(match[1]) * unit;
  if (!Number.isInteger(bytes) || bytes < MIN_WRITE_SIZE || bytes > MAX_WRITE_SIZE)
    return undefined;
  return bytes;
}

/** "throughput,transfer" → the scenarios; undefined when a name is not one of SCENARIOS. */
export function parseScenarios(text: string): Scenario[] | undefined {
  const names = text.split(",").map((name) => name.trim());
  if (!names.every((name): name is Scenario => (SCENARIOS as readonly string[]).includes(name)))
    return undefined;
  return [...new Set(names)];
}
