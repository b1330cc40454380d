/**
 * Google Benchmark's JSON (`--benchmark_format=json` or `--benchmark_out=…`):
 * `{ context, benchmarks: [ { name, run_type, real_time, cpu_time, time_unit, … } ] }`.
 *
 * With `--benchmark_repetitions=N` each repetition (run_type "iteration") is one sample of
 * its `run_name`; the aggregates (`_mean`, `_median`, `_stddev`, `_cv`, run_type
 * "aggregate") summarise those same runs and are skipped so nothing is counted twice.
 * Kept: real_time and cpu_time (seconds, lower), bytes_per_second (Gbit/s, higher),
 * items_per_second (ops/s, higher) and every user counter. A counter's JSON does not say
 * whether it is a rate; a name ending in "per_second", "/s" or "rate" is taken as one
 * (higher better), anything else lower better.
 */
import type { Direction } from "../../model/types.js";
import { InputError } from "../../util/errors.js";
import { BenchmarkSet } from "../benchmarkSet.js";
import { arr, emptyRun, num, obj, readJson, str } from "./json.js";
import { head } from "./lines.js";
import type { Parser } from "./types.js";

/** Fields of a run that are bookkeeping, not measurements. */
const NOT_METRICS = new Set([
  "name",
  "family_index",
  "per_family_instance_index",
  "run_name",
  "run_type",
  "repetitions",
  "repetition_index",
  "threads",
  "iterations",
  "time_unit",
  "aggregate_name",
  "aggregate_unit",
  "label",
  "error_occurred",
  "error_message",
  "skipped",
  "skip_message",
  "real_time",
  "cpu_time",
  "bytes_per_second",
  "items_per_second",
]);

function counterDirection(name: string): Direction {
  return /(per_second|\/s|rate)$/i.test(name) ? "higher" : "lower";
}

export const googlecpp: Parser = {
  name: "googlecpp",
  description: "Google Benchmark JSON (repetitions as samples, counters kept)",
  detect: (whole) => {
    const text = head(whole);
    return /"benchmarks"\s*:/.test(text) && /"(real_time|cpu_time)"\s*:/.test(text);
  },
  parse(text, { source }) {
    const root = obj(readJson(text, source, "Google Benchmark JSON"), source, "$");
    const runs = arr(root.benchmarks, source, "$.benchmarks");
    const set = new BenchmarkSet();
    runs.forEach((r, i) => {
      const path = `$.benchmarks[${i}]`;
      const run = obj(r, source, path);
      if (run.run_type === "aggregate") return;
      const name = str(run.run_name ?? run.name, source, `${path}.name`);
      if (run.error_occurred === true) {
        throw new InputError(`benchmark '${name}' failed: ${run.error_message}`, source, path);
      }
      // A message without an error is a deliberate skip (SkipWithMessage): nothing measured.
      if (typeof run.error_message === "string" || run.skipped === true) return;
      const unit = typeof run.time_unit === "string" ? run.time_unit : "ns";
      set.add(name, "real_time", unit, "lower", num(run.real_time, source, `${path}.real_time`));
      set.add(name, "cpu_time", unit, "lower", num(run.cpu_time, source, `${path}.cpu_time`));
      if (run.bytes_per_second !== undefined) {
        const v = num(run.bytes_per_second, source, `${path}.bytes_per_second`);
        set.add(name, "bytes_per_second", "B/s", "higher", v);
      }
      if (run.items_per_second !== undefined) {
        const v = num(run.items_per_second, source, `${path}.items_per_second`);
        set.add(name, "items_per_second", "ops/s", "higher", v);
      }
      for (const [key, value] of Object.entries(run)) {
        if (NOT_METRICS.has(key) || typeof value !== "number") continue;
        // The memory manager's figures (when one is registered) have known units.
        const unit = key === "max_bytes_used" ? "B" : "count";
        set.addCanonical(name, key, unit, counterDirection(key), value);
      }
    });
    if (set.size === 0) throw emptyRun(source, "$.benchmarks", "the benchmarks array");
    return set.list();
  },
};
