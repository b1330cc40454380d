/**
 * The far end of a throughput measurement: `perfgate serve` and the loopback server child.
 * One TCP listener and (optionally) one TLS 1.3 listener speak the protocol in protocol.ts.
 *
 * Memory stays bounded whatever a client does: the hello is read into a fixed 16 bytes and
 * must arrive within `helloTimeoutMs`; sink data is counted and dropped; echo and source
 * respect backpressure; `maxConnections` caps sockets. A junk hello closes that connection
 * only. To add a mode, add it to protocol.ts and a handler to `handlers` below.
 */
import net, { type AddressInfo } from "node:net";
import tls from "node:tls";
import { selfSignedCertificate } from "./certificate.js";
import {
  ACK,
  decodeHello,
  encodeRecord,
  HELLO_SIZE,
  type Hello,
  type ModeName,
  type ServerInfo,
  SOURCE_BY_TIME,
} from "./protocol.js";
import { peakRssBytes } from "./usage.js";

/** Socket buffers of 4 MiB let 1 MiB writes and reads flow without stalling on the stream
 *  layer (docs/architecture.md: loopback reaches iperf3's rate only with a raised highWaterMark). */
export const SOCKET_HIGH_WATER_MARK = 4 * 1024 * 1024;
/** Size of each write when the server is the sender (source mode). */
export const SOURCE_WRITE_SIZE = 1024 * 1024;
/** Unread progress records a sink client may leave queued before the server stops adding. */
const MAX_PENDING_RECORD_BYTES = 64 * 1024;
/** A client that has not said hello by then is dropped (it holds a socket, nothing else). */
export const DEFAULT_HELLO_TIMEOUT_MS = 10_000;
/** Enough for the connection-rate trial's concurrency and a few monitors, far below fd limits. */
export const DEFAULT_MAX_CONNECTIONS = 1024;
/** A connection with no traffic either way for this long after its hello is dropped: a
 *  monitor's echo link talks every interval, a stalled or abandoned client does not. */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

export interface ServerOptions {
  host?: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** TLS port; 0 picks a free one; `false` serves no TLS. Default 0. */
  tlsPort?: number | false;
  /** PEM certificate and key; made at start (self-signed, ECDSA P-256) when absent. */
  credentials?: { cert: string; key: string };
  helloTimeoutMs?: number;
  maxConnections?: number;
  /** After the hello, drop a connection idle this long (0: never). Default 60 s. */
  idleTimeoutMs?: number;
  /** Answer info requests only once this settles: the loopback child's own warm-up
   *  (warmJit.ts), which a trial's CPU and memory figures must not include; every trial
   *  asks for info before it starts. */
  infoAfter?: Promise<unknown>;
}

export interface RunningServer {
  tcp: AddressInfo;
  tls?: AddressInfo;
  /** Stop listening and drop every open connection. */
  close(): Promise<void>;
}

/** One source buffer for every connection: it is only ever read (written to sockets). */
let sharedSourceChunk: Buffer | undefined;
const sourceChunk = () => {
  sharedSourceChunk ??= Buffer.alloc(SOURCE_WRITE_SIZE, 0x5a);
  return sharedSourceChunk;
};

/**
 * Source connections take turns: once its writes were handed to the kernel a connection
 * queues for its next turn, and a turn of the event loop writes at most
 * SOURCE_WRITES_PER_TURN buffers over the queue, oldest first. Profiled at N = 100 (the
 * scaling trial): writing each socket until write() said "full" gave the first sockets a
 * drain reached 4–5 Gbit/s and most 0.03; one write per connection per turn was fair but
 * made a turn 100 MiB long, and a busy loop took the waiting connections off the accept
 * queue at about one per turn (15 a second at load 17), so half of them started after the
 * window. The kernel's send buffer holds more than one write, so a link never idles for
 * the turn.
 *
 * With few connections waiting, a connection writes again within its turn while the
 * kernel takes each buffer whole at once (up to SOURCE_WRITES_PER_PUMP): profiled at N = 1 (`perf record`, docs/architecture.md
 * "Throughput at N"), one loop turn, one immediate and one completion tick per 1 MiB
 * write put a third of the server's CPU in Node's JavaScript, which iperf3's sender spends
 * in the kernel's copy. The size of each write (one 1 MiB `write` call) stays the same.
 */
