/**
 * Connection set-up (protocol.ts, mode connect): the clock runs from asking for a
 * connection until the server's ACK arrives, so TCP set-up counts its handshake plus the
 * first exchange, and TLS also its 1.3 handshake — the time before a new connection is
 * useful. Every connection is a full handshake: no TLS session is resumed.
 *
 * The server closes first, so the TIME_WAIT state lands on its side and a run of thousands
 * of connections does not use up the client's ephemeral ports.
 */

import { percentile } from "../../util/quantiles.js";
import { type Endpoint, openConnection, type Transport } from "./connection.js";
import { ACK, encodeHello } from "./protocol.js";

export interface SetupPlan {
  /** Connections opened one after another (at most, see sequentialMaxMs): their median
   *  set-up time is the sample. */
  sequential: number;
  /** Stop the sequential part early after this long (with at least MIN_SEQUENTIAL done), so
   *  a busy machine cannot stretch the run without bound. */
  sequentialMaxMs: number;
  /** Time-based rate trial: open connections with `concurrency` in flight for this long. */
  burstMs: number;
  concurrency: number;
}

/** Fewer than this and a median set-up time means little. */
export const MIN_SEQUENTIAL = 5;

export interface SetupOutcome {
  /** Median set-up time, s. */
  time: number;
  /** Connections completed per second with `concurrency` in flight (each worker finishes
   *  the connection it started before the deadline, and the clock includes it). */
  rate: number;
}

const hello = encodeHello({ mode: "connect", flags: 0, param: 0 });

/** One connection, set up and acknowledged; resolves with its set-up time in seconds. */
export async function connectOnce(endpoint: Endpoint, transport: Transport): Promise<number> {
  const { socket, startedAt } = await openConnection(endpoint, transport);
  return new Promise((resolve, reject) => {
    socket.on("error", reject);
    socket.once("data", (chunk: Buffer) => {
      const seconds = (performance.now() - startedAt) / 1000;
      if (chunk[0] !== ACK) return reject(new Error("the server did not acknowledge a connect"));
      socket.resume();
      socket.once("end", () => socket.destroy());
      resolve(seconds);
    });
    socket.once("close", () => reject(new Error("the server closed without acknowledging")));
    socket.write(hello);
  });
}

export async function connectionSetup(
  endpoint: Endpoint,
  transport: Transport,
  plan: SetupPlan,
): Promise<SetupOutcome> {
  const times: number[] = [];
  const sequentialUntil = performance.now() + plan.sequentialMaxMs;
  for (let i = 0; i < plan.sequential; i++) {
    if (i >= MIN_SEQUENTIAL && performance.now() >= sequentialUntil) break;
    times.push(await connectOnce(endpoint, transport));
  }
  times.sort((a, b) => a - b);

  let completed = 0;
  const begin = performance.now();
  const until = begin + plan.burstMs;
  const worker = async () => {
    while (performance.now() < until) {
      await connectOnce(endpoint, transport);
      completed += 1;
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  const elapsed = (performance.now() - begin) / 1000;
  return { time: percentile(times, 0.5), rate: completed / elapsed };
}
