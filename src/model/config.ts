/**
 * The `.perfgate.yml` configuration (schema/config.v1.json). Keys are kebab-case in the
 * file and camelCase here; the loader converts. Absolute limits may be written with a unit
 * in the file ("1 Gbit/s", "250 ms") and arrive here in the metric's canonical unit.
 */
import type { FailOn, Thresholds } from "./defaults.js";
import type { Direction } from "./types.js";

/** Per-benchmark (and optionally per-metric) policy. The last matching rule wins per field. */
export interface Rule {
  /** Glob over benchmark names: `*` within a path segment, `**` across segments. */
  benchmark: string;
  /** Glob over metric names; all metrics when absent. */
  metric?: string;
  thresholds?: Partial<Thresholds>;
  /** Absolute limits in the canonical unit: breaching one is Critical. */
  min?: number;
  max?: number;
  /** The canonical unit each limit was written with ("1 Gbit/s" → "Gbit/s"); a limit
   *  applies only to metrics measured in that unit. Absent for bare numbers. */
  limitUnits?: Partial<Record<"min" | "max" | "ceiling", string>>;
  /** The most this metric can plausibly reach on this machine (e.g. the measured loopback
   *  ceiling in Gbit/s), in the canonical unit: above it the result is flagged, not graded. */
  ceiling?: number;
  /** Which way is better, where the tool's output does not say (a Google Benchmark user
   *  counter, a custom metric); overrides the direction the results carry. */
  direction?: Direction;
  /** Leave this benchmark/metric out of the verdict (still listed as ignored). */
  ignore?: boolean;
}

/** What `perfgate run` collects. Exactly one source. The collection code owns the details. */
export interface RunConfig {
  /** The built-in real-throughput suite, with its options. */
  throughput?: Record<string, unknown>;
  /** Globs of tinybench files (*.bench.{js,mjs,ts}). */
  tinybench?: string[];
  /** A command run once per round; its output is parsed with `tool`. */
  command?: string;
  /** Files written by a tool, parsed with `tool`. */
  files?: string[];
  /** Parser name, or "auto". */
  tool?: string;
  /** Optional build step before collecting (used by same-runner A/B in each tree). */
  build?: string;
  /** Working directory for command and build, relative to the config file. */
  cwd?: string;
}

/** An intended change (`accept:` in .perfgate.yml): its regressions do not fail the gate. */
export interface AcceptEntry {
  /** Glob over benchmark names, as in rules. */
  benchmark: string;
  /** Glob over metric names; all metrics when absent. */
  metric?: string;
  /** The commit that makes the change (full id or a prefix of ≥ 7 characters). */
  commit?: string;
  /** The pull request that makes the change. */
  pr?: number;
  reason: string;
}

export interface Config {
  suite?: string;
  rounds?: number;
  historySize?: number;
  failOn?: FailOn;
  /** Rounds run again before a finding fails the gate (0: off). */
  confirmRounds?: number;
  thresholds?: Partial<Thresholds>;
  rules?: Rule[];
  accept?: AcceptEntry[];
  run?: RunConfig;
}
