/**
 * How much reading a baseline history costs on top of JSON.parse: schema validation (ajv),
 * the finite/negative/duplicate checks and unit normalisation, for 30-run histories of 1k,
 * 3k and 10k benchmarks × 3 metrics × 5 rounds. The reference is JSON.parse of the same
 * text, measured in the same process, so the ratio survives a slow or busy machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readResults } from "../src/collect/read.js";

const RUNS = 30;
const ROUNDS = 5;
const REPEATS = 3;

function history(benchmarks: number): string {
  const run = (i: number) => ({
    schema: "perfgate/results/v1",
    suite: "scale",
    commit: `c${i}`,
    timestamp: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
    environment: {},
    benchmarks: Array.from({ length: benchmarks }, (_, b) => ({
      name: `group-${b % 50}/bench-${b}`,
      metrics: {
        time: { unit: "s", direction: "lower", samples: Array(ROUNDS).fill(0.001 + b * 1e-9) },
        throughput: { unit: "Gbit/s", direction: "higher", samples: Array(ROUNDS).fill(9.4) },
        memory: { unit: "B", direction: "lower", samples: Array(ROUNDS).fill(1048576) },
      },
    })),
  });
  return JSON.stringify({
    schema: "perfgate/history/v1",
    suite: "scale",
    runs: Array.from({ length: RUNS }, (_, i) => run(i)),
  });
}

/** Best of REPEATS, in milliseconds: the least disturbed measurement. */
async function best(fn: () => unknown): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    await fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "perfgate-read-bench-"));
  try {
    console.log("| benchmarks | file size | JSON.parse | readResults | ratio |");
    console.log("|---:|---:|---:|---:|---:|");
    for (const size of [1_000, 3_000, 10_000]) {
      const text = history(size);
      const file = join(dir, `history-${size}.json`);
      writeFileSync(file, text);
      const parse = await best(() => JSON.parse(text));
      const read = await best(() => readResults(file));
      const mib = (text.length / 1024 / 1024).toFixed(1);
      console.log(
        `| ${size} | ${mib} MiB | ${parse.toFixed(0)} ms | ${read.toFixed(0)} ms | ${(read / parse).toFixed(1)}× |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