const SOURCE_WRITES_PER_TURN = 8;
const SOURCE_WRITES_PER_PUMP = 4;
/** Writes at most `budget` buffers; says how many it wrote. */
type Pump = (budget: number) => number;
const waitingForTurn: Pump[] = [];
/** Source connections open in this process: they share the turns. */
let openSources = 0;
let turnScheduled = false;
function takeTurn(pump: Pump): void {
  waitingForTurn.push(pump);
  if (turnScheduled) return;
  turnScheduled = true;
  setImmediate(serveTurn);
}
function serveTurn(): void {
  turnScheduled = false;
  // Pumps queued during this turn wait for the next. A run of writes only where a turn has
  // room for one per source connection open, waiting or not: with many, one each, as
  // before. (Counting only those waiting let the few whose buffers drained first take four
  // for everyone else's one: Jain's index fell from near 1 to 0.2 at N = 20 behind a proxy.)
  let waiting = waitingForTurn.length;
  const perPump = Math.max(
    1,
    Math.min(SOURCE_WRITES_PER_PUMP, Math.floor(SOURCE_WRITES_PER_TURN / openSources)),
  );
  let budget = SOURCE_WRITES_PER_TURN;
  while (waiting > 0 && budget > 0) {
    waiting -= 1;
    const pump = waitingForTurn.shift() as Pump;
    budget -= pump(Math.min(budget, perPump));
  }
  if (waitingForTurn.length > 0 && !turnScheduled) {
    turnScheduled = true;
    setImmediate(serveTurn);
  }
}

type Handler = (
  socket: net.Socket,
  hello: Hello,
  rest: Buffer,
  info: () => Promise<ServerInfo>,
) => void;

const handlers: Record<ModeName, Handler> = {
  sink(socket, hello, rest) {
    let count = 0;
    let nextProgress = hello.param > 0 ? hello.param : Number.POSITIVE_INFINITY;
    const receive = (chunk: Buffer) => {
      count += chunk.length;
      if (count >= nextProgress) {
        // Progress records are advisory: a client that does not read them gets no more,
        // rather than a send queue that grows with the bytes it pushes.
        if (socket.writableLength < MAX_PENDING_RECORD_BYTES)
          socket.write(encodeRecord("progress", count));
        while (nextProgress <= count) nextProgress += hello.param;
      }
    };
    if (rest.length > 0) receive(rest);
    socket.on("data", receive);
    socket.on("end", () => socket.end(encodeRecord("final", count)));
  },

  source(socket, hello) {
    const byTime = (hello.flags & SOURCE_BY_TIME) !== 0;
    const deadline = byTime ? performance.now() + hello.param : Number.POSITIVE_INFINITY;
    let remaining = byTime ? Number.POSITIVE_INFINITY : hello.param;
    const chunk = sourceChunk();
    let queued = true;
    let done = false;
    // One callback for every write, so that Node completes a run of writes the kernel took
    // at once in one tick; the connection queues again once nothing is left in flight.
    const written = (error?: Error | null) => {
      if (error || queued || done || socket.writableLength > 0) return;
      queued = true;
      takeTurn(pump);
    };
    const pump: Pump = (budget) => {
      queued = false;
      let writes = 0;
      while (writes < budget) {
        if (remaining <= 0 || performance.now() >= deadline || socket.destroyed) {
          done = true;
          socket.end();
          break;
        }
        const piece = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
        remaining -= piece.length;
        socket.write(piece, written);
        writes += 1;
        // Not all taken at once (the send buffer is full): its completion queues the next turn.
        if (socket.writableLength > 0) break;
      }
      return writes;
    };
    socket.resume(); // the client sends nothing more; do not let a stray byte stall us
    openSources += 1;
    socket.once("close", () => {
      openSources -= 1;
    });
    takeTurn(pump);
  },

  echo(socket, _hello, rest) {
    socket.setNoDelay(true);
    const back = (chunk: Buffer) => {
      if (!socket.write(chunk)) {
        socket.pause();
        socket.once("drain", () => socket.resume());
      }
    };
    if (rest.length > 0) back(rest);
    socket.on("data", back);
    socket.on("end", () => socket.end());
  },

  connect(socket) {
    socket.resume();
    socket.end(Buffer.of(ACK));
  },

  info(socket, _hello, _rest, info) {
    socket.resume();
    void info().then((answer) => {
      const body = Buffer.from(JSON.stringify(answer));
      const head = Buffer.alloc(4);
      head.writeUInt32BE(body.length);
      socket.end(Buffer.concat([head, body]));
    });
  },
};

