/**
 * The scaling part of the throughput bench: perfgate's aggregate Gbit/s with N concurrent
 * TCP connections (the scaling scenario, client → server) beside iperf3 `-P N` in the same
 * direction, with the same write size and placement. iperf3 caps `-P` at 128 streams, so
 * above that only perfgate's figure is shown. Trials alternate their order per N (ABBA)
 * so the machine's drift hits both alike; the ratio is perfgate / iperf3 at the same N.
 *
 *     npm run bench -- throughput        (PERFGATE_BENCH_SCALING=0 skips this part)
 */
import { allowedCpus, choosePlacement } from "../../src/collect/throughput/placement.js";
import { SCALING_WRITE_SIZE } from "../../src/collect/throughput/scalingPlan.js";
import { runScalingSuite } from "../../src/collect/throughput/scalingSuite.js";
import { hasIperf3, runIperf3 } from "./iperf3.js";

const NS = [1, 10, 100, 128, 500, 1000];
/** iperf3 refuses more parallel streams than this (its `-P` limit). */
const IPERF3_MAX_STREAMS = 128;
const SECONDS = Number(process.env.PERFGATE_BENCH_SCALING_SECONDS ?? 2);
const WARMUP_SECONDS = 0.5;

/** iperf3 -P n, client sending (as perfgate's scaling trial): receiver-side Gbit/s. */
async function iperf3(n: number, server: string[], client: string[]): Promise<number> {
  const report = await runIperf3({
    server,
    client,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    writeSize: SCALING_WRITE_SIZE.tcp,
    extra: ["-P", String(n)],
  });
  const bps = report.end?.sum_received?.bits_per_second;
  if (bps === undefined) throw new Error(`iperf3 -P ${n} failed: ${report.error ?? report.stderr}`);
  return bps / 1e9;
}

async function perfgate(n: number): Promise<{ gbps: number; fairness: number; success: number }> {
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
  const get = (name: string) => metrics?.[name]?.samples[0];
  const gbps = get("throughput");
  if (gbps === undefined) throw new Error(`no tcp/scaling/n=${n}: ${results.notes?.join("; ")}`);
  return { gbps, fairness: get("fairness") ?? Number.NaN, success: get("success") ?? Number.NaN };
}

export async function scalingComparison(): Promise<void> {
  const placement = choosePlacement(allowedCpus());
  const withIperf = hasIperf3();
  console.log(
    `\n### Aggregate throughput with N concurrent TCP connections\n\nClient → server, ${SCALING_WRITE_SIZE.tcp / 1024} KiB writes, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up, placement: ${placement.description}; iperf3 -P caps at ${IPERF3_MAX_STREAMS}.\n`,
  );
  console.log(
    "| N | iperf3 -P N Gbit/s | perfgate Gbit/s | perfgate / iperf3 | perfgate fairness | perfgate success |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|");
  const cell = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "–" : x.toFixed(2));
  for (const [i, n] of NS.entries()) {
    const compare = withIperf && n <= IPERF3_MAX_STREAMS;
    let theirs: number | undefined;
    let ours: Awaited<ReturnType<typeof perfgate>>;
    if (i % 2 === 0) {
      theirs = compare ? await iperf3(n, placement.server, placement.client) : undefined;
      ours = await perfgate(n);
    } else {
      ours = await perfgate(n);
      theirs = compare ? await iperf3(n, placement.server, placement.client) : undefined;
    }
    console.log(
      `| ${n} | ${cell(theirs)} | ${cell(ours.gbps)} | ${cell(theirs && ours.gbps / theirs)} | ${cell(ours.fairness)} | ${cell(ours.success)} |`,
    );
  }
}
