/**
 * What a monitor session leaves behind. Pure: the caller writes the files.
 *
 * - `metricsExport`: every interval's figures (schema/metrics.v1.json), for dashboards.
 * - `monitorResults`: a perfgate results file (schema/results.v1.json) in which each
 *   interval is one round, so `perfgate compare` can take a session as a baseline or as the
 *   run under test. Only figures that are independent per interval go in: the interval's
 *   own burst, round trips and jitter. Loss and connection success stay out: on a healthy
 *   path they are 0 % and 100 %, and a relative change from 0 is undefined.
 */
import type { Benchmark, Environment, Results } from "../model/types.js";
import { RESULTS_SCHEMA } from "../model/types.js";
import type { Expectations } from "./health.js";
import * as rules from "./health.js";
import type { Summary } from "./summary.js";
import type { IntervalFigures } from "./window.js";

export const METRICS_SCHEMA = "perfgate/metrics/v1";
export const MONITOR_SUITE = "network-monitor";

export interface MetricsExport {
  schema: typeof METRICS_SCHEMA;
  target: string;
  transport: "tcp" | "tls";
  intervalMs: number;
  expected: Expectations;
  /** The health rules the intervals were judged by. */
  rules: Record<string, number>;
  intervals: IntervalFigures[];
  summary: Summary;
}

export function metricsExport(input: {
  target: string;
  transport: "tcp" | "tls";
  intervalMs: number;
  expected: Expectations;
  intervals: IntervalFigures[];
  summary: Summary;
}): MetricsExport {
  return {
    schema: METRICS_SCHEMA,
    target: input.target,
    transport: input.transport,
    intervalMs: input.intervalMs,
    expected: input.expected,
    rules: {
      degradedThroughputFraction: rules.DEGRADED_THROUGHPUT_FRACTION,
      criticalThroughputFraction: rules.CRITICAL_THROUGHPUT_FRACTION,
      criticalLatencyFactor: rules.CRITICAL_LATENCY_FACTOR,
      degradedLoss: rules.DEGRADED_LOSS,
      criticalLoss: rules.CRITICAL_LOSS,
      degradedSuccess: rules.DEGRADED_SUCCESS,
      criticalSuccess: rules.CRITICAL_SUCCESS,
    },
    intervals: input.intervals,
    summary: input.summary,
  };
}

export function monitorResults(input: {
  intervals: IntervalFigures[];
  target: string;
  environment: Environment;
  timestamp: Date;
  commit?: string;
  ref?: string;
}): Results {
  const samples = {
    throughput: [] as number[],
    p50: [] as number[],
    p95: [] as number[],
    p99: [] as number[],
    jitter: [] as number[],
  };
  for (const f of input.intervals) {
    if (f.throughputGbps !== null) samples.throughput.push(f.throughputGbps);
    if (f.intervalLatencyMs) {
      samples.p50.push(f.intervalLatencyMs.p50 / 1000);
      samples.p95.push(f.intervalLatencyMs.p95 / 1000);
      samples.p99.push(f.intervalLatencyMs.p99 / 1000);
    }
    if (f.jitterMs !== null) samples.jitter.push(f.jitterMs / 1000);
  }
  const benchmarks: Benchmark[] = [];
  if (samples.throughput.length > 0)
    benchmarks.push({
      name: "path/throughput",
      metrics: {
        throughput: { unit: "Gbit/s", direction: "higher", samples: samples.throughput },
      },
    });
  if (samples.p50.length > 0)
    benchmarks.push({
      name: "path/round-trip",
      metrics: Object.fromEntries(
        (["p50", "p95", "p99"] as const).map((p) => [
          p,
          { unit: "s", direction: "lower" as const, samples: samples[p] },
        ]),
      ),
    });
  if (samples.jitter.length > 0)
    benchmarks.push({
      name: "path/udp",
      metrics: { jitter: { unit: "s", direction: "lower", samples: samples.jitter } },
    });
  const results: Results = {
    schema: RESULTS_SCHEMA,
    suite: MONITOR_SUITE,
    timestamp: input.timestamp.toISOString(),
    environment: { ...input.environment, target: input.target },
    benchmarks,
    notes: [
      `perfgate monitor of ${input.target}: ${input.intervals.length} intervals, one round each`,
    ],
  };
  if (input.commit) results.commit = input.commit;
  if (input.ref) results.ref = input.ref;
  return results;
}
