/**
 * One scaling trial, run by the client child: N connections at once moving bytes (TCP:
 * each receives from the server, scalingReceive.ts; TLS: each sends to it, scalingSend.ts),
 * then, with all N still moving, a probe opens one fresh connection after another to time
 * set-up under that load:
 *
 *     open N (64 at a time) ──┬── start ──┬── warm-up ──┬──── window ────┬── probe probe ··· ──┬── stop, close
 *                             all open    all moving    t0               t1                    t2
 *
 * Throughput and CPU per GB count up to t1 only: a probe is a connection's set-up in both
 * processes, and 200 a second inside the window took a fifth of the CPU per GB at N = 1,
 * which `iperf3 -P N` does not pay. A connection counts as a success when it opened and
 * moved bytes inside the window without failing; a failed one enters the per-connection
 * figures as 0.
 */
import net from "node:net";
import tls from "node:tls";
import type { Endpoint, Transport } from "./connection.js";
import { serverInfo } from "./info.js";
import { ACK, encodeHello } from "./protocol.js";
import type { Movers, Socket } from "./scalingMovers.js";
import { receivers } from "./scalingReceive.js";
import { senders } from "./scalingSend.js";
import { cpuSeconds, processCpuSeconds } from "./usage.js";

export interface TrialPlan {
  transport: Transport;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** The set-up probes' time after the window (absent or 0: no probes). */
  setupMs?: number;
  /** Ask the server for its peak memory and CPU time before and after (only our own
   *  loopback server: a remote one's are not ours to count). */
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
  /** CPU seconds (client and server, user + system) per GB moved, from the start to the
   *  window's end (warm-up included, probes not). */
  cpuPerGB?: number;
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
/** Probes per trial at most: p99 then rests on the two slowest. */
const MAX_PROBES = 200;
/** One info connection: the server's pid, its CPU time and peak memory so far. */
type ServerSnapshot = Awaited<ReturnType<typeof serverInfo>>;

function dial(
  endpoint: Endpoint,
  transport: Transport,
  onReady: () => void,
  options: Partial<net.NetConnectOpts> = {},
): Socket {
  if (transport === "tcp")
    return net.connect(
      { ...options, host: endpoint.host, port: endpoint.port } as net.NetConnectOpts,
      onReady,
    );
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
function open(
  endpoint: Endpoint,
  transport: Transport,
  timeoutMs: number,
  options: Partial<net.NetConnectOpts> = {},
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    let socket: Socket | undefined;
    const timer = setTimeout(() => {
      socket?.destroy();
      reject(new Error("timed out"));
    }, timeoutMs);
    try {
      socket = dial(
        endpoint,
        transport,
        () => {
          clearTimeout(timer);
          resolve(socket as Socket);
        },
        options,
      );
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

/** The server's peak RSS and CPU time so far, or undefined when it cannot say (those
 *  figures are then left out rather than the trial lost). */
async function serverInfoOrNothing(endpoint: Endpoint) {
  try {
    return await serverInfo(endpoint);
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

/**
 * The server's CPU seconds from the trial's start to the window's end, read from /proc by
 * its pid: asking the server itself at the window's end would open a connection beside the
 * N, which can wait seconds for a dropped SYN to be resent. Off Linux, its own answers
 * before and after the trial (the probes then included, a figure rather than none).
 */
function serverCpuSpent(
  before: ServerSnapshot | undefined,
  procAtStart: number | undefined,
  procAtEnd: number | undefined,
  after: ServerSnapshot | undefined,
): number | undefined {
  if (procAtStart !== undefined && procAtEnd !== undefined) return procAtEnd - procAtStart;
  if (before === undefined || after === undefined) return undefined;
  return after.cpuUser + after.cpuSystem - before.cpuUser - before.cpuSystem;
}

const sleepUntil = (t: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, t - performance.now())));

export async function runTrial(endpoint: Endpoint, plan: TrialPlan): Promise<TrialOutcome> {
  const rssAtStart = rssNow(0);
  let rssPeak = rssAtStart;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssNow(rssPeak));
  }, 50);
  const serverBefore = plan.serverMemory ? await serverInfoOrNothing(endpoint) : undefined;
  const serverProc = () => (serverBefore ? processCpuSeconds(serverBefore.pid) : undefined);
  const serverProcAtStart = serverProc();
  const clientCpuBefore = cpuSeconds();
  const setupMs = plan.setupMs ?? 0;
  const movers: Movers =
    plan.transport === "tcp"
      ? receivers(plan.warmupMs + plan.durationMs + setupMs)
      : senders(plan.connections);
  let limitHit: string | undefined;
  let tlsInfo: TrialOutcome["tls"];

  // All N open before any moves: opening under load would take most of the time budget
  // (both event loops busy), and set-up under load is what the probes measure.
  let next = 0;
  let opened = 0;
  const opener = async () => {
    while (next < plan.connections && !limitHit) {
      next += 1;
      const { dialOptions, add } = movers.prepare();
      try {
        const socket = await open(endpoint, plan.transport, CONNECT_TIMEOUT_MS, dialOptions);
        opened += 1;
        if (!tlsInfo && socket instanceof tls.TLSSocket)
          tlsInfo = {
            protocol: String(socket.getProtocol()),
            cipher: socket.getCipher()?.name ?? "unknown",
          };
        add(socket, performance.now());
      } catch (error) {
        if (isLimit(error)) limitHit = (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(OPEN_CONCURRENCY, plan.connections) }, opener));
  await movers.start();

  const t0 = performance.now() + plan.warmupMs;
  const t1 = t0 + plan.durationMs;
  const t2 = t1 + setupMs;
  const setupSeconds: number[] = [];
  let cpuAtEnd: { client: number; server: number | undefined } | undefined;
  if (!limitHit) {
    await sleepUntil(t0);
    movers.markStart();
    await sleepUntil(t1);
    movers.markEnd();
    cpuAtEnd = { client: cpuSeconds(), server: serverProc() };
    // Probes one every setupMs / MAX_PROBES at most: back to back they would take the CPU
    // the N connections' load is made of (on loopback the same two cores).
    const spacing = setupMs / MAX_PROBES;
    while (performance.now() < t2 && setupSeconds.length < MAX_PROBES) {
      try {
        setupSeconds.push(await probe(endpoint, plan.transport));
      } catch (error) {
        limitHit = (error as Error).message;
        break;
      }
      await sleepUntil(t1 + setupSeconds.length * spacing);
    }
  } else {
    movers.markStart();
    movers.markEnd();
  }
  const moved = await movers.finish();
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, rssNow(rssPeak));
  movers.destroy();
  const clientCpu = (cpuAtEnd?.client ?? cpuSeconds()) - clientCpuBefore;
  // The server's peak is a high-water mark, so it is asked for once the link is quiet: a
  // new connection while N others send can wait seconds for a dropped SYN to be resent.
  const serverAfter =
    plan.serverMemory && !limitHit ? await serverInfoOrNothing(endpoint) : undefined;
  const serverCpu = serverCpuSpent(serverBefore, serverProcAtStart, cpuAtEnd?.server, serverAfter);

  // A connection that never opened moved nothing: it enters the figures as 0.
  const rates = [...moved.rates, ...Array<number>(plan.connections - opened).fill(0)];
  return {
    connections: plan.connections,
    rates,
    succeeded: moved.succeeded,
    windowBytes: moved.windowBytes,
    windowSeconds: moved.windowSeconds,
    setupSeconds,
    clientGrowth: rssPeak - rssAtStart,
    ...(serverBefore !== undefined &&
      serverAfter !== undefined && {
        serverGrowth: Math.max(0, serverAfter.maxRss - serverBefore.maxRss),
      }),
    ...(serverCpu !== undefined &&
      moved.totalBytes > 0 && { cpuPerGB: (clientCpu + serverCpu) / (moved.totalBytes / 1e9) }),
    ...(limitHit !== undefined && { limitHit }),
    ...(tlsInfo && { tls: tlsInfo }),
  };
}
