/**
 * Rounds (or files) of the same suite become one results file: the same benchmark and
 * metric seen again adds its samples; a new one is appended in the order first seen. Never
 * changes its inputs.
 */
import type { Benchmark, Results } from "../model/types.js";
import { InputError } from "../util/errors.js";

/** One round's benchmarks and where they came from (for error messages). */
export interface Round {
  source: string;
  benchmarks: Benchmark[];
}

export function mergeRounds(rounds: Round[]): Benchmark[] {
  const merged = new Map<string, Benchmark>();
  for (const round of rounds) {
    for (const benchmark of round.benchmarks) {
      let into = merged.get(benchmark.name);
      if (!into) {
        into = { name: benchmark.name, metrics: {} };
        merged.set(benchmark.name, into);
      }
      for (const [name, metric] of Object.entries(benchmark.metrics)) {
        const known = into.metrics[name];
        if (!known) {
          into.metrics[name] = { ...metric, samples: [...metric.samples] };
          continue;
        }
        // Samples in different units or directions cannot share one distribution.
        if (known.unit !== metric.unit || known.direction !== metric.direction) {
          throw new InputError(
            `${benchmark.name} ${name} is in ${metric.unit} (${metric.direction} is better) here ` +
              `but ${known.unit} (${known.direction} is better) in an earlier round`,
            round.source,
          );
        }
        known.samples.push(...metric.samples);
      }
    }
  }
  return [...merged.values()];
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
