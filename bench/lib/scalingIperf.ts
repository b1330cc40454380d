/**
 * The scaling part of the throughput bench: perfgate's aggregate Gbit/s with N concurrent
 * TCP connections (the scaling scenario: the server sends, every client connection
 * receives) beside `iperf3 -P N -R` in the same direction, with the same 1 MiB writes and
 * reads and the same placement. iperf3 caps `-P` at 128 streams, so above that only
 * perfgate's figure is shown. Each N runs PAIRS pairs, alternating their order (ABBA) so
 * the machine's drift hits both alike; the ratio is perfgate / iperf3 at the same N (the
 * median of the pairs' ratios), and CPU seconds per GB (both processes) beside it.
 *
 *     npm run bench -- throughput   (PERFGATE_BENCH_SCALING=0 skips this part;
 *                                    PERFGATE_BENCH_SCALING_PAIRS, default 2;
 *                                    PERFGATE_BENCH_SCALING_N, default 1,10,100,128,500,1000)
 */
import os from "node:os";
import { allowedCpus, choosePlacement } from "../../src/collect/throughput/placement.js";
import { SCALING_WRITE_SIZE } from "../../src/collect/throughput/scalingPlan.js";
import { runScalingSuite } from "../../src/collect/throughput/scalingSuite.js";
import { median } from "../../src/util/quantiles.js";
import { hasIperf3, iperf3CpuPerGB, iperf3SteadyGbps, runIperf3 } from "./iperf3.js";

const NS = (process.env.PERFGATE_BENCH_SCALING_N ?? "1,10,100,128,500,1000").split(",").map(Number);
/** iperf3 refuses more parallel streams than this (its `-P` limit). */
const IPERF3_MAX_STREAMS = 128;
const SECONDS = Number(process.env.PERFGATE_BENCH_SCALING_SECONDS ?? 2);
const PAIRS = Number(process.env.PERFGATE_BENCH_SCALING_PAIRS ?? 2);
const WARMUP_SECONDS = 0.5;

interface Figure {
  gbps: number;
  cpuPerGB: number;
}

/** iperf3 -P n -R (server sends, as perfgate's TCP scaling trial): receiver-side Gbit/s. */
async function iperf3(n: number, server: string[], client: string[]): Promise<Figure> {
  const report = await runIperf3({
    server,
    client,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    writeSize: SCALING_WRITE_SIZE.tcp,
    extra: ["-P", String(n), "-R"],
  });
  const bps = report.end?.sum_received?.bits_per_second;
  if (bps === undefined) throw new Error(`iperf3 -P ${n} failed: ${report.error ?? report.stderr}`);
  // Bytes over time after the warm-up, as perfgate's window (its intervals, iperf3.ts).
  return {
    gbps: iperf3SteadyGbps(report, WARMUP_SECONDS, SECONDS),
    cpuPerGB: iperf3CpuPerGB(report),
  };
}

async function perfgate(n: number): Promise<Figure & { fairness: number; success: number }> {
  const results = await runScalingSuite({
    connections: [n],
    scalingPlan: {
      rounds: 1,
      transports: ["tcp"],
      warmupMs: WARMUP_SECONDS * 1000,
      durationMs: SECONDS * 1000,
    },
  });
  const metrics = results.benchmarks.find((b) => b.name === `tcp/scaling/n=${n}`)?.metrics;
  const get = (name: string) => metrics?.[name]?.samples[0] ?? Number.NaN;
  const gbps = get("throughput");
  if (Number.isNaN(gbps)) throw new Error(`no tcp/scaling/n=${n}: ${results.notes?.join("; ")}`);
  return { gbps, cpuPerGB: get("cpu"), fairness: get("fairness"), success: get("success") };
}

export async function scalingComparison(): Promise<void> {
  const placement = choosePlacement(allowedCpus());
  const withIperf = hasIperf3();
  console.log(
    `\n### Aggregate throughput with N concurrent TCP connections\n\nServer → client, ${SCALING_WRITE_SIZE.tcp / 1024} KiB writes and reads, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up, ${PAIRS} pairs per N (ABBA), placement: ${placement.description}; iperf3 -P caps at ${IPERF3_MAX_STREAMS}.\n`,
  );
  console.log(
    "| N | iperf3 -P N -R Gbit/s | perfgate Gbit/s | perfgate / iperf3 (pairs) | iperf3 CPU s/GB | perfgate CPU s/GB | iperf3 / perfgate CPU | fairness | success | load |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  const cell = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "–" : x.toFixed(2));
  let order = 0;
  for (const n of NS) {
    const compare = withIperf && n <= IPERF3_MAX_STREAMS;
    const theirs: Figure[] = [];
    const ours: Awaited<ReturnType<typeof perfgate>>[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      if (order++ % 2 === 0) {
        if (compare) theirs.push(await iperf3(n, placement.server, placement.client));
        ours.push(await perfgate(n));
      } else {
        ours.push(await perfgate(n));
        if (compare) theirs.push(await iperf3(n, placement.server, placement.client));
      }
    }
    const med = (xs: number[]) => (xs.length ? median(xs) : undefined);
    const ratios = theirs.map((t, i) => (ours[i]?.gbps ?? Number.NaN) / t.gbps);
    const ratioCell = ratios.length
      ? `${cell(med(ratios))} (${ratios.map((r) => r.toFixed(2)).join(", ")})`
      : "–";
    const theirCpu = med(theirs.map((t) => t.cpuPerGB));
    const ourCpu = med(ours.map((o) => o.cpuPerGB));
    console.log(
      `| ${n} | ${cell(med(theirs.map((t) => t.gbps)))} | ${cell(med(ours.map((o) => o.gbps)))} | ${ratioCell} | ${cell(theirCpu)} | ${cell(ourCpu)} | ${cell(theirCpu && ourCpu && theirCpu / ourCpu)} | ${cell(med(ours.map((o) => o.fairness)))} | ${cell(med(ours.map((o) => o.success)))} | ${(os.loadavg()[0] ?? 0).toFixed(2)} |`,
    );
  }
}
