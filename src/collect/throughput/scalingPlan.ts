/**
 * How much the connection-scaling scenario does (`perfgate throughput --scaling`): N
 * concurrent connections for each N, over TCP and TLS, each one sending for a fixed time.
 * Every number is a trade between a steady figure and the 60 s budget on a 2-core machine.
 */
import type { Transport } from "./connection.js";
import { DEFAULT_MAX_CONNECTIONS, SOURCE_WRITE_SIZE } from "./server.js";

export interface ScalingPlan {
  rounds: number;
  /** Concurrent connections per trial, ascending. */
  connections: number[];
  transports: Transport[];
  /** After the last connection is open: discarded, lets every connection reach its pace. */
  warmupMs: number;
  /** The measured window: all N move bytes, nothing else runs. */
  durationMs: number;
  /** After the window, all N still moving: fresh connections are opened one after another
   *  to time set-up under that load. Kept out of the window because a probe costs both
   *  processes a connection's set-up: 200 of them a second took a fifth of the CPU per GB
   *  at N = 1 (docs/architecture.md, "Throughput at N"). */
  setupMs: number;
}

/** The N the issue asks for: from a handful of clients to the "1,000+" people claim. */
export const DEFAULT_CONNECTIONS = [10, 100, 500, 1000];
export const QUICK_CONNECTIONS = [10, 100];

/** The loopback server (and `perfgate serve`) accepts at most DEFAULT_MAX_CONNECTIONS
 *  sockets; a trial also needs one probe and one info connection beside its N. */
export const MAX_SCALING_CONNECTIONS = DEFAULT_MAX_CONNECTIONS - 24;

/** Timed on the shared 2-core dev machine with the bundled CLI, load average 7–8 from
 *  other work: one round of the 8 trials takes 33–35 s, TLS at N = 1,000
 *  alone about 8 s, most of it 1,000 handshakes. One round keeps the default inside the
 *  suite's 60 s even on a busy runner; history mode compares one observation per run
 *  anyway (the run-to-run spread is the noise). More rounds: --rounds. */
export const DEFAULT_SCALING_PLAN: ScalingPlan = {
  rounds: 1,
  connections: DEFAULT_CONNECTIONS,
  transports: ["tcp", "tls"],
  warmupMs: 200,
  durationMs: 800,
  setupMs: 400,
};

/** --quick: N = 10 and 100 only, shorter windows: one round took 11 s (bundled, busy). */
export const QUICK_SCALING_PLAN: ScalingPlan = {
  rounds: 2,
  connections: QUICK_CONNECTIONS,
  transports: ["tcp", "tls"],
  warmupMs: 150,
  durationMs: 500,
  setupMs: 250,
};

/** The size of each write. TCP: the server's 1 MiB source writes (scalingReceive.ts; the
 *  client reads 1 MiB at a time), one in flight per connection. TLS: each client's 16 KiB
 *  record, one in flight, because a TLS write encrypts before it returns and 1,000 × 256 KiB
 *  of encryption held the event loop for seconds (scalingSend.ts). */
export const SCALING_WRITE_SIZE: Record<Transport, number> = {
  tcp: SOURCE_WRITE_SIZE,
  tls: 16 * 1024,
};

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
