/**
 * The shared view every model works from: for each benchmark and metric, its samples in
 * each run (or file), kept apart so that a run's median is a run's median.
 */
import { seriesOfViews } from "../model/historyColumns.js";
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

/**
 * Every benchmark/metric in the files, in first-seen order; with `keep`, only benchmarks
 * it keeps. A history read from its compact form is already one column per benchmark
 * metric, and is read as such (historyColumns.ts). Otherwise looked up by benchmark then
 * metric (no key string per file and metric: 10,000 benchmarks × 30 runs is 900,000).
 */
export function collectRuns(
  files: readonly Results[],
  keep?: (benchmark: string) => boolean,
): Map<string, MetricRuns> {
  const out = new Map<string, MetricRuns>();
  const columns = seriesOfViews(files, keep);
  if (columns) {
    for (const c of columns) out.set(keyOf(c.benchmark, c.metric), c);
    return out;
  }
  const byBenchmark = new Map<string, Map<string, MetricRuns>>();
  files.forEach((file, index) => {
    for (const bench of file.benchmarks ?? []) {
      if (keep && !keep(bench.name)) continue;
      let metrics = byBenchmark.get(bench.name);
      if (!metrics) {
        metrics = new Map();
        byBenchmark.set(bench.name, metrics);
      }
      for (const metric in bench.metrics ?? {}) {
        const m = bench.metrics[metric];
        if (!m) continue;
        let entry = metrics.get(metric);
        if (!entry) {
          entry = {
            benchmark: bench.name,
            metric,
            unit: m.unit,
            direction: m.direction,
            runs: new Array(files.length),
          };
          metrics.set(metric, entry);
          out.set(keyOf(bench.name, metric), entry);
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
