/**
 * How well `perfgate monitor` reads a path it did not build: its short throughput burst
 * against a throttled path (the rate the proxy imposes is the reference), its burst against
 * the suite's sustained 2 s trial on the same loopback server, and its loss figure against
 * a responder that drops every k-th probe. Everything in one process on loopback.
 */
import { startServer } from "../src/collect/throughput/server.js";
import { sink } from "../src/collect/throughput/sink.js";
import { burst } from "../src/monitor/burst.js";
import { intervalPlan } from "../src/monitor/plan.js";
import { startProbeResponder } from "../src/monitor/probe.js";
import { UdpProber } from "../src/monitor/udpProber.js";
import { median } from "../src/util/quantiles.js";
import { startThrottleProxy } from "../test/monitor/helpers/throttleProxy.js";

const HOST = "127.0.0.1";
const BURSTS = 7;

export default async function (): Promise<void> {
  const server = await startServer({ host: HOST, tlsPort: false });
  try {
    console.log("| throttle (imposed) | burst median | measured / imposed |");
    console.log("|---|---|---|");
    const proxy = await startThrottleProxy({ host: HOST, port: server.tcp.port });
    for (const bytesPerSecond of [2e6, 8e6, 32e6]) {
      proxy.throttle.bytesPerSecond = bytesPerSecond;
      const imposedGbps = (bytesPerSecond * 8) / 1e9;
      const plan = intervalPlan(1000, { expectedGbps: imposedGbps, maxLatencyMs: 10 });
      const rates: number[] = [];
      for (let i = 0; i < BURSTS; i++) {
        const outcome = await burst(
          { host: HOST, port: proxy.port },
          { durationMs: plan.burstMs, maxBytes: plan.burstBytes, timeoutMs: 5000 },
        );
        rates.push(outcome.gbps);
      }
      const m = median(rates);
      console.log(
        `| ${bytesPerSecond * 8e-6} Mbit/s | ${(m * 1000).toFixed(1)} Mbit/s | ${(m / imposedGbps).toFixed(2)} |`,
      );
    }
    await proxy.close();

    console.log("\n| loopback, no proxy | median Gbit/s | ratio to sustained |");
    console.log("|---|---|---|");
    const sustained: number[] = [];
    const bursts: number[] = [];
    const plan = intervalPlan(1000, { expectedGbps: 1, maxLatencyMs: 10 });
    for (let i = 0; i < 3; i++) {
      const s = await sink({ host: HOST, port: server.tcp.port }, "tcp", {
        durationMs: 1500,
        warmupMs: 500,
        writeSize: 1024 * 1024,
        progressEvery: 1024 * 1024,
      });
      sustained.push((s.windowBytes * 8) / 1e9 / s.windowSeconds);
      for (let j = 0; j < 3; j++) {
        const b = await burst(
          { host: HOST, port: server.tcp.port },
          { durationMs: plan.burstMs, maxBytes: plan.burstBytes, timeoutMs: 5000 },
        );
        bursts.push(b.gbps);
      }
    }
    const ref = median(sustained);
    console.log(`| suite-style sustained sink, 2 s (reference) | ${ref.toFixed(2)} | 1.00 |`);
    console.log(
      `| monitor burst, ${plan.burstMs} ms, ≤ ${(plan.burstBytes / 1e6).toFixed(0)} MB | ${median(bursts).toFixed(2)} | ${(median(bursts) / ref).toFixed(2)} |`,
    );

    console.log("\n| responder drops every k-th | probes | measured loss | expected 1/k | ratio |");
    console.log("|---|---|---|---|---|");
    for (const k of [2, 5, 10, 50]) {
      const responder = await startProbeResponder({ host: HOST, dropEvery: k });
      const prober = await UdpProber.open({ host: HOST, port: responder.address.port });
      let sent = 0;
      let lost = 0;
      for (let i = 0; i < 10; i++) {
        const batch = await prober.batch(20, 1, 100);
        sent += batch.sent;
        lost += batch.lost;
      }
      prober.close();
      await responder.close();
      const loss = lost / sent;
      console.log(
        `| ${k} | ${sent} | ${(loss * 100).toFixed(2)} % | ${(100 / k).toFixed(2)} % | ${(loss * k).toFixed(3)} |`,
      );
    }
  } finally {
    await server.close();
  }
}
