/**
 * The monitor's loop: sample every interval, turn samples into figures, emit events, and
 * decide when to stop (duration over, interrupted, or Critical sustained with
 * --fail-on-critical). Takes its sampler, clock and output as arguments, so a test can
 * drive it without a network; it never exits the process.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Expectations, Health } from "./health.js";
import { type Summary, summarise, type Totals } from "./summary.js";
import { type IntervalFigures, type IntervalRaw, RollingWindow } from "./window.js";

/** Critical this many intervals in a row ends a --fail-on-critical monitor: at the default
 *  1 s interval, 3 s of Critical is a real outage, not one burst lost to a busy runner. */
export const DEFAULT_CRITICAL_INTERVALS = 3;

export type MonitorEvent =
  | { type: "interval"; figures: IntervalFigures }
  | {
      type: "health-change";
      index: number;
      timestamp: string;
      from: Health;
      to: Health;
      reasons: string[];
    }
  | { type: "error"; index: number; message: string }
  | { type: "summary"; summary: Summary };

export type StoppedBy = "duration" | "interrupted" | "critical";

export interface SessionOptions {
  sample: () => Promise<IntervalRaw>;
  expected: Expectations;
  intervalMs: number;
  /** Stop after this long; run until interrupted when absent. */
  durationMs?: number;
  /** Stop with `stoppedBy: "critical"` after this many Critical intervals in a row. */
  criticalIntervals?: number;
  signal?: AbortSignal;
  emit: (event: MonitorEvent) => void;
  now?: () => Date;
}

export interface SessionOutcome {
  intervals: IntervalFigures[];
  raws: IntervalRaw[];
  stoppedBy: StoppedBy;
  summary: Summary;
}

export async function runSession(options: SessionOptions): Promise<SessionOutcome> {
  const now = options.now ?? (() => new Date());
  const window = new RollingWindow(options.expected);
  const intervals: IntervalFigures[] = [];
  const raws: IntervalRaw[] = [];
  const started = performance.now();
  const startedAt = now();
  const aborted = new Promise<"aborted">((resolve) => {
    if (options.signal?.aborted) resolve("aborted");
    options.signal?.addEventListener("abort", () => resolve("aborted"), { once: true });
  });
  let previous: Health | undefined;
  let criticalStreak = 0;
  let lastError: string | undefined;
  let stoppedBy: StoppedBy = "duration";

  for (let tick = 0; ; tick++) {
    const raw = await Promise.race([options.sample(), aborted]);
    if (raw === "aborted") {
      stoppedBy = "interrupted";
      break;
    }
    const figures = window.push(raw, now());
    intervals.push(figures);
    raws.push(raw);
    const error = raw.errors[0];
    if (error !== undefined && error !== lastError)
      options.emit({ type: "error", index: figures.index, message: error });
    lastError = error;
    options.emit({ type: "interval", figures });
    if (previous !== undefined && figures.health !== previous) {
      options.emit({
        type: "health-change",
        index: figures.index,
        timestamp: figures.timestamp,
        from: previous,
        to: figures.health,
        reasons: figures.reasons,
      });
    }
    previous = figures.health;
    criticalStreak = figures.health === "Critical" ? criticalStreak + 1 : 0;
    if (options.criticalIntervals !== undefined && criticalStreak >= options.criticalIntervals) {
      stoppedBy = "critical";
      break;
    }

    // Whole intervals, not clock readings: (start + 900) − start can be 899.99….
    const scheduled = (tick + 1) * options.intervalMs;
    if (options.durationMs !== undefined && scheduled >= options.durationMs) break;
    const nextTick = started + scheduled;
    const wait = Math.max(0, nextTick - performance.now());
    const woke = await Promise.race([sleep(wait).then(() => "slept" as const), aborted]);
    if (woke === "aborted") {
      stoppedBy = "interrupted";
      break;
    }
  }

  const totals: Totals = {
    startedAt,
    elapsedSeconds: (performance.now() - started) / 1000,
    stoppedBy,
  };
  const summary = summarise(intervals, raws, totals);
  options.emit({ type: "summary", summary });
  return { intervals, raws, stoppedBy, summary };
}
