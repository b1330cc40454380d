/**
 * Sustained throughput, server to client (protocol.ts, mode source with SOURCE_BY_TIME):
 * the server writes 1 MiB buffers for warm-up + duration and closes; the client is the
 * receiver and holds the clock, so every byte counted was received:
 *
 *     ready ── warm-up (discarded) ──┬── reads ··· ··· reads ──┬ end of stream
 *                                    t0 (count c0)             t1 (count c1)
 *     throughput = (c1 − c0) · 8 / (t1 − t0)
 *
 * This direction lets the receiver read into one reused 1 MiB buffer (TCP); measured here,
 * it costs about a third less CPU per GB than a server receiving Node's 64 KiB reads, and
 * a loopback trial is CPU-bound.
 */
import { type Endpoint, openConnection, type Transport } from "./connection.js";
import { encodeHello, SOURCE_BY_TIME } from "./protocol.js";

export interface SourcePlan {
  warmupMs: number;
  durationMs: number;
  /** Receive buffer for TCP (TLS sockets deliver their own records). */
  readSize: number;
}

export interface SourceOutcome {
  receivedBytes: number;
  windowBytes: number;
  windowSeconds: number;
  tls?: { protocol: string; cipher: string };
}

export async function download(
  endpoint: Endpoint,
  transport: Transport,
  plan: SourcePlan,
): Promise<SourceOutcome> {
  let received = 0;
  let window: { at: number; count: number } | undefined;
  let opensAt = Number.POSITIVE_INFINITY;
  const count = (bytes: number) => {
    received += bytes;
    if (window) return;
    const now = performance.now();
    if (now >= opensAt) window = { at: now, count: received };
  };
  const readInto =
    transport === "tcp" ? { buffer: Buffer.allocUnsafe(plan.readSize), onRead: count } : undefined;
  const { socket, readyAt } = await openConnection(endpoint, transport, readInto);
  opensAt = readyAt + plan.warmupMs;
  const tlsSocket = socket as import("node:tls").TLSSocket;
  const tls =
    transport === "tls"
      ? { protocol: String(tlsSocket.getProtocol()), cipher: tlsSocket.getCipher().name }
      : undefined;
  return new Promise((resolve, reject) => {
    socket.on("error", reject);
    if (!readInto) socket.on("data", (chunk: Buffer) => count(chunk.length));
    socket.once("end", () => {
      const now = performance.now();
      socket.destroy();
      // No read after the warm-up (a very slow link): measure the whole run.
      const start = window ?? { at: readyAt, count: 0 };
      resolve({
        receivedBytes: received,
        windowBytes: received - start.count,
        windowSeconds: (now - start.at) / 1000,
        tls,
      });
    });
    socket.resume();
    socket.write(
      encodeHello({
        mode: "source",
        flags: SOURCE_BY_TIME,
        param: Math.round(plan.warmupMs + plan.durationMs),
      }),
    );
  });
}
