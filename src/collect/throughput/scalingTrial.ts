/**
 * One scaling trial, run by the client child: N connections at once, each sending to the
 * server's sink (protocol.ts) and timed by the server's PROGRESS confirmations, while a
 * probe opens one fresh connection after another to time set-up under load:
 *
 *     open N (64 at a time) ──┬── warm-up ──┬────────── window ──────────┬── stop, close
 *                             all open      t0   probe probe probe ···   t1
 *
 * A connection counts as a success when it opened and the server confirmed bytes from it
 * before t1; a failed one moved nothing, so it enters the per-connection figures as 0.
 */
import net from "node:net";
import tls from "node:tls";
import type { Endpoint, Transport } from "./connection.js";
import { serverInfo } from "./info.js";
import { ACK, encodeHello, recordStream } from "./protocol.js";
import { progressStep, SCALING_WRITE_SIZE } from "./scalingPlan.js";

export interface TrialPlan {
  transport: Transport;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Ask the server for its peak memory before and after (only our own loopback server). */
  serverMemory: boolean;
}

export interface TrialOutcome {
  connections: number;
  /** Per connection, bytes per second inside the window (0 for a failed one). */
  rates: number[];
  succeeded: number;
  /** Bytes all connections had confirmed inside the window, and its length. */
  windowBytes: number;
  windowSeconds: number;
  /** Set-up time of each probe (s); a probe that timed out counts as the timeout. */
  setupSeconds: number[];
  /** Peak resident-set growth during the trial, bytes. */
  clientGrowth: number;
  serverGrowth?: number;
  /** Set when a connection could not get a file descriptor (EMFILE/ENFILE). */
  limitHit?: string;
  tls?: { protocol: string; cipher: string };
}

/** Connections being opened at once: Node's listen backlog is 511, and a SYN beyond a full
 *  queue waits a 1 s retransmission, which would count as set-up time. */
const OPEN_CONCURRENCY = 64;
/** A connection not ready by then has failed (a stalled server, a full backlog). */
const CONNECT_TIMEOUT_MS = 5000;
/** A probe not acknowledged by then counts as this long (censored) and the next one starts. */
const PROBE_TIMEOUT_MS = 2000;
/** After the window, how long the server has to confirm the last bytes of every connection;
 *  one write in flight per connection keeps that tail short (well under 1 s at N = 1,000). */
const FINAL_GRACE_MS = 5000;
/** Probes per trial at most: p99 then rests on the two slowest. */
const MAX_PROBES = 200;

type Socket = net.Socket | tls.TLSSocket;

function dial(endpoint: Endpoint, transport: Transport, onReady: () => void): Socket {
  if (transport === "tcp")
    return net.connect({ host: endpoint.host, port: endpoint.port }, onReady);
  if (endpoint.tlsPort === undefined) throw new Error("the server serves no TLS");
  return tls.connect(
    {
      host: endpoint.host,
      port: endpoint.tlsPort,
      minVersion: "TLSv1.3",
      // Self-signed, made at run time; nothing secret crosses (as connection.ts).
      rejectUnauthorized: false,
    },
    onReady,
  );
}

/** Open a connection within CONNECT_TIMEOUT_MS; the socket is destroyed on failure. */
function open(endpoint: Endpoint, transport: Transport, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    let socket: Socket | undefined;
    const timer = setTimeout(() => {
      socket?.destroy();
      reject(new Error("timed out"));
    }, timeoutMs);
    try {
      socket = dial(endpoint, transport, () => {
        clearTimeout(timer);
        resolve(socket as Socket);
      });
    } catch (error) {
      clearTimeout(timer);
      return reject(error);
    }
    socket.once("error", (error) => {
      clearTimeout(timer);
      socket?.destroy();
      reject(error);
    });
  });
}

const isLimit = (error: unknown) =>
  ["EMFILE", "ENFILE"].includes((error as NodeJS.ErrnoException).code ?? "");

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

function startSending(
  socket: Socket,
  sender: Sender,
  step: number,
  payload: Buffer,
  stop: () => boolean,
): () => void {
  const records = recordStream();
  socket.on("error", () => {
    sender.failed = true;
    sender.settle();
  });
  socket.on("close", () => sender.settle());
  socket.on("data", (chunk: Buffer) => {
    const now = performance.now();
    for (const record of records(chunk)) {
      if (record.kind === "final") {
        sender.final = { at: now, count: record.count };
        sender.settle();
      } else {
        sender.times.push(now);
        sender.counts.push(record.count);
      }
    }
  });
  // One write in flight per connection, the next one a turn of the event loop after the
  // last completed. A loop that writes until write() says "full" lets one connection fill
  // megabytes while the other N − 1 and the probe wait; and a TLS socket's write() keeps
  // saying "not full" while it encrypts into a queue, which starved the event loop for
  // seconds at N = 100.
  const next = () => setImmediate(pump);
  const pump = () => {
    if (!stop() && !socket.destroyed) socket.write(payload, next);
  };
  socket.write(encodeHello({ mode: "sink", flags: 0, param: step }));
  return pump;
}

/** The latest confirmation at or before `t`, or undefined. */
function confirmedAt(s: Sender, t: number): { at: number; count: number } | undefined {
  let i = s.times.length - 1;
  while (i >= 0 && (s.times[i] as number) > t) i--;
  return i < 0 ? undefined : { at: s.times[i] as number, count: s.counts[i] as number };
}

