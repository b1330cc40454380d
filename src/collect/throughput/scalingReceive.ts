/**
 * The TCP side of a scaling trial: every connection asks the server for a timed source
 * (protocol.ts, mode source) and receives, so the client holds the clock and counts every
 * byte itself; the window's figures are its own counts at the window's two ends:
 *
 *     all open ── hellos ── all receiving ── warm-up ──┬── counts c0 ··· receiving ··· counts c1 ──┬── (probes) ──┬ destroy
 *                                                      t0                                           t1              finish
 *     per connection: (c1 − c0) / (t1 − t0);   aggregate: Σ (c1 − c0) / (t1 − t0)
 *
 * Why this direction (profiled at N = 100, docs/architecture.md "Throughput at N"): a
 * Node server receiving reads 64 KiB into a fresh Buffer per read and wrote a progress
 * record per few reads, and the client turned its event loop once per write; that made the
 * receiver the bottleneck. A client socket can read into a caller's buffer (`onread`):
 * here every connection reads into one shared 1 MiB buffer (the callback only counts, so
 * sharing it is safe), with no allocation per read and no records at all.
 */
import type net from "node:net";
import { encodeHello, SOURCE_BY_TIME } from "./protocol.js";
import type { Moved, Movers, Socket } from "./scalingMovers.js";
import { SOURCE_WRITE_SIZE } from "./server.js";

/** Bytes per read: as large as the server's writes. */
const SCALING_READ_SIZE = SOURCE_WRITE_SIZE;
/** A connection that received nothing this long after its hello has failed to start (a
 *  stalled server); the warm-up begins without it. */
const START_TIMEOUT_MS = 5000;
/** The server sends for the trial's warm-up + window + this, and stops by itself should
 *  the client vanish; the client closes every connection as the window ends. */
const SOURCE_SLACK_MS = 10_000;

interface Receiver {
  socket?: Socket;
  received: number;
  /** Resolves at its first byte (or failure). */
  started: Promise<void>;
  onStart(): void;
  /** Closed or failed before the window ended. */
  failed: boolean;
  atStart: number;
  atEnd: number;
}

export function receivers(sourceMs: number): Movers {
  // One buffer for every connection: a read's bytes are counted in its callback and never
  // looked at, so the next read may overwrite them.
  const buffer = Buffer.allocUnsafe(SCALING_READ_SIZE);
  const all: Receiver[] = [];
  let t0 = 0;
  let t1: number | undefined;
  let ended = false;
  const hello = encodeHello({
    mode: "source",
    flags: SOURCE_BY_TIME,
    param: Math.round(sourceMs + SOURCE_SLACK_MS),
  });

  const markEnd = (): number => {
    const now = performance.now();
    t1 = now;
    ended = true;
    for (const r of all) r.atEnd = r.received;
    return now;
  };

  return {
    prepare() {
      let onStart = () => {};
      const started = new Promise<void>((resolve) => {
        onStart = resolve;
      });
      const r: Receiver = {
        received: 0,
        started,
        onStart,
        failed: false,
        atStart: 0,
        atEnd: 0,
      };
      const dialOptions: Partial<net.NetConnectOpts> = {
        onread: {
          buffer,
          callback: (bytes: number) => {
            if (r.received === 0) r.onStart();
            r.received += bytes;
            return true;
          },
        },
      };
      const add = (socket: Socket) => {
        r.socket = socket;
        all.push(r);
        const lost = () => {
          if (!ended) r.failed = true;
          r.onStart();
        };
        socket.on("error", lost);
        socket.on("end", lost);
        socket.on("close", lost);
      };
      return { dialOptions, add };
    },
    async start() {
      for (const r of all) r.socket?.write(hello);
      // The warm-up starts once every connection is receiving: a server busy sending to the
      // first ones takes the rest off its accept queue slowly (server.ts, takeTurn), and a
      // window that opened before they started would measure fewer than N.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, START_TIMEOUT_MS);
      });
      await Promise.race([Promise.all(all.map((r) => r.started)), timeout]);
      clearTimeout(timer);
    },
    markStart() {
      t0 = performance.now();
      for (const r of all) r.atStart = r.received;
    },
    markEnd: () => void markEnd(),
    async finish(): Promise<Moved> {
      const end = t1 ?? markEnd();
      let windowBytes = 0;
      let totalBytes = 0;
      let succeeded = 0;
      const seconds = (end - t0) / 1000;
      const rates = all.map((r) => {
        totalBytes += r.atEnd;
        const moved = r.atEnd - r.atStart;
        if (r.failed || moved <= 0) return 0;
        succeeded += 1;
        windowBytes += moved;
        return moved / seconds;
      });
      return { rates, succeeded, windowBytes, windowSeconds: seconds, totalBytes };
    },
    destroy() {
      for (const r of all) r.socket?.destroy();
    },
  };
}
