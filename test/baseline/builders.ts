import {
  HISTORY_SCHEMA,
  type History,
  RESULTS_SCHEMA,
  type Results,
} from "../../src/model/types.js";

/** A small deterministic results file: `n` benchmarks, `rounds` samples each around `centre`. */
export function results(
  opts: {
    suite?: string;
    commit?: string;
    n?: number;
    rounds?: number;
    centre?: number;
    timestamp?: string;
    name?: (i: number) => string;
  } = {},
): Results {
  const n = opts.n ?? 3;
  const rounds = opts.rounds ?? 5;
  const centre = opts.centre ?? 100;
  return {
    schema: RESULTS_SCHEMA,
    suite: opts.suite ?? "unit",
    ...(opts.commit ? { commit: opts.commit } : {}),
    timestamp: opts.timestamp ?? "2026-11-01T00:00:00.000Z",
    environment: { os: "linux", arch: "x64" },
    benchmarks: Array.from({ length: n }, (_, i) => ({
      name: opts.name ? opts.name(i) : `bench/${i}`,
      metrics: {
        time: {
          unit: "s",
          direction: "lower" as const,
          // ±1 % wobble, different per round and benchmark, so nothing is zero-variance.
          samples: Array.from(
            { length: rounds },
            (_, r) => centre * (1 + 0.01 * Math.sin(i * 7 + r * 3 + centre)),
          ),
        },
      },
    })),
  };
}

export function history(runs: Results[], suite = "unit"): History {
  return { schema: HISTORY_SCHEMA, suite, runs };
}

/** Destructures without `!`: a test asks only for as many runs as it made. */
type Runs = [Results, Results, Results, Results, Results, ...Results[]];

/** `count` baseline runs of distinct commits, oldest first, one hour apart. */
export function baselineRuns(count: number, opts: Parameters<typeof results>[0] = {}): Runs {
  return Array.from({ length: count }, (_, k) =>
    results({
      ...opts,
      commit: `c${String(k).padStart(39, "0")}`,
      timestamp: new Date(Date.UTC(2026, 10, 1, k)).toISOString(),
      centre: (opts.centre ?? 100) * (1 + 0.01 * Math.cos(k)),
    }),
  ) as Runs;
}
