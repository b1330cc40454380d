/**
 * Round-trip latency over one connection (protocol.ts, mode echo): send a small message,
 * wait until all of it has come back, send the next. Nagle is off on both ends so a round
 * trip is one message each way, not a batching delay.
 */

import { percentile } from "../../util/quantiles.js";
import { type Endpoint, openConnection, type Transport } from "./connection.js";
import { encodeHello } from "./protocol.js";

export interface LatencyPlan {
  /** Round trips measured, after `warmup` discarded ones. */
  messages: number;
  warmup: number;
  messageSize: number;
}

export interface LatencyOutcome {
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  /** How many round trips the percentiles rest on. */
  count: number;
}

export async function roundTrips(
  endpoint: Endpoint,
  transport: Transport,
  plan: LatencyPlan,
): Promise<LatencyOutcome> {
  const { socket } = await openConnection(endpoint, transport);
  socket.setNoDelay(true);
  const message = Buffer.alloc(plan.messageSize, 0x42);
  const total = plan.warmup + plan.messages;
  const seconds = new Float64Array(plan.messages);
  return new Promise((resolve, reject) => {
    let done = 0;
    let received = 0;
    let sentAt = 0;
    socket.on("error", reject);
    socket.on("close", () => reject(new Error(`the echo ended after ${done} round trips`)));
    const send = () => {
      sentAt = performance.now();
      socket.write(message);
    };
    socket.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received < plan.messageSize) return;
      const now = performance.now();
      received -= plan.messageSize;
      if (done >= plan.warmup) seconds[done - plan.warmup] = (now - sentAt) / 1000;
      done += 1;
      if (done < total) return send();
      socket.removeAllListeners("close");
      socket.destroy();
      const sorted = [...seconds].sort((a, b) => a - b);
      resolve({
        p50: percentile(sorted, 0.5),
        p95: percentile(sorted, 0.95),
        p99: percentile(sorted, 0.99),
        p999: percentile(sorted, 0.999),
        count: plan.messages,
      });
    });
    socket.write(encodeHello({ mode: "echo", flags: 0, param: 0 }));
    send();
  });
}
