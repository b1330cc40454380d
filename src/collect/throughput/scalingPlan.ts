/**
 * How much the connection-scaling scenario does (`perfgate throughput --scaling`): N
 * concurrent connections for each N, over TCP and TLS, each one sending for a fixed time.
 * Every number is a trade between a steady figure and the 60 s budget on a 2-core machine.
 */
import type { Transport } from "./connection.js";
import { DEFAULT_MAX_CONNECTIONS } from "./server.js";

export interface ScalingPlan {
  rounds: number;
  /** Concurrent connections per trial, ascending. */
  connections: number[];
  transports: Transport[];
  /** After the last connection is open: discarded, lets every connection reach its pace. */
  warmupMs: number;
  /** The measured window, during which all N send and the set-up probes run. */
  durationMs: number;
}

/** The N the issue asks for: from a handful of clients to the "1,000+" people claim. */
export const DEFAULT_CONNECTIONS = [10, 100, 500, 1000];
export const QUICK_CONNECTIONS = [10, 100];

/** The loopback server (and `perfgate serve`) accepts at most DEFAULT_MAX_CONNECTIONS
 *  sockets; a trial also needs one probe and one info connection beside its N. */
export const MAX_SCALING_CONNECTIONS = DEFAULT_MAX_CONNECTIONS - 24;

/** Measured on the 2-core dev machine: 3 rounds of 8 trials take about 45 s. */
export const DEFAULT_SCALING_PLAN: ScalingPlan = {
  rounds: 3,
  connections: DEFAULT_CONNECTIONS,
  transports: ["tcp", "tls"],
  warmupMs: 300,
  durationMs: 1000,
};

export const QUICK_SCALING_PLAN: ScalingPlan = {
  rounds: 3,
  connections: QUICK_CONNECTIONS,
  transports: ["tcp", "tls"],
  warmupMs: 200,
  durationMs: 600,
};

/** Each connection's writes: small enough that N × one write in flight stays far below the
 *  machine's memory at N = 1,000, large enough to keep a loopback link busy. */
export const SCALING_WRITE_SIZE = 64 * 1024;

/**
 * How often the server confirms bytes (protocol.ts, sink PROGRESS records). Each record is
 * one small write on the server: with N connections sharing the link, a fixed byte step
 * would cost either too many records at N = 10 or too few at N = 1,000, so the step shrinks
 * with N (64 MiB / N, within 64 KiB … 8 MiB): a few dozen records per connection per second.
 */
export function progressStep(connections: number): number {
  const KiB = 1024;
  return Math.min(8 * KiB * KiB, Math.max(64 * KiB, Math.round((64 * KiB * KiB) / connections)));
}

/** Benchmark name of one trial: "tcp/scaling/n=100" (the report groups on "/n="). */
export function scalingName(transport: Transport, connections: number): string {
  return `${transport}/scaling/n=${connections}`;
}

/** "10,100,500" → [10, 100, 500], ascending and distinct; undefined when it is not that. */
export function parseConnections(text: string): number[] | undefined {
  const values = text.split(",").map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((n) => !Number.isInteger(n) || n < 1)) return undefined;
  return [...new Set(values)].sort((a, b) => a - b);
}
