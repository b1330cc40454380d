/**
 * The monitor as an object for code that runs a service: `new Monitor({ host, port })`,
 * `start()`, read `snapshot()` whenever it likes, listen for health changes, `stop()`.
 * It is the same loop the CLI's `perfgate monitor` runs (sampler.ts, session.ts), without
 * printing, exiting or signal handlers: the caller owns the process.
 */
import { serverInfo } from "../collect/throughput/info.js";
import type { Expectations, Health } from "./health.js";
import { intervalPlan } from "./plan.js";
import { PathSampler } from "./sampler.js";
import { type MonitorEvent, runSession } from "./session.js";
import type { Summary } from "./summary.js";
import type { IntervalFigures } from "./window.js";

/** The library's defaults, the same as the CLI's: a gigabit path answering within 10 ms,
 *  one line a second. */
export const MONITOR_DEFAULTS = {
  intervalMs: 1000,
  expectedGbps: 1.0,
  maxLatencyMs: 10,
} as const;

export interface MonitorOptions {
  /** Where `perfgate serve` runs (a name, an IPv4 or an IPv6 address without brackets). */
  host: string;
  /** Its port (TCP, and UDP for the loss probes unless `udpPort` says otherwise). */
  port: number;
  udpPort?: number;
  /** Burst, round trips and connection checks over TLS 1.3; the serve's TLS port is asked
   *  from it unless `tlsPort` is given. */
  tls?: boolean;
  tlsPort?: number;
  /** Time between intervals (default 1000 ms, at least 100). */
  intervalMs?: number;
  /** Stop by itself after this long (default: run until stop()). */
  durationMs?: number;
  /** Throughput the path should carry, in Gbit/s (default 1). */
  expectedGbps?: number;
  /** p99 round trip it should stay under, in ms (default 10). */
  maxLatencyMs?: number;
}

/** One health transition, as `perfgate monitor --webhook` posts it (without its target). */
export interface HealthChangeEvent {
  /** The interval it happened in, from 1. */
  index: number;
  /** RFC 3339. */
  timestamp: string;
  from: Health;
  to: Health;
  /** Why the new health, e.g. "p99 12.1 ms > 10 ms"; empty when Healthy. */
  reasons: string[];
}

export interface MonitorSnapshot {
  running: boolean;
  /** Health of the newest interval; undefined before the first one ends. */
  health: Health | undefined;
  /** Intervals measured so far. */
  intervals: number;
  /** The newest interval's figures (throughput, rolling p50/p95/p99, loss, jitter, tier…). */
  latest: IntervalFigures | undefined;
}

export interface MonitorEvents {
  interval: (figures: IntervalFigures) => void;
  "health-change": (change: HealthChangeEvent) => void;
  /** A measurement failed in a new way (refused, timed out…); the monitor goes on. */
  error: (message: string) => void;
}

/** Shortest interval: below it one interval cannot hold its connects, probes and burst. */
export const MIN_MONITOR_INTERVAL_MS = 100;

export class Monitor {
  private readonly options: MonitorOptions;
  private readonly listeners: { [E in keyof MonitorEvents]: Set<MonitorEvents[E]> } = {
    interval: new Set(),
    "health-change": new Set(),
    error: new Set(),
  };
  private latest: IntervalFigures | undefined;
  private count = 0;
  private started = false;
  private abort: AbortController | undefined;
  private session: Promise<Summary> | undefined;

  constructor(options: MonitorOptions) {
    const interval = options.intervalMs ?? MONITOR_DEFAULTS.intervalMs;
    if (!(interval >= MIN_MONITOR_INTERVAL_MS))
      throw new RangeError(
        `intervalMs must be at least ${MIN_MONITOR_INTERVAL_MS}, not ${options.intervalMs}`,
      );
    if (!(Number.isInteger(options.port) && options.port > 0 && options.port < 65536))
      throw new RangeError(`port must be a whole number from 1 to 65535, not ${options.port}`);
    this.options = { ...options };
  }

  on<E extends keyof MonitorEvents>(event: E, listener: MonitorEvents[E]): this {
    this.listeners[event].add(listener);
    return this;
  }

  off<E extends keyof MonitorEvents>(event: E, listener: MonitorEvents[E]): this {
    this.listeners[event].delete(listener);
    return this;
  }

  /**
   * Starts measuring; resolves once the first interval is under way (with `tls`, after the
   * serve told its TLS port, so a serve without TLS rejects here). Intervals then run in
   * the background until stop() or `durationMs`.
   */
  async start(): Promise<void> {
    if (this.started) throw new Error("this monitor is already started");
    this.started = true;
    const o = this.options;
    const expected: Expectations = {
      expectedGbps: o.expectedGbps ?? MONITOR_DEFAULTS.expectedGbps,
      maxLatencyMs: o.maxLatencyMs ?? MONITOR_DEFAULTS.maxLatencyMs,
    };
    const intervalMs = o.intervalMs ?? MONITOR_DEFAULTS.intervalMs;
    let tlsPort: number | undefined;
    try {
      tlsPort = o.tls ? (o.tlsPort ?? (await this.askTlsPort())) : undefined;
    } catch (error) {
      this.started = false;
      throw error;
    }
    const sampler = new PathSampler(
      {
        tcp:
          tlsPort === undefined
            ? { host: o.host, port: o.port }
            : { host: o.host, port: tlsPort, tls: true },
        udp: { host: o.host, port: o.udpPort ?? o.port },
      },
      intervalPlan(intervalMs, expected),
    );
    const abort = new AbortController();
    this.abort = abort;
    this.session = runSession({
      sample: () => sampler.sample(),
      expected,
      intervalMs,
      durationMs: o.durationMs,
      signal: abort.signal,
      emit: (event) => this.dispatch(event),
    })
      .then((outcome) => outcome.summary)
      .finally(() => {
        sampler.close();
        this.abort = undefined;
      });
  }

  /** What the monitor has seen so far: cheap, callable any time. */
  snapshot(): MonitorSnapshot {
    return {
      running: this.abort !== undefined,
      health: this.latest?.health,
      intervals: this.count,
      latest: this.latest,
    };
  }

  /** Ends the session (an interval under way is abandoned) and returns its summary. A
   *  listener that threw ended the session early: its error rejects here. */
  async stop(): Promise<Summary> {
    if (!this.session) throw new Error("this monitor was never started");
    this.abort?.abort();
    return this.session;
  }

  /** Resolves with the summary when the session ends by itself (`durationMs`) or is stopped. */
  finished(): Promise<Summary> {
    if (!this.session) return Promise.reject(new Error("this monitor was never started"));
    return this.session;
  }

  private async askTlsPort(): Promise<number> {
    const { host, port } = this.options;
    const info = await serverInfo({ host, port });
    if (info.tlsPort === undefined)
      throw new Error(`the perfgate serve at ${host}:${port} serves no TLS`);
    return info.tlsPort;
  }

  private dispatch(event: MonitorEvent): void {
    if (event.type === "interval") {
      this.latest = event.figures;
      this.count += 1;
      for (const listener of this.listeners.interval) listener(event.figures);
    } else if (event.type === "health-change") {
      const { type: _, ...change } = event;
      for (const listener of this.listeners["health-change"]) listener(change);
    } else if (event.type === "error") {
      for (const listener of this.listeners.error) listener(event.message);
    }
  }
}
