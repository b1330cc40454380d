/**
 * Opening a TCP (or TLS 1.3) connection with a deadline. The monitor must never hang on one
 * interval: a black-holed address would otherwise wait for the kernel's connect timeout
 * (minutes).
 */
import net from "node:net";
import tls from "node:tls";
import { SOCKET_HIGH_WATER_MARK } from "../collect/throughput/server.js";
import { PathError, pathError } from "./failure.js";

export interface Target {
  host: string;
  port: number;
  /** Speak TLS 1.3 to a serve's TLS listener (`port` is then the TLS port). */
  tls?: boolean;
}

export function dial(target: Target, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const options = {
      host: target.host,
      port: target.port,
      highWaterMark: SOCKET_HIGH_WATER_MARK,
    };
    const socket = target.tls
      ? tls.connect({
          ...options,
          minVersion: "TLSv1.3",
          // serve's certificate is self-signed and made at start: encrypted, not
          // authenticated, as in the throughput suite (nothing secret crosses it).
          rejectUnauthorized: false,
        } as tls.ConnectionOptions)
      : net.connect(options as net.NetConnectOpts);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new PathError("timed out", `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once(target.tls ? "secureConnect" : "connect", () => {
      clearTimeout(timer);
      socket.off("error", onError);
      resolve(socket);
    });
    const onError = (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(pathError(error));
    };
    socket.once("error", onError);
  });
}

/** Run `work` on a socket, giving up (and destroying the socket) after `timeoutMs`. */
export function withDeadline<T>(
  socket: net.Socket,
  timeoutMs: number,
  work: (finish: (value: T) => void, fail: (error: Error) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const end = () => {
      done = true;
      clearTimeout(timer);
      socket.removeAllListeners("data");
      socket.destroy();
    };
    const timer = setTimeout(() => {
      if (done) return;
      end();
      reject(new PathError("timed out", `no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (done) return;
      end();
      reject(pathError(error));
    });
    work(
      (value) => {
        if (done) return;
        end();
        resolve(value);
      },
      (error) => {
        if (done) return;
        end();
        reject(error);
      },
    );
  });
}
