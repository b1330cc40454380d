/**
 * Health alerts (`perfgate monitor --webhook URL`): each health change is POSTed as JSON,
 * at most one per hold-down period (--alert-interval) so a flapping path does not flood
 * the receiver; changes inside the hold-down are coalesced into the latest state, sent
 * when it ends. A failed post is logged and retried with back-off; nothing here throws,
 * so an unreachable receiver never stops the monitor.
 */
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import type { MonitorEvent } from "./session.js";

export type HealthChange = Extract<MonitorEvent, { type: "health-change" }>;

/** Three tries, 1 s then 2 s apart: rides out a receiver's restart, not an outage. */
export const ALERT_RETRIES = [1000, 2000];
export const DEFAULT_ALERT_INTERVAL_MS = 60_000;
const POST_TIMEOUT_MS = 5000;

export interface AlertOptions {
  holdDownMs: number;
  send: (change: HealthChange) => Promise<void>;
  log: (message: string) => void;
  retryDelaysMs?: number[];
}

export class HealthAlerts {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private pending: HealthChange | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: AlertOptions) {}

  onChange(change: HealthChange): void {
    this.pending = change;
    const wait = this.lastSentAt + this.options.holdDownMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    const change = this.pending;
    this.pending = undefined;
    if (!change) return;
    this.lastSentAt = performance.now();
    const sending = this.deliver(change).finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  private async deliver(change: HealthChange): Promise<void> {
    const delays = this.options.retryDelaysMs ?? ALERT_RETRIES;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.options.send(change);
        return;
      } catch (error) {
        const retry = delays[attempt];
        this.options.log(
          `alert ${change.from} → ${change.to} failed: ${(error as Error).message}${retry === undefined ? "; giving up" : `; retrying in ${retry} ms`}`,
        );
        if (retry === undefined) return;
        await sleep(retry);
      }
    }
  }

  /** At the end of the session: send what the hold-down still holds, and wait for sends. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.flush();
    await Promise.all(this.inFlight);
  }
}

/** POSTs a health change to `url` as JSON, with the target; a non-2xx answer is a failure. */
export function webhookSender(url: string, target: string) {
  return async (change: HealthChange): Promise<void> => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...change, target }),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  };
}

/** A hook that has not finished in this long is killed and counts as failed. */
const HOOK_TIMEOUT_MS = 30_000;

/**
 * Runs `command` (split on spaces, no shell: a health change's text never reaches one) with
 * the change in PERFGATE_* environment variables; its output goes to our stderr so the
 * monitor's stdout (NDJSON with --json) stays clean. A non-zero exit is a failure.
 */
export function commandSender(command: string, target: string) {
  const [file, ...args] = command.trim().split(/\s+/);
  return (change: HealthChange): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn(file as string, args, {
        stdio: ["ignore", 2, 2],
        timeout: HOOK_TIMEOUT_MS,
        env: {
          ...process.env,
          PERFGATE_HEALTH: change.to,
          PERFGATE_HEALTH_FROM: change.from,
          PERFGATE_TARGET: target,
          PERFGATE_REASONS: change.reasons.join("; "),
          PERFGATE_INTERVAL: String(change.index),
          PERFGATE_TIMESTAMP: change.timestamp,
        },
      });
      child.once("error", (error: NodeJS.ErrnoException) =>
        reject(new Error(`${file}: ${error.code ?? error.message}`)),
      );
      child.once("exit", (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`${file} exited with ${code ?? signal}`)),
      );
    });
}
