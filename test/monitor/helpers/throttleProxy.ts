/**
 * A TCP proxy that can be throttled while running: each chunk waits `delayMs` plus its
 * size divided by `bytesPerSecond` before it is forwarded, in order, in both directions.
 * The kernel here has no netem (docs/architecture.md, "What the code relies on from the platform"), so a throttled path is made by this peer.
 */
import net, { type AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface Throttle {
  bytesPerSecond?: number;
  delayMs?: number;
}

/** Bytes queued in the proxy before it stops reading, so a throttled sender backs off. */
const HIGH_WATER = 64 * 1024;

function forward(from: net.Socket, to: net.Socket, throttle: Throttle): void {
  let chain = Promise.resolve();
  let queued = 0;
  from.on("data", (chunk: Buffer) => {
    queued += chunk.length;
    if (queued > HIGH_WATER) from.pause();
    const rate = throttle.bytesPerSecond;
    const wait = (throttle.delayMs ?? 0) + (rate ? (chunk.length / rate) * 1000 : 0);
    chain = chain
      .then(() => (wait > 0 ? sleep(wait) : undefined))
      .then(() => {
        if (!to.destroyed) to.write(chunk);
        queued -= chunk.length;
        if (queued <= HIGH_WATER) from.resume();
      });
  });
  from.on("end", () => void chain.then(() => to.end()));
  from.on("close", () => void chain.then(() => to.destroy()));
  from.on("error", () => to.destroy());
}

export interface RunningProxy {
  port: number;
  throttle: Throttle;
  close(): Promise<void>;
}

export async function startThrottleProxy(upstream: {
  host: string;
  port: number;
}): Promise<RunningProxy> {
  const throttle: Throttle = {};
  const sockets = new Set<net.Socket>();
  // Half-open both ways: a sink client ends its side and then waits for the FINAL record.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const server = net.connect({ port: upstream.port, host: upstream.host, allowHalfOpen: true });
    for (const s of [client, server]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    forward(client, server, throttle);
    forward(server, client, throttle);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    throttle,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
