/** The monitor against real servers on loopback: loss from a dropping responder, health
 *  under a throttled path, figures on a clean path. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/collect/throughput/server.js";
import { intervalPlan } from "../../src/monitor/plan.js";
import { type RunningResponder, startProbeResponder } from "../../src/monitor/probe.js";
import { PathSampler } from "../../src/monitor/sampler.js";
import { type MonitorEvent, runSession } from "../../src/monitor/session.js";
import { startThrottleProxy } from "./helpers/throttleProxy.js";

const HOST = "127.0.0.1";
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ host: HOST, tlsPort: false });
});
afterAll(() => server.close());

/** Generous latency limit: this machine is shared and noisy; only the figures we cause count. */
const expected = { expectedGbps: 0.05, maxLatencyMs: 100 };

describe("monitor sampling on loopback", () => {
  let responder: RunningResponder | undefined;
  afterAll(() => responder?.close());

  it("measures 20 % loss when the responder drops every 5th probe, and 0 % when it does not", async () => {
    const dropping = await startProbeResponder({ host: HOST, dropEvery: 5 });
    responder = dropping;
    const plan = intervalPlan(2000, expected);
    const sampler = new PathSampler(
      {
        tcp: { host: HOST, port: server.tcp.port },
        udp: { host: HOST, port: dropping.address.port },
      },
      plan,
    );
    let sent = 0;
    let lost = 0;
    try {
      for (let i = 0; i < 5; i++) {
        const raw = await sampler.sample();
        sent += raw.probesSent;
        lost += raw.probesLost;
        expect(raw.udpAnswered).toBe(true);
      }
    } finally {
      sampler.close();
    }
    expect(sent).toBe(5 * plan.probes);
    // exactly every 5th of 100 dropped; a reply later than the grace would add to it
    expect(lost).toBeGreaterThanOrEqual(20);
    expect(lost).toBeLessThanOrEqual(22);
    await dropping.close();

    const clean = await startProbeResponder({ host: HOST });
    responder = clean;
    const control = new PathSampler(
      { tcp: { host: HOST, port: server.tcp.port }, udp: { host: HOST, port: clean.address.port } },
      plan,
    );
    try {
      const raw = await control.sample();
      expect(raw.probesSent).toBe(plan.probes);
      expect(raw.probesLost).toBeLessThanOrEqual(1);
      expect(raw.throughputGbps).toBeGreaterThan(0);
      expect(raw.rttsMs).toHaveLength(plan.roundTrips);
      expect(raw.successes).toBe(raw.attempts);
      expect(raw.errors).toEqual([]);
    } finally {
      control.close();
    }
  });

  it("goes from Healthy to Critical when the path is throttled, and says why", async () => {
    const proxy = await startThrottleProxy({ host: HOST, port: server.tcp.port });
    const udp = await startProbeResponder({ host: HOST });
    const sampler = new PathSampler(
      { tcp: { host: HOST, port: proxy.port }, udp: { host: HOST, port: udp.address.port } },
      intervalPlan(800, expected),
    );
    const events: MonitorEvent[] = [];
    try {
      const outcome = await runSession({
        sample: () => sampler.sample(),
        expected,
        intervalMs: 800,
        durationMs: 6400,
        emit: (event) => {
          events.push(event);
          // After 3 clean intervals, 1 MB/s: 8 Mbit/s, 16 % of the expected 50 Mbit/s.
          if (event.type === "interval" && event.figures.index === 3)
            proxy.throttle.bytesPerSecond = 1_000_000;
        },
      });
      const health = outcome.intervals.map((f) => f.health);
      expect(health.slice(0, 3)).toEqual(["Healthy", "Healthy", "Healthy"]);
      expect(health.at(-1)).toBe("Critical");
      const last = outcome.intervals.at(-1);
      expect(last?.throughputGbps).toBeLessThan(0.025);
      expect(last?.throughputGbps).toBeGreaterThan(0);
      const change = events.find((e) => e.type === "health-change");
      expect(change).toMatchObject({ from: "Healthy" });
      expect(last?.reasons.join()).toMatch(/^throughput .* Gbit\/s is .* of 0.05/);
    } finally {
      sampler.close();
      await Promise.all([proxy.close(), udp.close()]);
    }
  });
});
