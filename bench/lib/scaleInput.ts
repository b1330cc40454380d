/**
 * A large, realistic comparison input for the scale benchmark: `benchmarks` benchmarks × 3
 * metrics (time, throughput, heap), a `runs`-run history of 5 rounds each and one current run,
 * with the simulated hosted-runner noise and a known 1 % of benchmarks slowed by 30 % so the
 * report has findings, tables and charts to render, not only "unchanged".
 */
import type { CompareInput } from "../../src/analyze/types.js";
import { RESULTS_SCHEMA, type Results } from "../../src/model/types.js";
import { HOSTED_RUNNER_NOISE, simulateRun } from "./noise.js";
import { createRandom } from "./random.js";

const ROUNDS = 5;
/** Share of benchmarks given a real regression. */
const REGRESSED_SHARE = 0.01;

/**
 * A maker of runs of one `benchmarks`-benchmark suite: the same true values each time, fresh
 * noise per run, `slow(i)` the factor benchmark i is slowed by. For callers that need many
 * runs one at a time (10,000 benchmarks × 200 runs would not fit in memory at once).
 */
export function scaleRuns(
  benchmarks: number,
  seed = 1,
): (commit: string, slow?: (i: number) => number) => Results {
  const random = createRandom(seed);
  const names = Array.from({ length: benchmarks }, (_, i) => `suite-${i % 17}/bench-${i}`);
  const truth = names.map(() => 0.001 + random.next() * 0.01);
  return (commit, slow = () => 1) => ({
    schema: RESULTS_SCHEMA,
    suite: "scale",
    commit,
    timestamp: "2026-01-01T00:00:00Z",
    environment: { os: "Linux", cpus: 2 },
    benchmarks: names.map((name, i) => {
      const t = (truth[i] as number) * slow(i);
      return {
        name,
        metrics: {
          time: {
            unit: "s",
            direction: "lower",
            samples: simulateRun(HOSTED_RUNNER_NOISE, random, ROUNDS, t),
          },
          throughput: {
            unit: "op/s",
            direction: "higher",
            samples: simulateRun(HOSTED_RUNNER_NOISE, random, ROUNDS, t).map((x) => 1 / x),
          },
          heap: {
            unit: "B",
            direction: "lower",
            samples: simulateRun(HOSTED_RUNNER_NOISE, random, ROUNDS, 1e6 * t),
          },
        },
      };
    }),
  });
}

export function scaleInput(benchmarks: number, runs: number, seed = 1): CompareInput {
  const make = scaleRuns(benchmarks, seed);
  const regressedEvery = Math.round(1 / REGRESSED_SHARE);
  return {
    baseline: Array.from({ length: runs }, (_, r) => make(`base${r}`)),
    current: [make("head", (i) => (i % regressedEvery === 0 ? 1.3 : 1))],
    seed,
  };
}
