/** The library's Monitor (src/monitor/monitor.ts) against a real `perfgate serve`: start,
 *  events, snapshot, stop, and TLS with the port asked from the serve. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IntervalFigures, Monitor } from "../../src/lib.js";
import { type ServeChild, startServeChild } from "./helpers/serveChild.js";

let serve: ServeChild;
beforeAll(async () => {
  serve = await startServeChild();
});
afterAll(() => serve.stop());

/** Generous limits: this machine is shared; only a dead path should read as unhealthy. */
const loose = { expectedGbps: 0.01, maxLatencyMs: 500, intervalMs: 200 };

function intervals(monitor: Monitor, count: number): Promise<IntervalFigures[]> {
  const seen: IntervalFigures[] = [];
  return new Promise((resolve) => {
    const listener = (figures: IntervalFigures) => {
      seen.push(figures);
      if (seen.length === count) {
        monitor.off("interval", listener);
        resolve(seen);
      }
    };
    monitor.on("interval", listener);
  });
}

describe("Monitor (the library's live monitor)", () => {
  it("measures until stop(), with a snapshot of the newest interval, then reports the session", async () => {
    const monitor = new Monitor({ host: "127.0.0.1", port: serve.port, ...loose });
    const three = intervals(monitor, 3);
    await monitor.start();
    await expect(monitor.start()).rejects.toThrow(/already started/);
    const seen = await three;
    const snapshot = monitor.snapshot();
    expect(snapshot.running).toBe(true);
    expect(snapshot.intervals).toBeGreaterThanOrEqual(3);
    expect(snapshot.health).toBe("Healthy");
    expect(snapshot.latest?.index).toBe(snapshot.intervals);
    expect(seen.map((f) => f.index)).toEqual([1, 2, 3]);
    expect(seen[2]?.throughputGbps).toBeGreaterThan(0.01);
    expect(seen[2]?.connectionSuccess).toBe(1);

    const summary = await monitor.stop();
    expect(summary.stoppedBy).toBe("interrupted");
    expect(summary.intervals).toBe(monitor.snapshot().intervals);
    expect(summary.worst).toBe("Healthy");
    expect(monitor.snapshot().running).toBe(false);
    expect(await monitor.stop()).toBe(summary);
  });

  it("speaks TLS 1.3 to the TLS port the serve names", async () => {
    const monitor = new Monitor({
      host: "127.0.0.1",
      port: serve.port,
      tls: true,
      durationMs: 600,
      ...loose,
    });
    await monitor.start();
    const summary = await monitor.finished();
    expect(summary.stoppedBy).toBe("duration");
    expect(summary.intervals).toBe(3);
    expect(summary.connectionSuccess).toBe(1);
  });

  it("rejects start() with tls against a serve without TLS and stays unstarted", async () => {
    const plain = await startServeChild("--no-tls");
    try {
      const monitor = new Monitor({ host: "127.0.0.1", port: plain.port, tls: true, ...loose });
      await expect(monitor.start()).rejects.toThrow(
        `the perfgate serve at 127.0.0.1:${plain.port} serves no TLS`,
      );
      await expect(monitor.stop()).rejects.toThrow(/never started/);
    } finally {
      await plain.stop();
    }
  });
});
