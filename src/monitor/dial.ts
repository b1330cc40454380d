/**
 * Opening a TCP connection with a deadline. The monitor must never hang on one interval:
 * a black-holed address would otherwise wait for the kernel's connect timeout (minutes).
 */
import net from "node:net";
import { SOCKET_HIGH_WATER_MARK } from "../collect/throughput/server.js";

export interface Target {
  host: string;
  port: number;
}

export function dial(target: Target, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({
      host: target.host,
      port: target.port,
      highWaterMark: SOCKET_HIGH_WATER_MARK,
    } as net.NetConnectOpts);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.off("error", onError);
      resolve(socket);
    });
    const onError = (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new Error(error.code ?? error.message));
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
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (done) return;
      end();
      reject(new Error(error.code ?? error.message));
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
