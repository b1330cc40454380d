/**
 * Which shapes of bench file perfgate accepts, decided from the module's exports:
 *
 *   export default (bench) => { bench.add("sort", () => …) }     perfgate makes the Bench
 *   export const options = { time: 200 }                           (optional, its options)
 *   export default new Bench(…)   or   export const bench = new Bench(…)
 *
 * The Bench is recognised by shape, not `instanceof`: the file's tinybench may be another
 * copy than perfgate's own.
 */

/** The part of tinybench's Bench and Task that perfgate reads. */
export interface BenchLike {
  tasks: TaskLike[];
  run(): Promise<unknown>;
}

export interface TaskLike {
  name: string;
  result?: {
    state: string;
    error?: unknown;
    latency?: { p50?: number };
    throughput?: { p50?: number };
    runs?: number;
  };
  runs?: number;
}

export function isBenchLike(value: unknown): value is BenchLike {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { tasks?: unknown; run?: unknown; add?: unknown };
  return typeof v.run === "function" && typeof v.add === "function" && Array.isArray(v.tasks);
}

/** How to get the Bench out of a module; `makeBench` builds perfgate's own when asked. */
export type BenchSource =
  | { kind: "bench"; bench: BenchLike }
  | { kind: "function"; fill: (bench: BenchLike) => unknown; options: unknown };

export const EXPECTED_EXPORTS =
  "export default a function that receives a tinybench Bench, or export a Bench " +
  "(as default or as `bench`)";

/** The Bench (or the function that fills one) a module exports, or undefined. */
export function findBench(exports: Record<string, unknown>): BenchSource | undefined {
  const main = exports.default;
  if (isBenchLike(main)) return { kind: "bench", bench: main };
  if (isBenchLike(exports.bench)) return { kind: "bench", bench: exports.bench };
  if (typeof main === "function") {
    return {
      kind: "function",
      fill: main as (bench: BenchLike) => unknown,
      options: exports.options,
    };
  }
  return undefined;
}
