/**
 * From raw per-interval measurements to the figures a line shows and health judges.
 * Pure. Latency percentiles, loss and connection success are taken over a rolling window
 * of the last ROLLING_INTERVALS intervals: one interval's 20 round trips cannot carry a p99,
 * and one lost probe of 20 would read as 5 % loss. Throughput is shown per interval and
 * judged on the median of the last THROUGHPUT_SMOOTHING bursts, so one unlucky burst on a
 * shared machine does not flip the health.
 */

import { networkTier } from "../collect/throughput/tier.js";
import { median, percentile } from "../util/quantiles.js";
import type { FailureCounts } from "./failure.js";
import { assessHealth, type Expectations, type Health } from "./health.js";

/** 10 intervals × 20 round trips: a p99 that rests on two values, not on one. */
export const ROLLING_INTERVALS = 10;
/** Median of 3 ignores one outlier burst and still follows a real change within 2 intervals. */
export const THROUGHPUT_SMOOTHING = 3;

export interface IntervalRaw {
  /** Undefined when the burst failed. */
  throughputGbps?: number;
  rttsMs: number[];
  probesSent: number;
  probesLost: number;
  /** Running RFC 3550 jitter after this interval's probes. */
  jitterMs?: number;
  /** Whether any UDP reply has ever come back; before that, loss is not judged. */
  udpAnswered: boolean;
  attempts: number;
  successes: number;
  errors: string[];
  /** This interval's failed attempts by why they failed (absent: none recorded). */
  failures?: FailureCounts;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface IntervalFigures {
  index: number;
  timestamp: string;
  throughputGbps: number | null;
  tier: string | null;
  /** Over the rolling window. */
  latencyMs: Percentiles | null;
  /** This interval's round trips only: an independent observation for a results file. */
  intervalLatencyMs: Percentiles | null;
  connectionSuccess: number | null;
  loss: number | null;
  jitterMs: number | null;
  health: Health;
  reasons: string[];
  errors: string[];
  /** This interval's failed connection attempts by kind: refused, timed out, TLS error… */
  failures: FailureCounts;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function percentiles(values: number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
  };
}

/** The median, or undefined for an interval without values (shown as a gap). */
function medianOrNone(values: number[]): number | undefined {
  return values.length === 0 ? undefined : median(values);
}

export class RollingWindow {
  private readonly raws: IntervalRaw[] = [];
  private index = 0;

  constructor(private readonly expected: Expectations) {}

  push(raw: IntervalRaw, at: Date): IntervalFigures {
    this.raws.push(raw);
    if (this.raws.length > ROLLING_INTERVALS) this.raws.shift();
    this.index += 1;
    const window = this.raws;
    const bursts = window
      .slice(-THROUGHPUT_SMOOTHING)
      .map((r) => r.throughputGbps)
      .filter((x): x is number => x !== undefined);
    const latencyMs = percentiles(window.flatMap((r) => r.rttsMs));
    const attempts = sum(window.map((r) => r.attempts));
    const probes = sum(window.map((r) => r.probesSent));
    const connectionSuccess = attempts > 0 ? sum(window.map((r) => r.successes)) / attempts : null;
    const loss =
      raw.udpAnswered && probes > 0 ? sum(window.map((r) => r.probesLost)) / probes : null;
    const verdict = assessHealth(
      {
        throughputGbps: medianOrNone(bursts),
        p99Ms: latencyMs?.p99,
        loss: loss ?? undefined,
        connectionSuccess: connectionSuccess ?? undefined,
      },
      this.expected,
    );
    return {
      index: this.index,
      timestamp: at.toISOString(),
      throughputGbps: raw.throughputGbps ?? null,
      tier: raw.throughputGbps === undefined ? null : networkTier(raw.throughputGbps),
      latencyMs,
      intervalLatencyMs: percentiles(raw.rttsMs),
      connectionSuccess,
      loss,
      jitterMs: raw.udpAnswered ? (raw.jitterMs ?? null) : null,
      health: verdict.health,
      reasons: verdict.reasons,
      errors: raw.errors,
      failures: raw.failures ?? {},
    };
  }
}
