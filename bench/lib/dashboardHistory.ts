/**
 * A history for the dashboard's test and bench: `benchmarks` × 3 metrics (time, cpu,
 * throughput) × `runs` runs of 5 rounds on simulated hosted-runner noise, with every
 * `stepEvery`-th benchmark slowed by `step` from run `stepAt` on (all three metrics), so the
 * site has change points at a known run.
 */
import { createHash } from "node:crypto";
import { HISTORY_SCHEMA, type History, RESULTS_SCHEMA } from "../../src/model/types.js";
import { HOSTED_RUNNER_NOISE, simulateRun } from "./noise.js";
import { createRandom } from "./random.js";

export interface DashboardHistoryOptions {
  benchmarks: number;
  runs: number;
  stepAt: number;
  stepEvery?: number;
  step?: number;
  seed?: number;
  suite?: string;
}

const ROUNDS = 5;

/** A 40-hex commit id per run, as git's look (distinct in their first 7 characters). */
export function commitOf(run: number): string {
  return createHash("sha1").update(`run ${run}`).digest("hex");
}

export function dashboardHistory(o: DashboardHistoryOptions): History {
  const random = createRandom(o.seed ?? 1);
  const every = o.stepEvery ?? 10;
  const step = o.step ?? 1.3;
  const truth = Array.from({ length: o.benchmarks }, () => 0.0005 + random.next() * 0.02);
  return {
    schema: HISTORY_SCHEMA,
    suite: o.suite ?? "scale",
    runs: Array.from({ length: o.runs }, (_, r) => ({
      schema: RESULTS_SCHEMA,
      suite: o.suite ?? "scale",
      commit: commitOf(r),
      ref: "refs/heads/main",
      timestamp: new Date(Date.UTC(2026, 10, 1) + r * 3_600_000).toISOString(),
      environment: { os: "Linux", cpus: 2 },
      benchmarks: truth.map((t, b) => {
        const slow = b % every === 0 && r >= o.stepAt ? step : 1;
        const time = simulateRun(HOSTED_RUNNER_NOISE, random, ROUNDS, t * slow);
        const cpu = simulateRun(HOSTED_RUNNER_NOISE, random, ROUNDS, t * 0.9 * slow);
        return {
          name: `group-${b % 7}/bench-${b}`,
          metrics: {
            time: { unit: "s", direction: "lower" as const, samples: time },
            cpu: { unit: "s", direction: "lower" as const, samples: cpu },
            throughput: {
              unit: "ops/s",
              direction: "higher" as const,
              samples: time.map((x) => 1 / x),
            },
          },
        };
      }),
    })),
  };
}
