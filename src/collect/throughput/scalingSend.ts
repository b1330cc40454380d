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

export function senders(connections: number): Movers {
  const payload = Buffer.alloc(SCALING_WRITE_SIZE.tls, 0xa5);
  const step = progressStep(connections);
  let stopped = false;
  let t0 = 0;
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
    async finish(): Promise<Moved> {
      const t1 = performance.now();
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
      const lastFinal = Math.max(t1, ...all.map((s) => s.final?.at ?? 0));
      let windowBytes = 0;
      let totalBytes = 0;
      let succeeded = 0;
      const rates = all.map((s) => {
        if (!s.final || s.failed) return 0;
        succeeded += 1;
        totalBytes += s.final.count;
        const start = confirmedAt(s, t0) ?? { at: s.readyAt, count: 0 };
        windowBytes += s.final.count - start.count;
        return s.final.at > start.at
          ? (s.final.count - start.count) / ((s.final.at - start.at) / 1000)
          : 0;
      });
      return {
        rates,
        succeeded,
        windowBytes,
        windowSeconds: (lastFinal - t0) / 1000,
        totalBytes,
      };
    },
    destroy() {
      for (const s of all) s.socket?.destroy();
    },
  };
}
