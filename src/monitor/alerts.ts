/**
 * Health alerts (`perfgate monitor --webhook URL`): each health change is POSTed as JSON,
 * at most one per hold-down period (--alert-interval) so a flapping path does not flood
 * the receiver; changes inside the hold-down are coalesced into the latest state, sent
 * when it ends. A failed post is logged and retried with back-off; nothing here throws,
 * so an unreachable receiver never stops the monitor.
 *
 *   change ──► send ──✗── 1 s ──► send ──✗── 2 s ── … ── 60 s ──► send ──✗── dropped (8 tries)
 *                  a newer change (after the hold-down) supersedes the one being retried;
 *                  stopping the monitor cuts the wait short for one last try.
 */
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import type { MonitorEvent } from "./session.js";

export type HealthChange = Extract<MonitorEvent, { type: "health-change" }>;

export interface Backoff {
  /** Wait before the second try. */
  firstMs: number;
  /** Each wait is this many times the one before… */
  factor: number;
  /** …up to this. */
  maxMs: number;
  /** Tries in all, the first included. */
  tries: number;
}

/** 1 s, doubling, at most a minute apart, 8 tries (about 2 min in all): rides out a
 *  receiver's restart or a short outage without hammering it; an alert older than that is
 *  stale, and the next health change tries afresh. */
export const ALERT_BACKOFF: Backoff = { firstMs: 1000, factor: 2, maxMs: 60_000, tries: 8 };

/** The waits between tries: 1000, 2000, 4000, … capped at maxMs; tries − 1 of them. */
export function backoffDelays(backoff: Backoff): number[] {
  return Array.from({ length: Math.max(0, backoff.tries - 1) }, (_, i) =>
    Math.min(backoff.maxMs, backoff.firstMs * backoff.factor ** i),
  );
}
export const DEFAULT_ALERT_INTERVAL_MS = 60_000;
const POST_TIMEOUT_MS = 5000;

export interface AlertOptions {
  holdDownMs: number;
  send: (change: HealthChange) => Promise<void>;
  log: (message: string) => void;
  /** Default ALERT_BACKOFF. */
  backoff?: Backoff;
}

export class HealthAlerts {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private pending: HealthChange | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** Bumped by each send: a retry of an older change sees it and stops. */
  private generation = 0;
  private readonly stopping = new AbortController();

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
    this.generation += 1;
    const sending = this.deliver(change, this.generation).finally(() =>
      this.inFlight.delete(sending),
    );
    this.inFlight.add(sending);
  }

  private async deliver(change: HealthChange, generation: number): Promise<void> {
    const delays = backoffDelays(this.options.backoff ?? ALERT_BACKOFF);
    const what = `alert ${change.from} → ${change.to}`;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.options.send(change);
        if (attempt > 0) this.options.log(`${what} sent on try ${attempt + 1}`);
        return;
      } catch (error) {
        const retry = this.stopping.signal.aborted ? undefined : delays[attempt];
        this.options.log(
          `${what} failed: ${(error as Error).message}${retry === undefined ? `; giving up after ${attempt + 1} ${attempt === 0 ? "try" : "tries"}` : `; retrying in ${retry} ms`}`,
        );
        if (retry === undefined) return;
        // Stopping wakes the wait early for one last try.
        await sleep(retry, undefined, { signal: this.stopping.signal }).catch(() => {});
        if (generation !== this.generation) {
          this.options.log(`${what} dropped: a newer health change replaced it`);
          return;
        }
      }
    }
  }

  /** At the end of the session: send what the hold-down still holds, and wait for sends. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.flush();
    this.stopping.abort();
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
 * Runs `command` with the change in PERFGATE_* environment variables; its output goes to our
 * stderr so the monitor's stdout (NDJSON with --json) stays clean. A non-zero exit is a
 * failure. Without `shell` the command is split on spaces and started directly: no shell
 * ever sees it. With `shell` (--on-health-change-shell) it is the user's own `/bin/sh -c`
 * script, for pipes and quoting; even then the change's text reaches it only as variables,
 * never spliced into the script, so a reason or target cannot become a command.
 */
export function commandSender(command: string, target: string, options: { shell?: boolean } = {}) {
  const [file, ...args] = options.shell ? ["/bin/sh", "-c", command] : command.trim().split(/\s+/);
  const name = options.shell ? "sh -c" : file;
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
        reject(new Error(`${name}: ${error.code ?? error.message}`)),
      );
      child.once("exit", (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`${name} exited with ${code ?? signal}`)),
      );
    });
}
