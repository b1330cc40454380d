/**
 * One round of the suite, run by the client: every scenario once, each giving one
 * observation per metric. Order matters a little: throughput first warms the send path
 * the transfers then use; latency and set-up, which barely load the CPU, come last.
 */
import type { Direction, WindowSummary } from "../../model/types.js";
import { median } from "../../util/quantiles.js";
import type { Endpoint, Transport } from "./connection.js";
import { serverInfo } from "./info.js";
import { roundTrips } from "./latency.js";
import { type Scenario, type SuitePlan, sizeLabel } from "./plan.js";
import { connectionSetup } from "./setup.js";
import { sink } from "./sink.js";
import { download } from "./source.js";
import { cpuSeconds, peakRssBytes } from "./usage.js";

export interface Observation {
  benchmark: string;
  metric: string;
  unit: string;
  direction: Direction;
  value: number;
  /** The measuring windows the value is the median of (throughput only). */
  windows?: WindowSummary;
}

export interface RoundOutcome {
  observations: Observation[];
  tls?: { protocol: string; cipher: string };
}

export const TRANSPORTS: Transport[] = ["tcp", "tls"];
const BITS_PER_BYTE = 8;
const GIGA = 1e9;

export async function runRound(
  endpoint: Endpoint,
  plan: SuitePlan,
  onStep: (name: string) => void = () => {},
): Promise<RoundOutcome> {
  const observations: Observation[] = [];
  const add = (benchmark: string, metric: string, unit: string, dir: Direction, value: number) =>
    observations.push({ benchmark, metric, unit, direction: dir, value });
  let tls: RoundOutcome["tls"];
  // A `perfgate serve --no-tls` has no TLS port: measure what it serves.
  const transports = TRANSPORTS.filter((t) => t === "tcp" || endpoint.tlsPort !== undefined);
  const wanted = (scenario: Scenario) => !plan.only || plan.only.includes(scenario);

  for (const transport of wanted("throughput") ? transports : []) {
    const name = `${transport}/throughput`;
    onStep(name);
    const before = await serverInfo(endpoint);
    const clientBefore = cpuSeconds();
    const outcome = await download(endpoint, transport, plan.throughput);
    const clientCpu = cpuSeconds() - clientBefore;
    const after = await serverInfo(endpoint);
    const serverCpu = after.cpuUser + after.cpuSystem - before.cpuUser - before.cpuSystem;
    tls ??= outcome.tls;
    const rates = outcome.windowRates;
    const gbps =
      ((rates.length > 0 ? median(rates) : outcome.windowBytes / outcome.windowSeconds) *
        BITS_PER_BYTE) /
      GIGA;
    observations.push({
      benchmark: name,
      metric: "throughput",
      unit: "Gbit/s",
      direction: "higher",
      value: gbps,
      ...(rates.length > 0 && { windows: windowSummary(rates, plan.throughput.windowMs) }),
    });
    // Both processes, over the whole connection (warm-up included: its bytes count too).
    const cpuPerGB = (clientCpu + serverCpu) / (outcome.receivedBytes / GIGA);
    add(name, "cpu", "s/GB", "lower", cpuPerGB);
  }

  for (const transport of wanted("transfer") ? transports : []) {
    for (const size of plan.transferSizes) {
      const name = `${transport}/transfer/${sizeLabel(size)}`;
      onStep(name);
      const outcome = await sink(endpoint, transport, {
        bytes: size,
        writeSize: plan.throughput.writeSize,
        progressEvery: 0,
      });
      tls ??= outcome.tls;
      add(name, "time", "s", "lower", outcome.seconds);
      add(name, "time-with-setup", "s", "lower", outcome.secondsWithSetup);
    }
  }

  for (const transport of wanted("latency") ? transports : []) {
    const name = `${transport}/latency`;
    onStep(name);
    const outcome = await roundTrips(endpoint, transport, plan.latency);
    for (const p of ["p50", "p95", "p99", "p999"] as const) add(name, p, "s", "lower", outcome[p]);
  }

  for (const transport of wanted("connect") ? transports : []) {
    const name = `${transport}/connect`;
    onStep(name);
    const outcome = await connectionSetup(endpoint, transport, plan.setup[transport]);
    add(name, "time", "s", "lower", outcome.time);
    add(name, "rate", "conn/s", "higher", outcome.rate);
  }

  const server = await serverInfo(endpoint);
  add("process/peak-memory", "server", "B", "lower", server.maxRss);
  add("process/peak-memory", "client", "B", "lower", peakRssBytes());
  return { observations, tls };
}

/** How many windows, how long, and their spread: (max − min) / median of their rates. */
function windowSummary(rates: readonly number[], windowMs: number): WindowSummary {
  const middle = median(rates);
  const spread = middle > 0 ? (Math.max(...rates) - Math.min(...rates)) / middle : 0;
  return { count: rates.length, seconds: windowMs / 1000, spread: Number(spread.toFixed(4)) };
}
