/**
 * Sending bytes to a sink and timing them by the receiver's confirmations (protocol.ts,
 * mode sink). Two shapes of trial use it:
 *
 * - sustained throughput: write for warm-up + duration; the window opens at the first
 *   receiver PROGRESS record after the warm-up and closes at the FINAL record, so both ends
 *   of the window are byte counts the receiver confirmed:
 *
 *       connect ── warm-up (discarded) ──┬─ progress(c0) ··· writing ··· end ──┬─ final(c1)
 *                                        t0                                      t1
 *       throughput = (c1 − c0) · 8 / (t1 − t0)
 *
 * - transfer: write exactly N bytes; time to the FINAL record, from the connection request
 *   (with set-up) and from the moment the connection was ready (without).
 */
import { type Endpoint, openConnection, type Transport } from "./connection.js";
import { encodeHello, recordStream } from "./protocol.js";

export interface SinkPlan {
  /** Write exactly this many bytes, or … */
  bytes?: number;
  /** … write for warmupMs + durationMs. */
  durationMs?: number;
  warmupMs?: number;
  writeSize: number;
  /** Ask the receiver for a PROGRESS record every this many bytes (0: none). */
  progressEvery: number;
}

export interface SinkOutcome {
  /** Bytes the receiver confirmed in all, and inside the measured window. */
  confirmedBytes: number;
  windowBytes: number;
  windowSeconds: number;
  /** From the connection request, and from the connection being ready, to the FINAL record. */
  secondsWithSetup: number;
  seconds: number;
  tls?: { protocol: string; cipher: string };
}

export async function sink(
  endpoint: Endpoint,
  transport: Transport,
  plan: SinkPlan,
): Promise<SinkOutcome> {
  const { socket, startedAt, readyAt } = await openConnection(endpoint, transport);
  const tlsInfo =
    "getCipher" in socket && typeof socket.getCipher === "function"
      ? {
          protocol: String((socket as import("node:tls").TLSSocket).getProtocol()),
          cipher: (socket as import("node:tls").TLSSocket).getCipher().name,
        }
      : undefined;
  const payload = Buffer.alloc(plan.writeSize, 0xa5);
  const writeUntil =
    plan.durationMs !== undefined
      ? readyAt + (plan.warmupMs ?? 0) + plan.durationMs
      : Number.POSITIVE_INFINITY;
  const windowOpensAt = readyAt + (plan.warmupMs ?? 0);
  let remaining = plan.bytes ?? Number.POSITIVE_INFINITY;
  let sent = 0;

  return new Promise<SinkOutcome>((resolve, reject) => {
    let window: { at: number; count: number } | undefined;
    const records = recordStream();
    socket.on("error", reject);
    socket.on("close", () => reject(new Error("the server closed before confirming the bytes")));
    socket.on("data", (chunk: Buffer) => {
      const now = performance.now();
      for (const record of records(chunk)) {
        if (record.kind === "progress") {
          if (!window && now >= windowOpensAt) window = { at: now, count: record.count };
          continue;
        }
        if (record.count !== sent) {
          socket.destroy();
          return reject(new Error(`the receiver confirmed ${record.count} bytes of ${sent} sent`));
        }
        // No progress record after the warm-up (a very slow link): measure the whole run.
        const start = window ?? { at: readyAt, count: 0 };
        socket.removeAllListeners("close");
        socket.destroy();
        return resolve({
          confirmedBytes: record.count,
          windowBytes: record.count - start.count,
          windowSeconds: (now - start.at) / 1000,
          secondsWithSetup: (now - startedAt) / 1000,
          seconds: (now - readyAt) / 1000,
          tls: tlsInfo,
        });
      }
    });

    const pump = () => {
      while (remaining > 0 && performance.now() < writeUntil) {
        const piece = remaining >= payload.length ? payload : payload.subarray(0, remaining);
        remaining -= piece.length;
        sent += piece.length;
        if (!socket.write(piece)) return void socket.once("drain", pump);
      }
      socket.end();
    };
    socket.write(encodeHello({ mode: "sink", flags: 0, param: plan.progressEvery }));
    pump();
  });
}
