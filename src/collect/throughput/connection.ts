/**
 * Opening one client connection to a throughput server, over TCP or TLS 1.3, with the
 * moments that the set-up metrics need: when we asked, and when the connection was ready to
 * carry data (TCP connected; TLS handshake finished).
 */
import net from "node:net";
import tls from "node:tls";
import { SOCKET_HIGH_WATER_MARK } from "./server.js";

export type Transport = "tcp" | "tls";

export interface Endpoint {
  host: string;
  port: number;
  /** Where the server's TLS listener is (from its info answer). */
  tlsPort?: number;
}

export interface Connection {
  socket: net.Socket;
  /** performance.now() when the connection was requested and when it became ready. */
  startedAt: number;
  readyAt: number;
}

/**
 * For TCP only: read into this one buffer and call `onRead(bytes)` instead of emitting
 * 'data'. Node otherwise reads 64 KiB at a time into a fresh Buffer each; one reused
 * 1 MiB buffer measurably lowers the receiver's CPU per GB (see bench/throughput.bench.ts).
 */
export interface ReadInto {
  buffer: Buffer;
  onRead(bytes: number): void;
}

export function openConnection(
  endpoint: Endpoint,
  transport: Transport,
  readInto?: ReadInto,
): Promise<Connection> {
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    let socket: net.Socket;
    const ready = () => {
      socket.off("error", reject);
      resolve({ socket, startedAt, readyAt: performance.now() });
    };
    if (transport === "tls") {
      if (endpoint.tlsPort === undefined)
        return reject(new Error(`the server at ${endpoint.host}:${endpoint.port} serves no TLS`));
      socket = tls.connect(
        {
          host: endpoint.host,
          port: endpoint.tlsPort,
          minVersion: "TLSv1.3",
          // The server's certificate is self-signed and made at run time; nothing secret
          // crosses this connection, so it is encrypted but not authenticated.
          rejectUnauthorized: false,
          highWaterMark: SOCKET_HIGH_WATER_MARK,
        } as tls.ConnectionOptions,
        ready,
      );
    } else {
      socket = net.connect(
        {
          host: endpoint.host,
          port: endpoint.port,
          highWaterMark: SOCKET_HIGH_WATER_MARK,
          ...(readInto && {
            onread: { buffer: readInto.buffer, callback: (n: number) => readInto.onRead(n) },
          }),
        } as net.NetConnectOpts,
        ready,
      );
    }
    socket.once("error", reject);
  });
}

/** Read a socket to its end, keeping at most `limit` bytes (a misbehaving server cannot flood us). */
export function readAll(socket: net.Socket, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    socket.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        socket.destroy();
        reject(new Error(`the server sent more than ${limit} bytes`));
      } else chunks.push(chunk);
    });
    socket.once("end", () => resolve(Buffer.concat(chunks)));
    socket.once("error", reject);
    socket.once("close", () => resolve(Buffer.concat(chunks)));
  });
}
