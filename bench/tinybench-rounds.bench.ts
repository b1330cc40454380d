/**
 * What a fresh process per tinybench round costs and buys. Reference: the same bench file's
 * rounds run in this one process (a new Bench each round). Fresh: `perfgate internal
 * tinybench-round` per round, as `perfgate run` does. Figures are ratios against the
 * reference measured here, in this script, on this machine.
 */
import { fileURLToPath } from "node:url";
import { Bench, type BenchOptions } from "tinybench";
import { runRound } from "../src/collect/tinybench/collect.js";
import { median } from "../src/util/quantiles.js";

const FILE = fileURLToPath(new URL("../fixtures/tinybench/strings.bench.mjs", import.meta.url));
const ROUNDS = 8;

const cv = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
  return sd / mean;
};

interface Side {
  wallMs: number[];
  medians: Record<string, number[]>;
}

async function inProcess(): Promise<Side> {
  const mod = (await import(FILE)) as {
    default: (b: Bench) => void;
    options: BenchOptions;
  };
  const side: Side = { wallMs: [], medians: {} };
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    const bench = new Bench(mod.options);
    mod.default(bench);
    await bench.run();
    side.wallMs.push(performance.now() - started);
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== "completed") throw new Error(`${task.name}: ${result.state}`);
      const list = side.medians[task.name] ?? [];
      list.push(result.latency.p50);
      side.medians[task.name] = list;
    }
  }
  return side;
}

async function freshProcesses(): Promise<Side> {
  const side: Side = { wallMs: [], medians: {} };
  for (let r = 0; r < ROUNDS; r++) {
    const started = performance.now();
    const tasks = await runRound(FILE);
    side.wallMs.push(performance.now() - started);
    for (const task of tasks) {
      const list = side.medians[task.name] ?? [];
      list.push(task.latencyMedianMs);
      side.medians[task.name] = list;
    }
  }
  return side;
}

export default async function (): Promise<void> {
  // Alternate the two so drift of a shared machine hits both alike.
  const reference = await inProcess();
  const fresh = await freshProcesses();
  const f = (x: number, d = 2) => x.toFixed(d);
  console.log(
    `${ROUNDS} rounds of fixtures/tinybench/strings.bench.mjs (2 tasks, 60 ms budget each)\n`,
  );
  console.log("| measure | in one process (reference) | fresh process per round | ratio |");
  console.log("|---|---|---|---|");
  const refWall = median(reference.wallMs);
  const freshWall = median(fresh.wallMs);
  console.log(
    `| wall time per round, median | ${f(refWall, 0)} ms | ${f(freshWall, 0)} ms | ${f(freshWall / refWall)}x |`,
  );
  for (const task of Object.keys(reference.medians)) {
    const a = reference.medians[task] ?? [];
    const b = fresh.medians[task] ?? [];
    console.log(
      `| ${task}: median latency | ${f(median(a) * 1e6, 0)} ns | ${f(median(b) * 1e6, 0)} ns | ${f(median(b) / median(a))}x |`,
    );
    console.log(
      `| ${task}: CV between rounds | ${f(cv(a) * 100, 1)} % | ${f(cv(b) * 100, 1)} % | ${f(cv(b) / cv(a))}x |`,
    );
  }
}
