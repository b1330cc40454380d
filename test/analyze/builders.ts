/** Small builders for results files in the analysis tests. */
import { createRandom, type Random } from "../../src/analyze/random.js";
import type { Direction, Results } from "../../src/model/types.js";

export interface MetricSpec {
  benchmark?: string;
  metric?: string;
  unit?: string;
  direction?: Direction;
  samples: number[];
}

export function results(
  metrics: MetricSpec[],
  commit?: string,
  environment: Results["environment"] = {},
): Results {
  const benchmarks = new Map<string, Results["benchmarks"][number]>();
  for (const m of metrics) {
    const name = m.benchmark ?? "parse/json";
    const bench = benchmarks.get(name) ?? { name, metrics: {} };
    bench.metrics[m.metric ?? "time"] = {
      unit: m.unit ?? "s",
      direction: m.direction ?? "lower",
      samples: m.samples,
    };
    benchmarks.set(name, bench);
  }
  return {
    schema: "perfgate/results/v1",
    suite: "unit",
    commit,
    timestamp: "2026-11-27T00:00:00Z",
    environment,
    benchmarks: [...benchmarks.values()],
  };
}

/** `rounds` samples around `centre` with relative round noise `cv`. */
export function rounds(rng: Random, centre: number, cv: number, count = 5): number[] {
  return Array.from({ length: count }, () => centre * Math.exp(cv * rng.normal()));
}

export interface HistorySpec {
  runs?: number;
  /** Between-run relative noise (log SD). */
  runCv?: number;
  roundCv?: number;
  centre?: number;
  direction?: Direction;
  unit?: string;
  seed?: number;
}

/** A baseline history of one metric: each run's level drawn around `centre`. */
export function history(spec: HistorySpec = {}): { baseline: Results[]; rng: Random } {
  const rng = createRandom(spec.seed ?? 42);
  const {
    runs = 20,
    runCv = 0.02,
    roundCv = 0.01,
    centre = 1,
    direction = "lower",
    unit = "s",
  } = spec;
  const baseline = Array.from({ length: runs }, (_, i) => {
    const level = centre * Math.exp(runCv * rng.normal());
    return results(
      [{ samples: rounds(rng, level, roundCv), direction, unit }],
      `c${String(i).padStart(7, "0")}`,
    );
  });
  return { baseline, rng };
}
