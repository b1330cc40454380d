/**
 * The shared view every model works from: for each benchmark and metric, its samples in
 * each run (or file), kept apart so that a run's median is a run's median.
 */
import type { Direction, Results } from "../model/types.js";

export interface MetricRuns {
  benchmark: string;
  metric: string;
  unit: string;
  direction: Direction;
  /** One entry per input file, in input order; undefined where the file lacks the metric. */
  runs: (readonly number[] | undefined)[];
}

export function keyOf(benchmark: string, metric: string): string {
  return `${benchmark}\u0000${metric}`;
}

/** Every benchmark/metric in the files, in first-seen order. */
export function collectRuns(files: readonly Results[]): Map<string, MetricRuns> {
  const out = new Map<string, MetricRuns>();
  files.forEach((file, index) => {
    for (const bench of file.benchmarks ?? []) {
      for (const [metric, m] of Object.entries(bench.metrics ?? {})) {
        const key = keyOf(bench.name, metric);
        let entry = out.get(key);
        if (!entry) {
          entry = {
            benchmark: bench.name,
            metric,
            unit: m.unit,
            direction: m.direction,
            runs: files.map(() => undefined),
          };
          out.set(key, entry);
        }
        entry.runs[index] = m.samples ?? [];
      }
    }
  });
  return out;
}

/** Samples a statistic can use: finite and not negative (the rest become flags). */
export function usable(samples: readonly number[]): number[] {
  return samples.filter((v) => Number.isFinite(v) && v >= 0);
}
