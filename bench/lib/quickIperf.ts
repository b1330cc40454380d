/**
 * The quick-mode part of the throughput bench: `perfgate throughput --quick` (what
 * `npm start` runs: every scenario, the quick plan) beside a 3 s iperf3 run in the same
 * direction (server sends), same placement and 1 MiB writes. The pairs alternate their
 * order (ABBA). perfgate's figure is its tcp/throughput median over the quick rounds (each
 * the median of its 250 ms windows); iperf3's the median of its 250 ms intervals.
 *
 *     npm run bench -- throughput        (PERFGATE_BENCH_QUICK_PAIRS, default 2)
 */
import os from "node:os";
import { allowedCpus, choosePlacement } from "../../src/collect/throughput/placement.js";
import { runThroughputSuite } from "../../src/collect/throughput/suite.js";
import { median } from "../../src/util/quantiles.js";
import { hasIperf3, iperf3CpuPerGB, iperf3MedianIntervalGbps, runIperf3 } from "./iperf3.js";

const PAIRS = Number(process.env.PERFGATE_BENCH_QUICK_PAIRS ?? 2);
const IPERF3_SECONDS = 3;
const IPERF3_OMIT_SECONDS = 0.5;
const MiB = 1024 * 1024;

interface Figure {
  gbps: number;
  cpuPerGB: number;
}

async function iperf3(server: string[], client: string[]): Promise<Figure> {
  const report = await runIperf3({
    server,
    client,
    seconds: IPERF3_SECONDS,
    warmupSeconds: IPERF3_OMIT_SECONDS,
    writeSize: MiB,
    extra: ["-R"],
  });
  const bps = report.end?.sum_received?.bits_per_second;
  if (bps === undefined) throw new Error(`iperf3 failed: ${report.error ?? report.stderr}`);
  return {
    gbps: iperf3MedianIntervalGbps(report, IPERF3_OMIT_SECONDS, IPERF3_SECONDS),
    cpuPerGB: iperf3CpuPerGB(report),
  };
}

async function quick(): Promise<Figure & { seconds: number }> {
  const started = performance.now();
  const results = await runThroughputSuite({ quick: true });
  const seconds = (performance.now() - started) / 1000;
  const tcp = results.benchmarks.find((b) => b.name === "tcp/throughput")?.metrics;
  const gbps = tcp?.throughput?.samples;
  const cpu = tcp?.cpu?.samples;
  if (!gbps?.length || !cpu?.length) throw new Error("the quick run gave no tcp/throughput");
  return { gbps: median(gbps), cpuPerGB: median(cpu), seconds };
}

export async function quickComparison(): Promise<void> {
  if (!hasIperf3()) return void console.log("\niperf3 is not installed: no quick-mode rows.");
  const placement = choosePlacement(allowedCpus());
  console.log(
    `\n### Quick mode\n\n\`perfgate throughput --quick\` (all scenarios; its tcp/throughput median) beside \`iperf3 -R -i 0.25\`: the median of its intervals over ${IPERF3_SECONDS} s after ${IPERF3_OMIT_SECONDS} s of warm-up, as perfgate's windows after its own, 1 MiB writes, placement: ${placement.description}.\n`,
  );
  console.log(
    "| pair | iperf3 Gbit/s | quick Gbit/s | quick / iperf3 | iperf3 CPU s/GB | quick CPU s/GB | quick run s | load |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
  const cell = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "–");
  const ratios: number[] = [];
  for (let pair = 1; pair <= PAIRS; pair++) {
    let theirs: Figure;
    let ours: Awaited<ReturnType<typeof quick>>;
    if (pair % 2 === 1) {
      ours = await quick();
      theirs = await iperf3(placement.server, placement.client);
    } else {
      theirs = await iperf3(placement.server, placement.client);
      ours = await quick();
    }
    ratios.push(ours.gbps / theirs.gbps);
    console.log(
      `| ${pair} | ${cell(theirs.gbps)} | ${cell(ours.gbps)} | ${cell(ours.gbps / theirs.gbps)} | ${cell(theirs.cpuPerGB)} | ${cell(ours.cpuPerGB)} | ${ours.seconds.toFixed(1)} | ${(os.loadavg()[0] ?? 0).toFixed(2)} |`,
    );
  }
  console.log(`\nMedian quick / iperf3 ratio: ${median(ratios).toFixed(2)} (target ≥ 0.90).`);
}
