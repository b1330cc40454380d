/** What a monitor session amounted to, for its last lines and the export. Pure. */
import { percentile } from "../util/quantiles.js";
import { HEALTH, type Health } from "./health.js";
import type { IntervalFigures, IntervalRaw } from "./window.js";

export interface Totals {
  startedAt: Date;
  elapsedSeconds: number;
  stoppedBy: "duration" | "interrupted" | "critical";
}

export interface Summary {
  startedAt: string;
  elapsedSeconds: number;
  stoppedBy: Totals["stoppedBy"];
  intervals: number;
  /** Intervals spent in each health. */
  health: Record<Health, number>;
  /** Worst health seen. */
  worst: Health | null;
  throughputGbps: { median: number; min: number; max: number } | null;
  /** Over every round trip of the session. */
  latencyMs: { p50: number; p95: number; p99: number } | null;
  /** Over every probe and connection attempt of the session. */
  loss: number | null;
  connectionSuccess: number | null;
  jitterMs: number | null;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function summarise(
  intervals: IntervalFigures[],
  raws: IntervalRaw[],
  totals: Totals,
): Summary {
  const health: Record<Health, number> = { Healthy: 0, Degraded: 0, Critical: 0 };
  for (const f of intervals) health[f.health] += 1;
  const worst = [...HEALTH].reverse().find((h) => health[h] > 0) ?? null;
  const rates = raws
    .map((r) => r.throughputGbps)
    .filter((x): x is number => x !== undefined)
    .sort((a, b) => a - b);
  const rtts = raws.flatMap((r) => r.rttsMs).sort((a, b) => a - b);
  const probes = sum(raws.map((r) => r.probesSent));
  const attempts = sum(raws.map((r) => r.attempts));
  const udp = raws.some((r) => r.udpAnswered);
  return {
    startedAt: totals.startedAt.toISOString(),
    elapsedSeconds: totals.elapsedSeconds,
    stoppedBy: totals.stoppedBy,
    intervals: intervals.length,
    health,
    worst,
    throughputGbps:
      rates.length > 0
        ? {
            median: percentile(rates, 0.5),
            min: rates[0] as number,
            max: rates[rates.length - 1] as number,
          }
        : null,
    latencyMs:
      rtts.length > 0
        ? { p50: percentile(rtts, 0.5), p95: percentile(rtts, 0.95), p99: percentile(rtts, 0.99) }
        : null,
    loss: udp && probes > 0 ? sum(raws.map((r) => r.probesLost)) / probes : null,
    connectionSuccess: attempts > 0 ? sum(raws.map((r) => r.successes)) / attempts : null,
    jitterMs: intervals.at(-1)?.jitterMs ?? null,
  };
}
