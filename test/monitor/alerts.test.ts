/** Health alerts: hold-down, coalescing and retries, without a network (the sender is given). */
import { describe, expect, it } from "vitest";
import { HealthAlerts, type HealthChange } from "../../src/monitor/alerts.js";
import type { Health } from "../../src/monitor/health.js";

const change = (index: number, from: Health, to: Health): HealthChange => ({
  type: "health-change",
  index,
  timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
  from,
  to,
  reasons: [],
});

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

  it("logs a failed send, retries, and gives up without throwing", async () => {
    const log: string[] = [];
    let tries = 0;
    const alerts = new HealthAlerts({
      holdDownMs: 0,
      retryDelaysMs: [10, 10],
      send: async () => {
        tries += 1;
        throw new Error("ECONNREFUSED");
      },
      log: (m) => log.push(m),
    });
    alerts.onChange(change(1, "Healthy", "Critical"));
    await alerts.close();
    expect(tries).toBe(3);
    expect(log).toEqual([
      "alert Healthy → Critical failed: ECONNREFUSED; retrying in 10 ms",
      "alert Healthy → Critical failed: ECONNREFUSED; retrying in 10 ms",
      "alert Healthy → Critical failed: ECONNREFUSED; giving up",
    ]);
  });
});
