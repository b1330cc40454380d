/** Made-up rounds for the sampler tests: one benchmark, one time metric, one sample. */

import type { Side } from "../../src/ab/sampler.js";
import { createRandom } from "../../src/analyze/random.js";
import type { Results } from "../../src/model/types.js";

export function round(seconds: number): Results {
  return {
    schema: "perfgate/results/v1",
    suite: "unit",
    timestamp: "2026-11-27T00:00:00Z",
    environment: {},
    benchmarks: [
      {
        name: "work/spin",
        metrics: { time: { unit: "s", direction: "lower", samples: [seconds] } },
      },
    ],
  };
}

/**
 * A runner whose head is `ratio` times the base, with a drift shared by both rounds of a
 * pair (what same-runner pairing cancels) and independent round noise `cv`.
 */
export function simulatedRunner(ratio: number, cv: number, seed: number, drift = 0.2) {
  const rng = createRandom(seed);
  const shared: number[] = [];
  return (side: Side, pair: number): Promise<Results> => {
    shared[pair] ??= 1 + drift * rng.normal();
    const level = Math.max(0.2, shared[pair] as number);
    const centre = side === "head" ? ratio : 1;
    return Promise.resolve(round(0.001 * centre * level * Math.exp(cv * rng.normal())));
  };
}
