/**
 * perfgate's TCP throughput against iperf3's on the same loopback, the same placement
 * (server on the second allowed CPU, client on the first, with taskset) and the same 1 MiB
 * writes. perfgate's figure is the median of its 250 ms steady-state windows, so iperf3's
 * is the median of its 250 ms intervals (`-i 0.25`) after the same warm-up (bench/lib/iperf3.ts);
 * its mean over the whole run is shown beside it. Both tools are measured alike.
 *
 * Each pair is four runs in ABBA order (iperf3, perfgate, perfgate, iperf3; the next pair
 * the reverse), and a tool's figure in the pair is the mean of its two runs: a machine
 * whose speed drifts within the pair then shifts both tools alike, and each figure rests
 * on two connections rather than one (a single run's figure swung 24–40 Gbit/s for iperf3
 * alone on the idle machine). The per-pair ratio is the figure to quote. Target: ≥ 0.9,
 * and per-pair ratios within ±10 % of their median.
 * CPU seconds per GB (both processes) is also compared: on a busy machine it is steadier
 * than Gbit/s, and a loopback transfer is CPU-bound, so it predicts the idle ratio.
 *
 *     npm run bench -- throughput        (PERFGATE_BENCH_PAIRS, PERFGATE_BENCH_SECONDS per run;
 *                                        PERFGATE_BENCH_QUICK=0, PERFGATE_BENCH_SCALING=0 skip parts)
 */
import os from "node:os";
import { allowedCpus, choosePlacement } from "../src/collect/throughput/placement.js";
import { DEFAULT_PLAN } from "../src/collect/throughput/plan.js";
import { runThroughputSuite } from "../src/collect/throughput/suite.js";
import { median } from "../src/util/quantiles.js";
import { hasIperf3, iperf3CpuPerGB, iperf3MedianIntervalGbps, runIperf3 } from "./lib/iperf3.js";
import { quickComparison } from "./lib/quickIperf.js";
import { scalingComparison } from "./lib/scalingIperf.js";

const PAIRS = Number(process.env.PERFGATE_BENCH_PAIRS ?? 5);
/** Each run; a pair has two runs of each tool, so 3 s of windows per tool per pair. */
const SECONDS = Number(process.env.PERFGATE_BENCH_SECONDS ?? 1.5);
const WARMUP_SECONDS = 0.5;
const WRITE_SIZE = 1024 * 1024;

interface Trial {
  gbps: number;
  /** iperf3: its mean over the whole run (warm-up included); perfgate: its windows' spread. */
  other?: number;
  /** CPU seconds (user + system, both processes) per GB moved. */
  cpuPerGB: number;
}

/** One iperf3 trial: its receiver-side Gbit/s (decimal), warm-up omitted like ours. */
async function iperf3(server: string[], client: string[]): Promise<Trial> {
  const report = await runIperf3({
    server,
    client,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    writeSize: WRITE_SIZE,
    // server sends, client receives: the direction of perfgate's throughput trial
    extra: ["-R"],
  });
  const received = report.end?.sum_received;
  const cpu = report.end?.cpu_utilization_percent;
  if (received?.bits_per_second === undefined || !received.bytes || !received.seconds || !cpu)
    throw new Error(`iperf3 failed: ${report.error ?? report.stderr}`);
  return {
    gbps: iperf3MedianIntervalGbps(report, WARMUP_SECONDS, SECONDS),
    other: received.bits_per_second / 1e9,
    cpuPerGB: iperf3CpuPerGB(report),
  };
}

async function perfgate(): Promise<Trial> {
  const results = await runThroughputSuite({
    rounds: 1,
    plan: {
      only: ["throughput"],
      throughput: {
        ...DEFAULT_PLAN.throughput,
        warmupMs: WARMUP_SECONDS * 1000,
        durationMs: SECONDS * 1000,
        windowMs: 250,
        writeSize: WRITE_SIZE,
        readSize: WRITE_SIZE,
      },
    },
  });
  const tcp = results.benchmarks.find((b) => b.name === "tcp/throughput");
  const gbps = tcp?.metrics.throughput?.samples[0];
  const cpuPerGB = tcp?.metrics.cpu?.samples[0];
  if (gbps === undefined || cpuPerGB === undefined)
    throw new Error("the suite gave no tcp/throughput");
  return { gbps, cpuPerGB, other: tcp?.metrics.throughput?.windows?.[0]?.spread };
}

