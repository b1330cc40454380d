/**
 * How long collecting took, round by round (issue 21 §8): a `command:` that runs
 * `cargo bench` 5 times should say so. Each collector announces the start of a round; the
 * clock turns those marks into the seconds of each round and of the whole collection.
 */
import type { Collection } from "../model/types.js";

export interface RoundClock {
  /** A round starts (calling it again with the same round, e.g. per tinybench file, is one). */
  roundStarts(round: number): void;
  /** The build step ran and took this long (seconds). */
  built(seconds: number): void;
  /** Ends the last round and returns the times. */
  stop(): Collection;
}

/** A clock started now; `now` reads milliseconds (a test passes its own). */
export function startRoundClock(now: () => number = performance.now.bind(performance)): RoundClock {
  const started = now();
  const starts = new Map<number, number>();
  let build: number | undefined;
  return {
    roundStarts(round) {
      if (!starts.has(round)) starts.set(round, now());
    },
    built(seconds) {
      build = seconds;
    },
    stop() {
      const end = now();
      const marks = [...starts.entries()].sort((a, b) => a[0] - b[0]).map(([, at]) => at);
      const roundSeconds = marks.map((at, i) => ((marks[i + 1] ?? end) - at) / 1000);
      return {
        seconds: (end - started) / 1000,
        roundSeconds,
        ...(build !== undefined ? { buildSeconds: build } : {}),
      };
    },
  };
}
