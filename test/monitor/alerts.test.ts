/** Health alerts: hold-down, coalescing, back-off and retries, without a network (the sender
 *  is given). */
import { describe, expect, it } from "vitest";
import {
  ALERT_BACKOFF,
  backoffDelays,
  HealthAlerts,
  type HealthChange,
} from "../../src/monitor/alerts.js";
import type { Health } from "../../src/monitor/health.js";

const change = (index: number, from: Health, to: Health): HealthChange => ({
  type: "health-change",
  index,
  timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
  from,
  to,
  reasons: [],
});

/** Waits until `done()` holds (timers on a busy machine fire late, never early). */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 10_000; waited += 10)
    await new Promise((r) => setTimeout(r, 10));
}

describe("HealthAlerts", () => {
  it("sends the first change at once and coalesces a flapping path into one more alert", async () => {
    const sent: HealthChange[] = [];
    const alerts = new HealthAlerts({
      holdDownMs: 60_000,
      send: async (c) => {
        sent.push(c);
      },
      log: () => {},
    });
    alerts.onChange(change(1, "Healthy", "Critical"));
    alerts.onChange(change(2, "Critical", "Healthy"));
    alerts.onChange(change(3, "Healthy", "Critical"));
    alerts.onChange(change(4, "Critical", "Degraded"));
    expect(sent.map((c) => c.index)).toEqual([1]);
    await alerts.close(); // the end of the session sends what the hold-down held
    expect(sent.map((c) => c.index)).toEqual([1, 4]);
  });

  it("sends a held change when the hold-down ends", async () => {
    const sent: number[] = [];
    const alerts = new HealthAlerts({
      holdDownMs: 100,
      send: async (c) => {
        sent.push(c.index);
      },
      log: () => {},
    });
    alerts.onChange(change(1, "Healthy", "Degraded"));
    alerts.onChange(change(2, "Degraded", "Healthy"));
    await new Promise((r) => setTimeout(r, 300));
    expect(sent).toEqual([1, 2]);
    await alerts.close();
    expect(sent).toEqual([1, 2]);
  });

  it("backs off 1 s, doubling, capped at a minute, for 8 tries", () => {
    expect(backoffDelays(ALERT_BACKOFF)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000]);
    expect(backoffDelays({ firstMs: 5, factor: 3, maxMs: 100, tries: 1 })).toEqual([]);
  });

  it("keeps retrying past the third try, with growing waits, until the send goes through", async () => {
    const log: string[] = [];
    const at: number[] = [];
    const alerts = new HealthAlerts({
      holdDownMs: 0,
      backoff: { firstMs: 20, factor: 2, maxMs: 80, tries: 8 },
      send: async () => {
        at.push(performance.now());
        if (at.length < 6) throw new Error("ECONNREFUSED");
      },
      log: (m) => log.push(m),
    });
    alerts.onChange(change(1, "Healthy", "Critical"));
    await until(() => log.length === 6); // 20 + 40 + 80 + 80 + 80 ms of waits
    expect(at).toHaveLength(6);
    const waits = at.slice(1).map((t, i) => t - (at[i] as number));
    // Timers fire no earlier than asked; a busy machine only makes them later.
    for (const [i, wanted] of [20, 40, 80, 80, 80].entries())
      expect(waits[i]).toBeGreaterThanOrEqual(wanted - 1);
    expect(log.slice(0, 5)).toEqual([
      "alert Healthy → Critical failed: ECONNREFUSED; retrying in 20 ms",
      "alert Healthy → Critical failed: ECONNREFUSED; retrying in 40 ms",
      "alert Healthy → Critical failed: ECONNREFUSED; retrying in 80 ms",
      "alert Healthy → Critical failed: ECONNREFUSED; retrying in 80 ms",
      "alert Healthy → Critical failed: ECONNREFUSED; retrying in 80 ms",
    ]);
    expect(log[5]).toBe("alert Healthy → Critical sent on try 6");
    await alerts.close();
  });

  it("gives up after the last try, logging it, without throwing", async () => {
    const log: string[] = [];
    let tries = 0;
    const alerts = new HealthAlerts({
      holdDownMs: 0,
      backoff: { firstMs: 5, factor: 2, maxMs: 10, tries: 4 },
      send: async () => {
        tries += 1;
        throw new Error("ECONNREFUSED");
      },
      log: (m) => log.push(m),
    });
    alerts.onChange(change(1, "Healthy", "Critical"));
    await until(() => log.length === 4);
    expect(tries).toBe(4);
    expect(log.at(-1)).toBe(
      "alert Healthy → Critical failed: ECONNREFUSED; giving up after 4 tries",
    );
    await alerts.close();
    expect(tries).toBe(4);
  });

  it("drops a change still being retried once a newer one is sent after the hold-down", async () => {
    const log: string[] = [];
    const sent: number[] = [];
    const alerts = new HealthAlerts({
      holdDownMs: 100,
      backoff: { firstMs: 40, factor: 2, maxMs: 1000, tries: 8 },
      send: async (c) => {
        if (c.index === 1) throw new Error("HTTP 503");
        sent.push(c.index);
      },
      log: (m) => log.push(m),
    });
    alerts.onChange(change(1, "Healthy", "Critical"));
    alerts.onChange(change(2, "Critical", "Healthy"));
    await until(() => log.some((m) => m.includes("dropped")));
    expect(sent).toEqual([2]);
    expect(log).toContain("alert Healthy → Critical dropped: a newer health change replaced it");
    await alerts.close();
  });

  it("stopping cuts a long wait short for one last try", async () => {
    const log: string[] = [];
    let tries = 0;
    const alerts = new HealthAlerts({
      holdDownMs: 0,
      backoff: { firstMs: 60_000, factor: 2, maxMs: 60_000, tries: 8 },
      send: async () => {
        tries += 1;
        if (tries === 1) throw new Error("timed out");
      },
      log: (m) => log.push(m),
    });
    alerts.onChange(change(1, "Healthy", "Degraded"));
    await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    await alerts.close();
    expect(performance.now() - started).toBeLessThan(5000);
    expect(tries).toBe(2);
    expect(log).toEqual([
      "alert Healthy → Degraded failed: timed out; retrying in 60000 ms",
      "alert Healthy → Degraded sent on try 2",
    ]);
  });
});
