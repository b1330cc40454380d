/**
 * The monitor's figures as Prometheus metrics (`perfgate monitor --metrics-port P`), through
 * prom-client on a registry of its own (no process-wide default registry). Names follow
 * Prometheus conventions, as `promtool check metrics` lints them: base units (seconds,
 * bytes per second: the line's Gbit/s × 1.25e8), `_total` on counters, and
 * states (tier, health) as one gauge per label value, 1 for the current one and 0 for the
 * rest, so `perfgate_monitor_health{health="Critical"} == 1` is an alert expression.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { NETWORK_TIERS } from "../collect/throughput/tier.js";
import { FAILURE_KINDS } from "./failure.js";
import { HEALTH } from "./health.js";
import type { IntervalFigures, IntervalRaw } from "./window.js";

/** Every metric name the exporter emits (dashboards and alert rules are checked against it). */
export const METRIC_NAMES = {
  throughput: "perfgate_monitor_throughput_bytes_per_second",
  burstThroughput: "perfgate_monitor_burst_throughput_bytes_per_second",
  roundTrip: "perfgate_monitor_round_trip_seconds",
  attempts: "perfgate_monitor_connection_attempts_total",
  failures: "perfgate_monitor_connection_failures_total",
  probesSent: "perfgate_monitor_udp_probes_sent_total",
  probesLost: "perfgate_monitor_udp_probes_lost_total",
  jitter: "perfgate_monitor_jitter_seconds",
  tier: "perfgate_monitor_tier",
  health: "perfgate_monitor_health",
  intervals: "perfgate_monitor_intervals_total",
} as const;

/** Bytes per second in one Gbit/s. */
const GBIT_BYTES = 1e9 / 8;
/** Bursts from 1 Mbit/s to 100 Gbit/s (in bytes), finer around the common 0.25–25 Gbit/s. */
const THROUGHPUT_BUCKETS = [1e-3, 1e-2, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 100].map(
  (gbit) => gbit * GBIT_BYTES,
);
/** Round trips from 50 µs (loopback) to 1 s (a struggling WAN path). */
const RTT_BUCKETS = [
  5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 2.5e-2, 5e-2, 0.1, 0.25, 1,
];

export class MonitorMetrics {
  readonly registry = new Registry();
  private readonly labels: { target: string };
  private readonly m;

  constructor(target: string) {
    this.labels = { target };
    const registers = [this.registry];
    const n = METRIC_NAMES;
    this.m = {
      throughput: new Gauge({
        name: n.throughput,
        help: "This interval's TCP burst throughput, bytes per second.",
        labelNames: ["target"],
        registers,
      }),
      burstThroughput: new Histogram({
        name: n.burstThroughput,
        help: "Throughput of each TCP burst, bytes per second.",
        labelNames: ["target"],
        buckets: THROUGHPUT_BUCKETS,
        registers,
      }),
      roundTrip: new Histogram({
        name: n.roundTrip,
        help: "Echo round trips over a kept-open TCP (or TLS) connection, seconds.",
        labelNames: ["target"],
        buckets: RTT_BUCKETS,
        registers,
      }),
      attempts: new Counter({
        name: n.attempts,
        help: "Connections attempted (connection checks, echo link, bursts).",
        labelNames: ["target"],
        registers,
      }),
      failures: new Counter({
        name: n.failures,
        help: "Connections that failed, by why (refused, timed out, TLS error, ...).",
        labelNames: ["target", "reason"],
        registers,
      }),
      probesSent: new Counter({
        name: n.probesSent,
        help: "UDP probes sent.",
        labelNames: ["target"],
        registers,
      }),
      probesLost: new Counter({
        name: n.probesLost,
        help: "UDP probes never answered within the grace period.",
        labelNames: ["target"],
        registers,
      }),
      jitter: new Gauge({
        name: n.jitter,
        help: "RFC 3550 interarrival jitter of UDP probe round trips, seconds.",
        labelNames: ["target"],
        registers,
      }),
      tier: new Gauge({
        name: n.tier,
        help: "1 for the network tier of the last burst, 0 for the others.",
        labelNames: ["target", "tier"],
        registers,
      }),
      health: new Gauge({
        name: n.health,
        help: "1 for the current health (Healthy, Degraded, Critical), 0 for the others.",
        labelNames: ["target", "health"],
        registers,
      }),
      intervals: new Counter({
        name: n.intervals,
        help: "Monitor intervals measured.",
        labelNames: ["target"],
        registers,
      }),
    };
    // Zero series from the start, so rate() and absent() work before the first failure.
    for (const reason of FAILURE_KINDS) this.m.failures.inc({ ...this.labels, reason }, 0);
    for (const c of [this.m.attempts, this.m.probesSent, this.m.probesLost, this.m.intervals])
      c.inc(this.labels, 0);
  }

  /** One interval's raw measurements: the counters and histograms. */
  recordRaw(raw: IntervalRaw): void {
    const { m, labels } = this;
    m.attempts.inc(labels, raw.attempts);
    for (const [reason, count] of Object.entries(raw.failures ?? {}))
      m.failures.inc({ ...labels, reason }, count ?? 0);
    m.probesSent.inc(labels, raw.probesSent);
    m.probesLost.inc(labels, raw.probesLost);
    for (const rtt of raw.rttsMs) m.roundTrip.observe(labels, rtt / 1000);
    if (raw.throughputGbps !== undefined)
      m.burstThroughput.observe(labels, raw.throughputGbps * GBIT_BYTES);
  }

  /** One interval's figures: the gauges. */
  recordFigures(f: IntervalFigures): void {
    const { m, labels } = this;
    m.intervals.inc(labels);
    // A failed burst leaves no throughput: drop the series rather than report 0 bits.
    if (f.throughputGbps === null) m.throughput.remove(labels);
    else m.throughput.set(labels, f.throughputGbps * GBIT_BYTES);
    if (f.jitterMs === null) m.jitter.remove(labels);
    else m.jitter.set(labels, f.jitterMs / 1000);
    for (const { name } of NETWORK_TIERS)
      m.tier.set({ ...labels, tier: name }, name === f.tier ? 1 : 0);
    for (const health of HEALTH) m.health.set({ ...labels, health }, health === f.health ? 1 : 0);
  }
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** Serve `registry` at /metrics on `port` (0: any free one), on all addresses. */
export function serveMetrics(registry: Registry, port: number): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("see /metrics\n");
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
      (error: Error) => response.writeHead(500).end(`${error.message}\n`),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export const SERVE_METRIC_NAMES = {
  probesAnswered: "perfgate_serve_udp_probes_answered_total",
  probesIgnored: "perfgate_serve_udp_probes_ignored_total",
} as const;

/**
 * `perfgate serve --metrics-port`: the probe responder's counts (read at scrape time) and
 * the serve process's own CPU and memory (prom-client's process metrics), so a dashboard
 * can tell a slow path from a starved serve.
 */
export function serveRegistry(probes?: () => { answered: number; ignored: number }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  if (probes) {
    const registers = [registry];
    new Counter({
      name: SERVE_METRIC_NAMES.probesAnswered,
      help: "UDP probes answered.",
      registers,
      collect() {
        this.reset();
        this.inc(probes().answered);
      },
    });
    new Counter({
      name: SERVE_METRIC_NAMES.probesIgnored,
      help: "UDP datagrams ignored: malformed, or over the reply rate cap.",
      registers,
      collect() {
        this.reset();
        this.inc(probes().ignored);
      },
    });
  }
  return registry;
}
