/**
 * The TLS side of a scaling trial: every connection sends to the server's sink
 * (protocol.ts), one 16 KiB record in flight at a time, and is timed by the server's
 * PROGRESS confirmations and its FINAL record. TLS stays client → server because a TLS
 * write encrypts before it returns: a server sending 1 MiB writes to 1,000 TLS clients would
 * hold its event loop for seconds (and the probes with it), while the client's small
 * writes one at a time keep every connection and the probe moving.
 */
import { encodeHello, recordStream } from "./protocol.js";
import type { Moved, Movers, Socket } from "./scalingMovers.js";
import { progressStep, SCALING_WRITE_SIZE } from "./scalingPlan.js";

/** After the window, how long the server has to confirm the last bytes of every connection;
 *  one write in flight per connection keeps that tail short (well under 1 s at N = 1,000). */
const FINAL_GRACE_MS = 5000;

/** One sending connection: its confirmations as (time, cumulative bytes). */
interface Sender {
  socket?: Socket;
  readyAt: number;
  times: number[];
  counts: number[];
  failed: boolean;
  /** The server's FINAL record: every byte sent was received. */
  final?: { at: number; count: number };
  /** Resolves once the FINAL record came, or the socket closed or failed. */
  done: Promise<void>;
  settle(): void;
}

/** The latest confirmation at or before `t`, or undefined. */
function confirmedAt(s: Sender, t: number): { at: number; count: number } | undefined {
  let i = s.times.length - 1;
  while (i >= 0 && (s.times[i] as number) > t) i--;
  return i < 0 ? undefined : { at: s.times[i] as number, count: s.counts[i] as number };
}

/** The first confirmation at or after `t`, or undefined. */
function confirmedAfter(s: Sender, t: number): { at: number; count: number } | undefined {
  const i = s.times.findIndex((at) => at >= t);
  return i < 0 ? undefined : { at: s.times[i] as number, count: s.counts[i] as number };
}

export function senders(connections: number): Movers {
  const payload = Buffer.alloc(SCALING_WRITE_SIZE.tls, 0xa5);
  const step = progressStep(connections);
  let stopped = false;
  let t0 = 0;
  let t1: number | undefined;
  const all: Sender[] = [];
  const pumps: (() => void)[] = [];

  const add = (socket: Socket, readyAt: number) => {
    let settle = () => {};
    const done = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const s: Sender = { socket, readyAt, times: [], counts: [], failed: false, done, settle };
    all.push(s);
    const records = recordStream();
    socket.on("error", () => {
      s.failed = true;
      s.settle();
    });
    socket.on("close", () => s.settle());
    socket.on("data", (chunk: Buffer) => {
      const now = performance.now();
      for (const record of records(chunk)) {
        if (record.kind === "final") {
          s.final = { at: now, count: record.count };
          s.settle();
        } else {
          s.times.push(now);
          s.counts.push(record.count);
        }
      }
    });
    // One write in flight per connection, the next one a turn of the event loop after
    // the last completed. A loop that writes until write() says "full" lets one
    // connection fill megabytes while the other N − 1 and the probe wait; and a TLS
    // socket's write() keeps saying "not full" while it encrypts into a queue, which
    // starved the event loop for seconds at N = 100.
    const next = () => setImmediate(pump);
    const pump = () => {
      if (!stopped && !socket.destroyed) socket.write(payload, next);
    };
    socket.write(encodeHello({ mode: "sink", flags: 0, param: step }));
    pumps.push(pump);
  };

  return {
    prepare: () => ({ dialOptions: {}, add }),
    async start() {
      for (const pump of pumps) pump();
    },
    markStart() {
      t0 = performance.now();
    },
    markEnd() {
      t1 = performance.now();
    },
    async finish(): Promise<Moved> {
      const end = t1 ?? performance.now();
      stopped = true;
      // Half-close each connection after its last write and wait for the server's FINAL
      // record: a connection succeeded when the server confirmed every byte it was sent.
      for (const s of all) s.socket?.end();
      let graceTimer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => {
        graceTimer = setTimeout(resolve, FINAL_GRACE_MS);
      });
      await Promise.race([Promise.all(all.map((s) => s.done)), grace]);
      clearTimeout(graceTimer);
      // Each connection's rate runs between two counts the server confirmed: the last at or
      // before the window's start and the first at or after its end (the FINAL record when
      // the link stopped right there), a span that covers the window. Confirmations come
      // every progressStep bytes, so the spans differ; the aggregate is their rates summed
      // over the window.
      const windowSeconds = (end - t0) / 1000;
      let totalBytes = 0;
      let succeeded = 0;
      const rates = all.map((s) => {
        if (!s.final || s.failed) return 0;
        succeeded += 1;
        const start = confirmedAt(s, t0) ?? { at: s.readyAt, count: 0 };
        const stop = confirmedAfter(s, end) ?? s.final;
        // CPU is counted up to the window's end, so are the bytes for it: between the
        // confirmations either side of it, at the connection's pace then.
        const before = confirmedAt(s, end) ?? { at: s.readyAt, count: 0 };
        totalBytes +=
          stop.at > before.at
            ? before.count +
              ((stop.count - before.count) * (end - before.at)) / (stop.at - before.at)
            : stop.count;
        return stop.at > start.at ? (stop.count - start.count) / ((stop.at - start.at) / 1000) : 0;
      });
      const windowBytes = rates.reduce((sum, rate) => sum + rate, 0) * windowSeconds;
      return { rates, succeeded, windowBytes, windowSeconds, totalBytes };
    },
    destroy() {
      for (const s of all) s.socket?.destroy();
    },
  };
}
