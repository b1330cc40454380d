/**
 * pytest-benchmark's JSON (`--benchmark-json`, or a file saved with `--benchmark-save`):
 * `{ machine_info, benchmarks: [ { name, fullname, stats: { mean, …, data? } } ] }`.
 *
 * `stats.data` (present in --benchmark-json output and in saves made with
 * `--benchmark-save-data`) holds one time per round, already divided by the round's
 * iterations: those are the samples. Without it the mean is the one sample. Kept: time
 * (seconds, lower) and ops (ops/s, higher; pytest-benchmark computes it as 1 / mean).
 */
import { BenchmarkSet } from "../benchmarkSet.js";
import { arr, emptyRun, num, numbers, obj, readJson, str } from "./json.js";
import { head } from "./lines.js";
import type { Parser } from "./types.js";

export const pytest: Parser = {
  name: "pytest",
  description: "pytest-benchmark JSON (per-round data when saved, else the stats)",
  detect: (whole) => {
    const text = head(whole);
    return /"machine_info"\s*:/.test(text) && /"benchmarks"\s*:/.test(text);
  },
  parse(text, { source }) {
    const root = obj(readJson(text, source, "pytest-benchmark JSON"), source, "$");
    const list = arr(root.benchmarks, source, "$.benchmarks");
    if (list.length === 0) throw emptyRun(source, "$.benchmarks", "the benchmarks array");
    const set = new BenchmarkSet();
    list.forEach((b, i) => {
      const path = `$.benchmarks[${i}]`;
      const bench = obj(b, source, path);
      const name = str(bench.fullname ?? bench.name, source, `${path}.fullname`);
      const stats = obj(bench.stats, source, `${path}.stats`);
      const times =
        stats.data !== undefined
          ? numbers(stats.data, source, `${path}.stats.data`)
          : [num(stats.mean, source, `${path}.stats.mean`)];
      set.addAll(name, "time", "s", "lower", times);
      set.add(name, "ops", "ops/s", "higher", num(stats.ops, source, `${path}.stats.ops`));
    });
    return set.list();
  },
};