/** Set-up time of one connect-mode exchange, censored at PROBE_TIMEOUT_MS. */
async function probe(endpoint: Endpoint, transport: Transport): Promise<number> {
  const started = performance.now();
  const censored = PROBE_TIMEOUT_MS / 1000;
  let socket: Socket | undefined;
  try {
    socket = await open(endpoint, transport, PROBE_TIMEOUT_MS);
    const s = socket;
    const left = Math.max(1, PROBE_TIMEOUT_MS - (performance.now() - started));
    return await new Promise<number>((resolve) => {
      const timer = setTimeout(() => resolve(censored), left);
      s.once("data", (chunk: Buffer) => {
        clearTimeout(timer);
        resolve(chunk[0] === ACK ? (performance.now() - started) / 1000 : censored);
      });
      s.once("close", () => {
        clearTimeout(timer);
        resolve(censored);
      });
      s.write(encodeHello({ mode: "connect", flags: 0, param: 0 }));
    });
  } catch (error) {
    if (isLimit(error)) throw error;
    return censored;
  } finally {
    socket?.destroy();
  }
}

/** The server's peak RSS so far, or undefined when it cannot say (the figure is then left
 *  out rather than the trial lost). */
async function serverPeak(endpoint: Endpoint): Promise<number | undefined> {
  try {
    return (await serverInfo(endpoint)).maxRss;
  } catch {
    return undefined;
  }
}

/** Resident set size now; reading it opens /proc/self/stat, which fails with EMFILE when
 *  the connections took every descriptor: that sample is skipped, not the trial lost. */
function rssNow(fallback: number): number {
  try {
    return process.memoryUsage.rss();
  } catch {
    return fallback;
  }
}

const sleepUntil = (t: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, t - performance.now())));

export async function runTrial(endpoint: Endpoint, plan: TrialPlan): Promise<TrialOutcome> {
  const rssAtStart = rssNow(0);
  let rssPeak = rssAtStart;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssNow(rssPeak));
  }, 50);
  const serverBefore = plan.serverMemory ? await serverPeak(endpoint) : undefined;
  const payload = Buffer.alloc(SCALING_WRITE_SIZE[plan.transport], 0xa5);
  const step = progressStep(plan.connections);
  let stopped = false;
  let limitHit: string | undefined;
  let tlsInfo: TrialOutcome["tls"];
  const senders: Sender[] = Array.from({ length: plan.connections }, () => {
    let settle = () => {};
    const done = new Promise<void>((resolve) => {
      settle = resolve;
    });
    return { readyAt: 0, times: [], counts: [], failed: false, done, settle };
  });

  // All N open before any sends: opening under load would take most of the time budget
  // (both event loops busy), and set-up under load is what the probes measure.
  const pumps: (() => void)[] = [];
  let next = 0;
  const opener = async () => {
    while (next < senders.length && !limitHit) {
      const sender = senders[next++] as Sender;
      try {
        sender.socket = await open(endpoint, plan.transport, CONNECT_TIMEOUT_MS);
        sender.readyAt = performance.now();
        if (!tlsInfo && sender.socket instanceof tls.TLSSocket)
          tlsInfo = {
            protocol: String(sender.socket.getProtocol()),
            cipher: sender.socket.getCipher()?.name ?? "unknown",
          };
        pumps.push(startSending(sender.socket, sender, step, payload, () => stopped));
      } catch (error) {
        sender.failed = true;
        if (isLimit(error)) limitHit = (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(OPEN_CONCURRENCY, senders.length) }, opener));
  for (const pump of pumps) pump();

  const t0 = performance.now() + plan.warmupMs;
  const t1 = t0 + plan.durationMs;
  const setupSeconds: number[] = [];
  if (!limitHit) {
    await sleepUntil(t0);
    while (performance.now() < t1 && setupSeconds.length < MAX_PROBES) {
      try {
        setupSeconds.push(await probe(endpoint, plan.transport));
      } catch (error) {
        limitHit = (error as Error).message;
        break;
      }
    }
    await sleepUntil(t1);
  }
  stopped = true;
  // Half-close each connection after its last write and wait for the server's FINAL
  // record: a connection succeeded when the server confirmed every byte it was sent.
  for (const s of senders) s.socket?.end();
  let graceTimer: NodeJS.Timeout | undefined;
  const grace = new Promise((resolve) => {
    graceTimer = setTimeout(resolve, FINAL_GRACE_MS);
  });
  await Promise.race([Promise.all(senders.filter((s) => s.socket).map((s) => s.done)), grace]);
  clearTimeout(graceTimer);
  const lastFinal = Math.max(t1, ...senders.map((s) => s.final?.at ?? 0));
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, rssNow(rssPeak));

  for (const s of senders) s.socket?.destroy();
  // The server's peak is a high-water mark, so it is asked for once the link is quiet: a
  // new connection while N others send can wait seconds for a dropped SYN to be resent.
  const serverAfter = plan.serverMemory && !limitHit ? await serverPeak(endpoint) : undefined;

  let windowBytes = 0;
  let succeeded = 0;
  const rates = senders.map((s) => {
    if (!s.socket || !s.final || s.failed) return 0;
    succeeded += 1;
    const start = confirmedAt(s, t0) ?? { at: s.readyAt, count: 0 };
    windowBytes += s.final.count - start.count;
    return s.final.at > start.at
      ? (s.final.count - start.count) / ((s.final.at - start.at) / 1000)
      : 0;
  });
  return {
    connections: plan.connections,
    rates,
    succeeded,
    windowBytes,
    windowSeconds: (lastFinal - t0) / 1000,
    setupSeconds,
    clientGrowth: rssPeak - rssAtStart,
    ...(serverBefore !== undefined &&
      serverAfter !== undefined && { serverGrowth: Math.max(0, serverAfter - serverBefore) }),
    ...(limitHit !== undefined && { limitHit }),
    ...(tlsInfo && { tls: tlsInfo }),
  };
}
