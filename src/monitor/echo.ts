/**
 * Round trips over one long-lived echo connection (protocol.ts, mode echo): a 64-byte
 * message out, all of it back, the next. The connection is kept between intervals, as an
 * application's would be, so the figures are round trips and not connection set-up;
 * after any failure it is dropped and opened again in the next interval.
 */
import type net from "node:net";
import { encodeHello } from "../collect/throughput/protocol.js";
import { dial, type Target } from "./dial.js";
import { PathError, pathError } from "./failure.js";

/** Like the suite's latency trial: small enough to be one segment each way. */
export const ECHO_MESSAGE_SIZE = 64;

export class EchoLink {
  private socket: net.Socket | undefined;

  constructor(private readonly target: Target) {}

  /** Whether the next `roundTrips` will open a new connection (a connection attempt). */
  get needsConnection(): boolean {
    return this.socket === undefined || this.socket.destroyed;
  }

  /** `count` round trips in ms; fewer if the deadline passes or the link fails (it throws
   *  only when nothing came back). */
  async roundTrips(count: number, timeoutMs: number): Promise<number[]> {
    const deadline = performance.now() + timeoutMs;
    if (this.needsConnection) {
      const socket = await dial(this.target, timeoutMs);
      // Between intervals nobody listens: a reset then must not become an uncaught error.
      // The next call sees the socket destroyed and opens a new one.
      socket.on("error", () => {});
      socket.setNoDelay(true);
      socket.write(encodeHello({ mode: "echo", flags: 0, param: 0 }));
      this.socket = socket;
    }
    const socket = this.socket as net.Socket;
    const message = Buffer.alloc(ECHO_MESSAGE_SIZE, 0x42);
    const rtts: number[] = [];
    return new Promise((resolve, reject) => {
      let received = 0;
      let sentAt = 0;
      const finish = (error?: Error) => {
        clearTimeout(timer);
        socket.off("data", onData);
        socket.off("error", onError);
        socket.off("close", onClose);
        if (error) {
          socket.destroy();
          if (rtts.length === 0) return reject(error);
        }
        resolve(rtts);
      };
      const onData = (chunk: Buffer) => {
        received += chunk.length;
        if (received < ECHO_MESSAGE_SIZE) return;
        received -= ECHO_MESSAGE_SIZE;
        rtts.push(performance.now() - sentAt);
        if (rtts.length >= count) return finish();
        send();
      };
      const onError = (error: NodeJS.ErrnoException) => finish(pathError(error));
      const onClose = () => finish(new PathError("reset", "the server closed the echo connection"));
      const send = () => {
        sentAt = performance.now();
        socket.write(message);
      };
      const timer = setTimeout(
        () => finish(new PathError("timed out", `no echo within ${timeoutMs} ms`)),
        Math.max(1, deadline - performance.now()),
      );
      socket.on("data", onData);
      socket.on("error", onError);
      socket.on("close", onClose);
      send();
    });
  }

  /** The address the connection reached (a name may resolve to several). */
  get remoteAddress(): string | undefined {
    return this.socket?.remoteAddress;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }
}
