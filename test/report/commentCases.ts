/**
 * The cases the comment is drawn and measured for, built from results files through the
 * real compare(): 12 benchmarks, each measured as time, throughput (1/time, per round) and
 * memory, over a 20-run history of `main`. The rendering test and `npm run screenshots`
 * share them, so the screenshots in docs/ are of what the test measured.
 */
import { compare } from "../../src/analyze/compare.js";
import { createRandom, type Random } from "../../src/analyze/random.js";
import type { Report } from "../../src/analyze/types.js";
import type { Environment, Results } from "../../src/model/types.js";

export const BENCHMARKS = 12;
export const HISTORY_RUNS = 20;
const ROUNDS = 5;

const NAMES = [
  "parse/json",
  "parse/yaml",
  "parse/toml",
  "render/markdown",
  "render/html",
  "hash/sha256",
  "hash/xxhash",
  "compress/gzip",
  "compress/zstd",
  "sort/strings",
  "sort/numbers",
  "regex/email",
];

const EPYC: Environment = {
  os: "linux",
  arch: "x64",
  cpus: 4,
  cpuModel: "AMD EPYC 7763 64-Core Processor",
  node: "v24.1.0",
  runner: "GitHub Actions ubuntu-24.04",
};

function commitOf(rng: Random): string {
  return Array.from({ length: 40 }, () => Math.floor(rng.next() * 16).toString(16)).join("");
}

interface RunSpec {
  /** Per benchmark: the factor its time is multiplied by in this run. */
  slowdown: (benchmark: number) => number;
  /** Log SD between runs and between rounds. */
  runCv: number;
  roundCv: number;
}

function run(rng: Random, spec: RunSpec, commit: string, env: Environment, ref: string): Results {
  return {
    schema: "perfgate/results/v1",
    suite: "parsers",
    commit,
    ref,
    timestamp: "2026-12-07T12:00:00Z",
    environment: env,
    benchmarks: NAMES.slice(0, BENCHMARKS).map((name, i) => {
      const level = 0.0004 * (i + 1) * spec.slowdown(i) * Math.exp(spec.runCv * rng.normal());
      const times = Array.from(
        { length: ROUNDS },
        () => level * Math.exp(spec.roundCv * rng.normal()),
      );
      const memory = 48e6 * (1 + i / 10);
      return {
        name,
        metrics: {
          time: { unit: "s", direction: "lower", samples: times },
          // The same rounds seen the other way: operations per second.
          throughput: { unit: "ops/s", direction: "higher", samples: times.map((t) => 1 / t) },
          memory: {
            unit: "B",
            direction: "lower",
            samples: times.map(() => memory * Math.exp(0.003 * rng.normal())),
          },
        },
      };
    }),
  };
}

function build(
  current: Omit<RunSpec, "runCv" | "roundCv">,
  options: { runCv?: number; roundCv?: number; environment?: Environment; seed?: number } = {},
): Report {
  const rng = createRandom(options.seed ?? 17);
  const noise = { runCv: options.runCv ?? 0.02, roundCv: options.roundCv ?? 0.01 };
  const steady = { slowdown: () => 1, ...noise };
  const baseline = Array.from({ length: HISTORY_RUNS }, () =>
    run(rng, steady, commitOf(rng), EPYC, "refs/heads/main"),
  );
  const head = run(
    rng,
    { ...noise, ...current },
    "abc1234def5678901234567890abcdef12345678",
    options.environment ?? EPYC,
    "refs/pull/42/merge",
  );
  return compare({ baseline, current: [head], seed: 1 });
}

/** Every benchmark 41–51 % slower (the plain case). */
export function regressionCase(environment?: Environment): Report {
  return build({ slowdown: (i) => 1.41 + (0.1 * i) / (BENCHMARKS - 1) }, { environment });
}

export function allClearCase(): Report {
  return build({ slowdown: () => 1 });
}

/** A noisy history (7 % between runs): shifts of 15–18 % in four benchmarks, of which it
 *  can call two neither way (the seed is one where that happens). */
export function inconclusiveCase(): Report {
  return build(
    { slowdown: (i) => (i < 4 ? 1.15 + i * 0.01 : 1) },
    { runCv: 0.07, roundCv: 0.02, seed: 4 },
  );
}

/** The plain case on a runner with another CPU than the whole history. */
export function otherCpuCase(): Report {
  return regressionCase({ ...EPYC, cpuModel: "Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz" });
}
