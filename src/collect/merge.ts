/**
 * Rounds (or files) of the same suite become one results file: the same benchmark and
 * metric seen again adds its samples; a new one is appended in the order first seen
 * (benchmarkSet.ts). Never changes its inputs.
 */
import type { Benchmark, Results } from "../model/types.js";
import { BenchmarkSet } from "./benchmarkSet.js";

/** One round's benchmarks and where they came from (for error messages). */
export interface Round {
  source: string;
  benchmarks: Benchmark[];
}

export function mergeRounds(rounds: Round[]): Benchmark[] {
  const merged = new BenchmarkSet();
  for (const round of rounds) {
    for (const benchmark of round.benchmarks) {
      for (const [name, metric] of Object.entries(benchmark.metrics))
        merged.addSamples(benchmark.name, name, metric, round.source);
    }
  }
  return merged.list();
}

/** One run with a second batch of its own rounds added (confirmation rounds): the first
 *  run's identity and environment, every metric's samples in the order they ran. */
export function withMoreRounds(first: Results, more: Results): Results {
  return {
    ...first,
    benchmarks: mergeRounds([
      { source: "first rounds", benchmarks: first.benchmarks },
      { source: "confirmation rounds", benchmarks: more.benchmarks },
    ]),
  };
}