/** Read the fixed hello, then hand the socket to its mode's handler. */
function serveConnection(
  socket: net.Socket,
  timeoutMs: number,
  info: () => Promise<ServerInfo>,
  idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS,
): void {
  socket.on("error", () => socket.destroy()); // a peer reset is the peer's business
  const hello = Buffer.alloc(HELLO_SIZE);
  let have = 0;
  const timer = setTimeout(() => socket.destroy(), timeoutMs);
  const onData = (chunk: Buffer) => {
    const take = Math.min(HELLO_SIZE - have, chunk.length);
    chunk.copy(hello, have, 0, take);
    have += take;
    if (have < HELLO_SIZE) return;
    clearTimeout(timer);
    socket.off("data", onData);
    socket.off("end", onEarlyEnd);
    const decoded = decodeHello(hello);
    if ("error" in decoded) return void socket.destroy();
    if (idleTimeoutMs > 0) socket.setTimeout(idleTimeoutMs, () => socket.destroy());
    handlers[decoded.mode](socket, decoded, chunk.subarray(take), info);
  };
  const onEarlyEnd = () => {
    clearTimeout(timer);
    socket.destroy();
  };
  socket.on("data", onData);
  socket.on("end", onEarlyEnd);
}

function listen(server: net.Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const timeoutMs = options.helloTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS;
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };
  let tlsAddress: AddressInfo | undefined;
  const info = async (): Promise<ServerInfo> => {
    await options.infoAfter;
    const cpu = process.cpuUsage();
    return {
      protocol: 1,
      tlsPort: tlsAddress?.port,
      cpuUser: cpu.user / 1e6,
      cpuSystem: cpu.system / 1e6,
      maxRss: peakRssBytes(),
      pid: process.pid,
    };
  };

  const tcpServer = net.createServer({ highWaterMark: SOCKET_HIGH_WATER_MARK }, (socket) => {
    track(socket);
    serveConnection(socket, timeoutMs, info, idleMs);
  });
  tcpServer.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const tcpAddress = await listen(tcpServer, options.port ?? 0, host);

  let tlsServer: tls.Server | undefined;
  if (options.tlsPort !== false) {
    const credentials = options.credentials ?? selfSignedCertificate();
    tlsServer = tls.createServer(
      {
        ...credentials,
        minVersion: "TLSv1.3",
        highWaterMark: SOCKET_HIGH_WATER_MARK,
      } as tls.TlsOptions,
      (socket) => {
        track(socket);
        serveConnection(socket, timeoutMs, info, idleMs);
      },
    );
    tlsServer.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    // A failed handshake (a junk client, a TLS 1.2-only client) is that client's problem.
    tlsServer.on("tlsClientError", (_error, socket) => socket.destroy());
    tlsAddress = await listen(tlsServer, options.tlsPort ?? 0, host);
  }

  const closeServer = (server: net.Server | undefined) =>
    new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  return {
    tcp: tcpAddress,
    tls: tlsAddress,
    async close() {
      const closing = Promise.all([closeServer(tcpServer), closeServer(tlsServer)]);
      for (const socket of sockets) socket.destroy();
      await closing;
    },
  };
}
