/**
 * What one monitor interval does, from the interval's length and the expectations. Every
 * part is bounded in time and bytes so that measuring never becomes the load it measures:
 * at the default 1 s interval the work takes about half the interval, then the monitor waits.
 */
import type { Expectations } from "./health.js";

export interface IntervalPlan {
  /** Fresh connections set up and acknowledged, for the connection success rate. */
  connectChecks: number;
  /** Echo round trips over the long-lived connection. */
  roundTrips: number;
  probes: number;
  probeSpacingMs: number;
  /** Wait this long after the last probe before calling the missing ones lost. */
  probeGraceMs: number;
  burstMs: number;
  burstBytes: number;
  /** Any single connect, echo batch or burst gives up after this. */
  timeoutMs: number;
}

export const CONNECT_CHECKS_PER_INTERVAL = 2;
export const ROUND_TRIPS_PER_INTERVAL = 20;
export const PROBES_PER_INTERVAL = 20;
/** 20 probes 5 ms apart: 100 ms of probing, like a voice stream's packet rate. */
export const PROBE_SPACING_MS = 5;
/** A reply later than this many times the latency limit counts as lost (RFC 3550 receivers
 *  discard late packets too); at least MIN_PROBE_GRACE_MS. */
export const PROBE_GRACE_LATENCY_FACTOR = 3;
export const MIN_PROBE_GRACE_MS = 50;
/** A quarter second of bytes: long enough for TCP to leave slow start on a LAN. */
export const MAX_BURST_MS = 250;
/** Bytes per burst: the expected rate for the burst's length, times this headroom, so a
 *  path up to 4× faster than expected is still measured over the whole burst. */
export const BURST_HEADROOM = 4;
export const MIN_BURST_BYTES = 1024 * 1024;
export const MAX_BURST_BYTES = 256 * 1024 * 1024;
/** A connect, echo batch or burst gives up after half an interval, but never sooner than
 *  1 s (a busy shared machine can take that long to answer) nor later than 2 s (a dead
 *  path should not stretch the interval much). */
export const MIN_OPERATION_TIMEOUT_MS = 1000;
export const MAX_OPERATION_TIMEOUT_MS = 2000;

export function intervalPlan(intervalMs: number, expected: Expectations): IntervalPlan {
  const burstMs = Math.min(MAX_BURST_MS, intervalMs / 4);
  const expectedBytes = ((expected.expectedGbps * 1e9) / 8) * (burstMs / 1000) * BURST_HEADROOM;
  return {
    connectChecks: CONNECT_CHECKS_PER_INTERVAL,
    roundTrips: ROUND_TRIPS_PER_INTERVAL,
    probes: PROBES_PER_INTERVAL,
    probeSpacingMs: PROBE_SPACING_MS,
    probeGraceMs: Math.min(
      intervalMs / 5,
      Math.max(MIN_PROBE_GRACE_MS, PROBE_GRACE_LATENCY_FACTOR * expected.maxLatencyMs),
    ),
    burstMs,
    burstBytes: Math.round(Math.min(MAX_BURST_BYTES, Math.max(MIN_BURST_BYTES, expectedBytes))),
    timeoutMs: Math.min(
      MAX_OPERATION_TIMEOUT_MS,
      Math.max(intervalMs / 2, MIN_OPERATION_TIMEOUT_MS),
    ),
  };
}