/** A tool's figure in one pair: the mean of its two runs (each a median of windows). */
function meanTrial(runs: Trial[]): Trial {
  const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const others = runs.map((r) => r.other).filter((x): x is number => x !== undefined);
  return {
    gbps: mean(runs.map((r) => r.gbps)),
    cpuPerGB: mean(runs.map((r) => r.cpuPerGB)),
    ...(others.length === runs.length && { other: mean(others) }),
  };
}

/** The 1-minute load average: every figure here is read beside it. */
export const load = () => (os.loadavg()[0] ?? 0).toFixed(2);

export default async function (): Promise<void> {
  const placement = choosePlacement(allowedCpus());
  const withIperf = hasIperf3();
  console.log(
    `Loopback TCP, 1 MiB writes, runs of ${SECONDS} s after ${WARMUP_SECONDS} s warm-up, placement: ${placement.description}. Both tools are measured alike: each run's figure is the median of its 250 ms windows after the warm-up (iperf3: its \`-i 0.25\` intervals after the same warm-up), and a pair is four runs in ABBA order, each tool's figure the mean of its two.\n`,
  );
  if (!withIperf) console.log("iperf3 is not installed here: its rows are skipped.\n");
  console.log(
    "| pair | iperf3 Gbit/s (median 250 ms, 2 runs) | iperf3 whole-run mean | perfgate Gbit/s (median 250 ms, 2 runs) | perfgate windows' spread | perfgate / iperf3 | iperf3 CPU s/GB | perfgate CPU s/GB | iperf3 / perfgate CPU | load |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  const theirs: Trial[] = [];
  const ours: Trial[] = [];
  const cell = (x: number | undefined) => (x === undefined ? "–" : x.toFixed(2));
  const row = (label: string, a: Trial | undefined, b: Trial) =>
    console.log(
      `| ${label} | ${cell(a?.gbps)} | ${cell(a?.other)} | ${cell(b.gbps)} | ${cell(b.other)} | ${cell(a && b.gbps / a.gbps)} | ${cell(a?.cpuPerGB)} | ${cell(b.cpuPerGB)} | ${cell(a && a.cpuPerGB / b.cpuPerGB)} | ${load()} |`,
    );
  const theirRun = async () =>
    withIperf ? await iperf3(placement.server, placement.client) : undefined;
  for (let pair = 1; pair <= PAIRS; pair++) {
    // (PERFGATE_BENCH_PAIRS=0 skips this part.)
    // ABBA within the pair, and the next pair BAAB: whichever runs first gets the other's
    // leftovers (page cache, a neighbour's burst), and a drift within the pair cancels.
    const a: (Trial | undefined)[] = [];
    const b: Trial[] = [];
    if (pair % 2 === 1) {
      a.push(await theirRun());
      b.push(await perfgate(), await perfgate());
      a.push(await theirRun());
    } else {
      b.push(await perfgate());
      a.push(await theirRun(), await theirRun());
      b.push(await perfgate());
    }
    const theirPair = a.every((t) => t !== undefined) ? meanTrial(a as Trial[]) : undefined;
    const ourPair = meanTrial(b);
    if (theirPair) theirs.push(theirPair);
    ours.push(ourPair);
    row(String(pair), theirPair, ourPair);
  }
  const medianTrial = (trials: Trial[]): Trial => ({
    gbps: median(trials.map((t) => t.gbps)),
    cpuPerGB: median(trials.map((t) => t.cpuPerGB)),
  });
  if (ours.length)
    row("**median**", theirs.length ? medianTrial(theirs) : undefined, medianTrial(ours));
  const pairRatios = theirs.map((t, i) => (ours[i] as Trial).gbps / t.gbps);
  if (pairRatios.length) {
    const m = median(pairRatios);
    const spread = Math.max(...pairRatios.map((r) => Math.abs(r / m - 1)));
    console.log(
      `\nPer-pair throughput ratios ${Math.min(...pairRatios).toFixed(2)}–${Math.max(...pairRatios).toFixed(2)}, median ${m.toFixed(2)} (target ≥ 0.90), spread ±${(spread * 100).toFixed(0)} % around it (target ±10 %). Load average at the end: ${load()}.`,
    );
  }
  // `perfgate throughput --quick` beside a 3 s iperf3 run (bench/lib/quickIperf.ts).
  if (process.env.PERFGATE_BENCH_QUICK !== "0") await quickComparison();
  // N concurrent connections beside iperf3 -P N (bench/lib/scalingIperf.ts).
  if (process.env.PERFGATE_BENCH_SCALING !== "0") await scalingComparison();
}
