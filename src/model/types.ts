/**
 * The public data model: what a results file and a baseline history hold. These types
 * mirror schema/results.v1.json and schema/history.v1.json; change both together.
 */

/** Which way is better for a metric. Every metric states it; nothing is guessed later. */
export type Direction = "higher" | "lower";

/**
 * One measured quantity of one benchmark. `samples` holds one observation per round (never
 * one per loop iteration), in the metric's canonical unit (see units.ts).
 */
export interface Metric {
  unit: string;
  direction: Direction;
  samples: number[];
  /** Optional, one per sample: the steady-state measuring windows the sample is the median
   *  of (the throughput suite's tcp/throughput and tls/throughput). */
  windows?: WindowSummary[];
}

/** How one sample was measured in windows: how many, how long each, and how far apart
 *  their rates were ((max − min) / median; 0.1 = the windows lay within 10 %). */
export interface WindowSummary {
  count: number;
  seconds: number;
  spread: number;
}

export interface Benchmark {
  /** Unique within a results file, e.g. "tcp/throughput" or "parse/json (large)". */
  name: string;
  /** Metric name → metric, e.g. "throughput", "p99", "time", "bytes/op". */
  metrics: Record<string, Metric>;
}

/** Where a run happened: enough to tell two runners apart and to explain a difference. */
export interface Environment {
  os?: string;
  arch?: string;
  cpus?: number;
  cpuModel?: string;
  node?: string;
  kernel?: string;
  openssl?: string;
  /** e.g. "GitHub Actions ubuntu-24.04" or "local". */
  runner?: string;
  /** Where the processes ran, e.g. "server: cpu1, client: cpu0". */
  placement?: string;
  [key: string]: unknown;
}

export const RESULTS_SCHEMA = "perfgate/results/v1";
export const HISTORY_SCHEMA = "perfgate/history/v1";
export const REPORT_SCHEMA = "perfgate/report/v1";
/** The compact report (schema/report.v2.json): plain unchanged findings as table rows. */
export const REPORT_COMPACT_SCHEMA = "perfgate/report/v2";

/** One run of one suite: the contract in docs/contracts.md ("Results"). */
export interface Results {
  schema: typeof RESULTS_SCHEMA;
  suite: string;
  commit?: string;
  ref?: string;
  /** RFC 3339. */
  timestamp: string;
  environment: Environment;
  benchmarks: Benchmark[];
  /** Things the collector wants a reader to know, e.g. "stopped at 500 connections: fd limit". */
  notes?: string[];
  /** How long collecting took, when perfgate collected (not for files a tool wrote). */
  collection?: Collection;
}

/** The wall-clock cost of a collection, in seconds. */
export interface Collection {
  /** Everything: the build, every round, the process starts in between. */
  seconds: number;
  /** Each round, in the order they ran. */
  roundSeconds: number[];
  /** The config's `run.build`, when it has one. */
  buildSeconds?: number;
}

/** The last N runs of the baseline branch for one suite, newest last, one per commit. */
export interface History {
  schema: typeof HISTORY_SCHEMA;
  suite: string;
  runs: Results[];
}
