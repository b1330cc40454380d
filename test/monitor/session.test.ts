/** The monitor loop driven by a scripted sampler: health changes, stop rules, summary. */
import { describe, expect, it } from "vitest";
import { renderer } from "../../src/monitor/render.js";
import { type MonitorEvent, runSession } from "../../src/monitor/session.js";
import type { IntervalRaw } from "../../src/monitor/window.js";

const expected = { expectedGbps: 1, maxLatencyMs: 10 };

function raw(overrides: Partial<IntervalRaw> = {}): IntervalRaw {
  return {
    throughputGbps: 2,
    rttsMs: Array.from({ length: 20 }, () => 1),
    probesSent: 20,
    probesLost: 0,
    jitterMs: 0.1,
    udpAnswered: true,
    attempts: 4,
    successes: 4,
    errors: [],
    ...overrides,
  };
}

function scripted(raws: IntervalRaw[]) {
  let i = 0;
  return async () => raws[Math.min(i++, raws.length - 1)] as IntervalRaw;
}

describe("runSession", () => {
  it("runs duration / interval intervals and marks each change of health once", async () => {
    const events: MonitorEvent[] = [];
    const slow = raw({ throughputGbps: 0.3 });
    const outcome = await runSession({
      sample: scripted([raw(), raw(), slow, slow, slow, raw(), raw(), raw(), raw(), raw()]),
      expected,
      intervalMs: 5,
      durationMs: 50,
      emit: (e) => events.push(e),
    });
    expect(outcome.stoppedBy).toBe("duration");
    expect(outcome.intervals).toHaveLength(10);
    // throughput health follows the median of the last 3 bursts: Critical from the 4th
    const health = outcome.intervals.map((f) => f.health);
    expect(health).toEqual([
      "Healthy",
      "Healthy",
      "Healthy",
      "Critical",
      "Critical",
      "Critical",
      "Healthy",
      "Healthy",
      "Healthy",
      "Healthy",
    ]);
    const changes = events.filter((e) => e.type === "health-change");
    expect(changes.map((c) => [c.index, c.from, c.to])).toEqual([
      [4, "Healthy", "Critical"],
      [7, "Critical", "Healthy"],
    ]);
    expect(events.at(-1)?.type).toBe("summary");
    expect(outcome.summary.health).toEqual({ Healthy: 7, Degraded: 0, Critical: 3 });
    expect(outcome.summary.worst).toBe("Critical");
  });

  it("counts whole intervals, whatever the clock reads (900 ms at 300 ms is 3)", async () => {
    const outcome = await runSession({
      sample: scripted([raw()]),
      expected,
      intervalMs: 300,
      durationMs: 900,
      emit: () => {},
    });
    expect(outcome.intervals).toHaveLength(3);
  });

  it("stops after K Critical intervals in a row, not before", async () => {
    const c = raw({ throughputGbps: 0.1 });
    const h = raw();
    const outcome = await runSession({
      sample: scripted([c, h, h, c, c, c, c, h]),
      expected,
      intervalMs: 1,
      durationMs: 1000,
      criticalIntervals: 3,
      emit: () => {},
    });
    // medians of the last 3 bursts: C H H H C C C → one early Critical does not stop it
    expect(outcome.intervals.map((f) => f.health[0]).join("")).toBe("CHHHCCC");
    expect(outcome.stoppedBy).toBe("critical");
  });

  it("ends cleanly with a summary when interrupted", async () => {
    const stop = new AbortController();
    const events: MonitorEvent[] = [];
    let n = 0;
    const outcome = await runSession({
      sample: async () => {
        if (++n === 3) stop.abort();
        return raw();
      },
      expected,
      intervalMs: 10,
      signal: stop.signal,
      emit: (e) => events.push(e),
    });
    expect(outcome.stoppedBy).toBe("interrupted");
    expect(outcome.intervals).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: "summary", summary: { stoppedBy: "interrupted" } });
  });

  it("reports an error once until it changes, and judges loss only once UDP answered", async () => {
    const events: MonitorEvent[] = [];
    const outcome = await runSession({
      sample: scripted([
        raw({ errors: ["a"], udpAnswered: false, probesLost: 20 }),
        raw({ errors: ["a"], udpAnswered: false, probesLost: 20 }),
        raw({ errors: ["b"] }),
      ]),
      expected,
      intervalMs: 1,
      durationMs: 3,
      emit: (e) => events.push(e),
    });
    expect(events.filter((e) => e.type === "error").map((e) => e.message)).toEqual(["a", "b"]);
    expect(outcome.intervals[0]?.loss).toBeNull();
    expect(outcome.intervals[0]?.health).toBe("Healthy");
    expect(outcome.intervals[2]?.loss).toBeCloseTo(40 / 60, 12);
  });
});

describe("monitor output", () => {
  const figures = {
    index: 3,
    timestamp: "2026-01-31T12:00:03.000Z",
    throughputGbps: 0.9412,
    tier: "Home",
    latencyMs: { p50: 0.25, p95: 1.5, p99: 12.25 },
    intervalLatencyMs: null,
    connectionSuccess: 1,
    loss: 0.005,
    jitterMs: 0.125,
    health: "Degraded" as const,
    reasons: ["p99 12.25 ms > 10 ms"],
    errors: [],
    failures: {},
  };
  const change: MonitorEvent = {
    type: "health-change",
    index: 3,
    timestamp: figures.timestamp,
    from: "Healthy",
    to: "Degraded",
    reasons: figures.reasons,
  };

  it("prints one plain line per interval and per change", () => {
    const render = renderer("plain");
    expect(render({ type: "interval", figures })).toBe(
      "#3  12:00:03  tcp 0.94 Gbit/s (Home)  rtt p50 0.250 p95 1.500 p99 12.3 ms  conn 100%  loss 0.50%  jitter 0.125 ms  Degraded\n",
    );
    expect(render(change)).toBe("#3 12:00:03  health Healthy → Degraded: p99 12.25 ms > 10 ms\n");
  });

  it("says on the line why connections failed, in a stable order", () => {
    const failing = {
      ...figures,
      connectionSuccess: 0.5,
      failures: { "timed out": 1, refused: 3 },
    };
    expect(renderer("plain")({ type: "interval", figures: failing })).toContain(
      "conn 50.00% (refused, timed out)  loss",
    );
  });

  it("rewrites the interval line in place on a TTY and keeps changes above it", () => {
    const render = renderer("tty");
    const line = render({ type: "interval", figures });
    expect(line.startsWith("\r\u001b[2K#3")).toBe(true);
    expect(line.endsWith("Degraded")).toBe(true);
    const kept = render(change);
    expect(kept.startsWith("\r\u001b[2K#3 12:00:03  health Healthy → Degraded")).toBe(true);
    expect(kept).toMatch(/Degraded: p99 12.25 ms > 10 ms\n#3 {2}12:00:03 {2}tcp .*Degraded$/);
  });

  it("prints NDJSON with --json", () => {
    const text = renderer("json")(change);
    expect(text.endsWith("\n")).toBe(true);
    expect(JSON.parse(text)).toEqual(change);
  });

  it("escapes control characters in error text", () => {
    const out = renderer("plain")({ type: "error", index: 1, message: "host\u001b[31mred" });
    expect(out).not.toContain("\u001b");
  });
});
