/**
 * One short throughput burst to a sink (protocol.ts, mode sink): write for `durationMs` or
 * until `maxBytes`, and measure the rate between the receiver's PROGRESS records, so both
 * ends of the window are byte counts the far end confirmed:
 *
 *     connect ─ hello ─ writing ·· progress(c0) ······ progress(c1) ── deadline: drop
 *                                 t0                   t1
 *     rate = (c1 − c0) · 8 / (t1 − t0)
 *
 * Unlike the suite's sustained trial it does not wait for the FINAL record at the deadline:
 * on a slow path the bytes still queued in socket buffers could take seconds to drain, and
 * an interval must stay short. Dropping the connection discards them.
 */
import { encodeHello, recordStream } from "../collect/throughput/protocol.js";
import { dial, type Target, withDeadline } from "./dial.js";
import { PathError } from "./failure.js";

export interface BurstPlan {
  durationMs: number;
  maxBytes: number;
  /** Connect and the whole burst must finish within this. */
  timeoutMs: number;
}

export interface BurstOutcome {
  gbps: number;
  /** Bytes the receiver confirmed inside the measured window. */
  windowBytes: number;
  windowSeconds: number;
}

/** Small writes keep less in flight on a slow path; 256 KiB still fills a fast one. */
const WRITE_SIZE = 256 * 1024;
/** A record per 1/512 of the burst's byte budget (itself sized from the expected rate):
 *  enough to place the window on a path far slower than expected, few enough to cost
 *  nothing on a fast one. */
const RECORDS_PER_BURST = 512;
const MIN_PROGRESS_EVERY = 4 * 1024;

export async function burst(target: Target, plan: BurstPlan): Promise<BurstOutcome> {
  const started = performance.now();
  const socket = await dial(target, plan.timeoutMs);
  const readyAt = performance.now();
  const remainingMs = Math.max(1, plan.timeoutMs - (readyAt - started));
  const progressEvery = Math.max(MIN_PROGRESS_EVERY, Math.ceil(plan.maxBytes / RECORDS_PER_BURST));
  const payload = Buffer.alloc(WRITE_SIZE, 0xa5);
  const writeUntil = readyAt + plan.durationMs;

  return withDeadline<BurstOutcome>(socket, remainingMs, (finish, fail) => {
    let first: { at: number; count: number } | undefined;
    let last: { at: number; count: number } | undefined;
    const records = recordStream();
    let sent = 0;
    const result = (): BurstOutcome => {
      const start = first && last && last.at > first.at ? first : { at: readyAt, count: 0 };
      const end = last ?? { at: performance.now(), count: 0 };
      const windowBytes = end.count - start.count;
      const windowSeconds = Math.max((end.at - start.at) / 1000, 1e-9);
      return { gbps: (windowBytes * 8) / 1e9 / windowSeconds, windowBytes, windowSeconds };
    };
    const stopAt = setTimeout(() => finish(result()), plan.durationMs);
    socket.once("close", () => clearTimeout(stopAt));
    socket.on("data", (chunk: Buffer) => {
      const now = performance.now();
      for (const record of records(chunk)) {
        last = { at: now, count: record.count };
        first ??= last;
        if (record.kind === "final") {
          clearTimeout(stopAt);
          return finish(result());
        }
      }
    });
    socket.once("end", () => fail(new PathError("reset", "the server closed during the burst")));
    const pump = () => {
      while (sent < plan.maxBytes && performance.now() < writeUntil && !socket.destroyed) {
        const piece =
          plan.maxBytes - sent >= payload.length
            ? payload
            : payload.subarray(0, plan.maxBytes - sent);
        sent += piece.length;
        if (!socket.write(piece)) return void socket.once("drain", pump);
      }
      if (!socket.destroyed) socket.end();
    };
    socket.write(encodeHello({ mode: "sink", flags: 0, param: progressEvery }));
    pump();
  });
}
