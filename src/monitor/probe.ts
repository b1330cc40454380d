/**
 * The UDP probe: datagrams with sequence numbers that `perfgate serve` echoes back, from
 * which the monitor measures loss and jitter. It listens on the same port number as the TCP
 * server (UDP and TCP ports are separate spaces), so `-p` names both.
 *
 *     offset  size  field
 *     0       4     magic  "PGU1"
 *     4       4     seq    u32 BE, chosen by the client
 *     8       …     padding, echoed unchanged (PROBE_SIZE in all by default)
 *
 * The responder answers a datagram with the same bytes, so a reply is never larger than
 * its request (no amplification), drops anything without the magic or larger than
 * MAX_PROBE_SIZE, and answers at most MAX_REPLIES_PER_SECOND (a flood costs it nothing
 * but the reads). It keeps no per-client state: its memory does not grow with clients.
 */
import dgram from "node:dgram";
import net from "node:net";

export const PROBE_MAGIC = Buffer.from("PGU1", "latin1");
/** Small, like a VoIP frame: loss and jitter of small packets, not a bandwidth test. */
export const PROBE_SIZE = 32;
/** Fits any path MTU without fragmentation (IPv6 minimum 1280 minus headers). */
export const MAX_PROBE_SIZE = 1200;
/** Far above what monitors send (a few dozen per second each), far below a flood. */
export const MAX_REPLIES_PER_SECOND = 20_000;

export function encodeProbe(seq: number, size = PROBE_SIZE): Buffer {
  const buf = Buffer.alloc(Math.max(size, 8));
  PROBE_MAGIC.copy(buf, 0);
  buf.writeUInt32BE(seq >>> 0, 4);
  return buf;
}

/** The sequence number of a well-formed probe, else undefined. */
export function decodeProbe(buf: Buffer): number | undefined {
  if (buf.length < 8 || buf.length > MAX_PROBE_SIZE) return undefined;
  if (!buf.subarray(0, 4).equals(PROBE_MAGIC)) return undefined;
  return buf.readUInt32BE(4);
}

export function socketType(host: string): "udp4" | "udp6" {
  return net.isIPv6(host) ? "udp6" : "udp4";
}

export interface ResponderOptions {
  host?: string;
  port?: number;
  /** Test-only: drop every k-th well-formed probe received (the kernel here has no netem). */
  dropEvery?: number;
  maxRepliesPerSecond?: number;
}

export interface RunningResponder {
  address: { address: string; port: number };
  /** Probes answered and ignored (malformed, dropped, over the rate cap) so far. */
  stats(): { answered: number; ignored: number };
  close(): Promise<void>;
}

export function startProbeResponder(options: ResponderOptions = {}): Promise<RunningResponder> {
  const host = options.host ?? "127.0.0.1";
  const cap = options.maxRepliesPerSecond ?? MAX_REPLIES_PER_SECOND;
  const socket = dgram.createSocket({ type: socketType(host) });
  let received = 0;
  let answered = 0;
  let ignored = 0;
  let second = 0;
  let inSecond = 0;
  const answer = (msg: Buffer, from: dgram.RemoteInfo): boolean => {
    if (decodeProbe(msg) === undefined) return false;
    received += 1;
    if (options.dropEvery && received % options.dropEvery === 0) return false;
    const now = Math.floor(performance.now() / 1000);
    if (now !== second) {
      second = now;
      inSecond = 0;
    }
    inSecond += 1;
    if (inSecond > cap) return false;
    socket.send(msg, from.port, from.address);
    return true;
  };
  socket.on("message", (msg, from) => {
    if (answer(msg, from)) answered += 1;
    else ignored += 1;
  });
  socket.on("error", () => {}); // an unreachable client is that client's business
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(options.port ?? 0, host, () => {
      socket.off("error", reject);
      resolve({
        address: socket.address(),
        stats: () => ({ answered, ignored }),
        close: () => new Promise<void>((done) => socket.close(() => done())),
      });
    });
  });
}
