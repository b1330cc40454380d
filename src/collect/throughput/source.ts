/**
 * Sustained throughput, server to client (protocol.ts, mode source with SOURCE_BY_TIME):
 * the server writes 1 MiB buffers for warm-up + duration and closes; the client is the
 * receiver and holds the clock, so every byte counted was received. After the warm-up the
 * client cuts the transfer into measuring windows of `windowMs` and the figure is their
 * median; the tail after the last whole window (the server's deadline, the close) is left
 * out:
 *
 *     ready ── warm-up (discarded) ──┬─ window ─┬─ window ─┬ ··· ┬─ window ─┬ tail ┬ end
 *                                    t0         t1         t2        tk-1      tk
 *     window i: (c_i − c_{i−1}) · 8 / (t_i − t_{i−1});   throughput = median of the k
 *
 * Windows rather than one span: on a shared machine a neighbour's burst takes a slice of
 * one window, not of the figure, and the windows' spread says how steady the link was.
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
  /** Length of each measuring window after the warm-up. */
  windowMs: number;
  /** Receive buffer for TCP (TLS sockets deliver their own records). */
  readSize: number;
}

export interface SourceOutcome {
  receivedBytes: number;
  /** Bytes per second in each whole measuring window, in order (empty: a link so slow
   *  that no window closed; then windowBytes / windowSeconds spans the whole run). */
  windowRates: number[];
  /** Bytes and seconds from the warm-up's end to the last whole window's (or the run). */
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
  /** Window edges: (time, bytes received by then); the first is the warm-up's end. */
  const edges: { at: number; count: number }[] = [];
  let nextEdge = Number.POSITIVE_INFINITY;
  const count = (bytes: number) => {
    received += bytes;
    const now = performance.now();
    if (now < nextEdge) return;
    edges.push({ at: now, count: received });
    // Edges on a grid from the first one, each taken at the first read at or after its
    // time: windows do not drift longer read by read. A stall past a whole grid step makes
    // one longer window (a lower rate) rather than a gap.
    const grid = (edges[0] as { at: number }).at;
    const steps = Math.floor((now - grid) / plan.windowMs) + 1;
    nextEdge = grid + steps * plan.windowMs;
  };
  const readInto =
    transport === "tcp" ? { buffer: Buffer.allocUnsafe(plan.readSize), onRead: count } : undefined;
  const { socket, readyAt } = await openConnection(endpoint, transport, readInto);
  nextEdge = readyAt + plan.warmupMs;
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
      // The planned windows only: a TLS stream still delivers buffered records after the
      // server's deadline, which would make one more window of a link already stopped.
      const planned = Math.max(1, Math.floor(plan.durationMs / plan.windowMs));
      edges.splice(planned + 1);
      const rates = edges
        .slice(1)
        .map((edge, i) => windowRate(edges[i] as { at: number; count: number }, edge));
      // No whole window (a very slow link): measure from the warm-up's end, or the whole run.
      const first = edges[0] ?? { at: readyAt, count: 0 };
      const last =
        rates.length > 0 ? (edges[edges.length - 1] as typeof first) : { at: now, count: received };
      resolve({
        receivedBytes: received,
        windowRates: rates,
        windowBytes: last.count - first.count,
        windowSeconds: (last.at - first.at) / 1000,
        tls,
      });
    });
    socket.resume();
    socket.write(
      encodeHello({
        mode: "source",
        flags: SOURCE_BY_TIME,
        // Half a window more, so the last planned window closes before the server stops.
        param: Math.round(plan.warmupMs + plan.durationMs + plan.windowMs / 2),
      }),
    );
  });
}

function windowRate(from: { at: number; count: number }, to: { at: number; count: number }) {
  return (to.count - from.count) / ((to.at - from.at) / 1000);
}
