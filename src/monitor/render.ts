/**
 * Monitor events as text. Pure: each function returns what to write.
 *
 * - `plain`: one line per interval and per health change (CI logs, pipes);
 * - `tty`: the interval line rewrites itself in place; health changes, errors and the
 *   summary stay on the screen above it;
 * - `json`: one JSON object per line (NDJSON), the event as emitted.
 */
import { escapeTerminal } from "../report/escape.js";
import { describeFailures } from "./failure.js";
import type { MonitorEvent } from "./session.js";
import type { Summary } from "./summary.js";
import type { IntervalFigures } from "./window.js";

export type OutputMode = "plain" | "tty" | "json";
/** What the throughput burst and round trips travel over. */
export type Transport = "tcp" | "tls";

const CLEAR_LINE = "\r\u001b[2K";

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(3));
const pct = (x: number) => `${(x * 100).toFixed(x === 1 || x === 0 ? 0 : 2)}%`;
const gbps = (x: number) => (x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toFixed(4));
const time = (iso: string) => iso.slice(11, 19);

export function intervalLine(f: IntervalFigures, transport: Transport = "tcp"): string {
  // Why this interval's connections failed, so "conn 0%" never stands without a reason.
  const why = describeFailures(f.failures ?? {});
  const parts = [
    `#${f.index}`,
    time(f.timestamp),
    f.throughputGbps === null
      ? `${transport} --`
      : `${transport} ${gbps(f.throughputGbps)} Gbit/s (${f.tier})`,
    f.latencyMs
      ? `rtt p50 ${ms(f.latencyMs.p50)} p95 ${ms(f.latencyMs.p95)} p99 ${ms(f.latencyMs.p99)} ms`
      : "rtt --",
    `conn ${f.connectionSuccess === null ? "--" : pct(f.connectionSuccess)}${why ? ` (${why})` : ""}`,
    `loss ${f.loss === null ? "--" : pct(f.loss)}`,
    `jitter ${f.jitterMs === null ? "--" : `${ms(f.jitterMs)} ms`}`,
    f.health,
  ];
  return parts.join("  ");
}

export function summaryLines(s: Summary): string[] {
  const health = Object.entries(s.health)
    .filter(([, n]) => n > 0)
    .map(([h, n]) => `${h} ${n}`)
    .join(", ");
  const lines = [
    `summary: ${s.intervals} intervals in ${s.elapsedSeconds.toFixed(1)} s (${s.stoppedBy}); worst ${s.worst ?? "--"}${health ? ` (${health})` : ""}`,
  ];
  if (s.throughputGbps)
    lines.push(
      `  throughput  median ${gbps(s.throughputGbps.median)} Gbit/s, min ${gbps(s.throughputGbps.min)}, max ${gbps(s.throughputGbps.max)}`,
    );
  if (s.latencyMs)
    lines.push(
      `  round trip  p50 ${ms(s.latencyMs.p50)} ms, p95 ${ms(s.latencyMs.p95)} ms, p99 ${ms(s.latencyMs.p99)} ms`,
    );
  lines.push(
    `  connections ${s.connectionSuccess === null ? "--" : pct(s.connectionSuccess)} succeeded; UDP loss ${s.loss === null ? "-- (no probe replies)" : pct(s.loss)}; jitter ${s.jitterMs === null ? "--" : `${ms(s.jitterMs)} ms`} (RFC 3550, round trip)`,
  );
  return lines;
}

/** Returns a writer that keeps the TTY's in-place line in order. */
export function renderer(
  mode: OutputMode,
  transport: Transport = "tcp",
): (event: MonitorEvent) => string {
  let liveLine = "";
  return (event) => {
    if (mode === "json") return `${JSON.stringify(event)}\n`;
    let permanent: string[] = [];
    switch (event.type) {
      case "interval": {
        const line = intervalLine(event.figures, transport);
        if (mode === "plain") return `${line}\n`;
        liveLine = line;
        return `${CLEAR_LINE}${line}`;
      }
      case "health-change":
        permanent = [
          `#${event.index} ${time(event.timestamp)}  health ${event.from} → ${event.to}${event.reasons.length ? `: ${event.reasons.join("; ")}` : ""}`,
        ];
        break;
      case "error":
        permanent = [`#${event.index} ${escapeTerminal(event.message)}`];
        break;
      case "summary":
        permanent = summaryLines(event.summary);
        break;
    }
    const text = permanent.map((l) => `${l}\n`).join("");
    if (mode === "plain") return text;
    if (event.type === "summary") {
      // Leave the last interval on the screen, then the summary under it.
      const kept = liveLine ? "\n" : "";
      liveLine = "";
      return `${kept}${text}`;
    }
    return `${CLEAR_LINE}${text}${liveLine}`;
  };
}
