/**
 * BenchmarkDotNet's full JSON exporter (`*-report-full.json`, `[JsonExporterAttribute.Full]`):
 * `{ Title, HostEnvironmentInfo, Benchmarks: [ { FullName, Statistics, Memory? } ] }`.
 *
 * `Statistics.OriginalValues` are the workload iterations' times per operation in
 * nanoseconds: the samples of `time` (seconds, lower). Without them the mean is the one
 * sample. With the memory diagnoser, `Memory.BytesAllocatedPerOperation` is `allocated`
 * (bytes, lower). A benchmark that failed has no Statistics: that is an error.
 */
import { InputError } from "../../util/errors.js";
import { BenchmarkSet } from "../benchmarkSet.js";
import { arr, emptyRun, isObject, num, numbers, obj, readJson, str } from "./json.js";
import { head } from "./lines.js";
import type { Parser } from "./types.js";

export const benchmarkdotnet: Parser = {
  name: "benchmarkdotnet",
  description: "BenchmarkDotNet full JSON (every workload iteration as a sample)",
  detect: (whole) => {
    const text = head(whole);
    return /"HostEnvironmentInfo"\s*:/.test(text) && /"Benchmarks"\s*:/.test(text);
  },
  parse(text, { source }) {
    const root = obj(readJson(text, source, "BenchmarkDotNet JSON"), source, "$");
    const list = arr(root.Benchmarks, source, "$.Benchmarks");
    if (list.length === 0) throw emptyRun(source, "$.Benchmarks", "the Benchmarks array");
    const set = new BenchmarkSet();
    list.forEach((b, i) => {
      const path = `$.Benchmarks[${i}]`;
      const bench = obj(b, source, path);
      const name = str(bench.FullName, source, `${path}.FullName`);
      if (!isObject(bench.Statistics)) {
        throw new InputError(
          `benchmark '${name}' has no results (it failed?)`,
          source,
          `${path}.Statistics`,
        );
      }
      const stats = bench.Statistics;
      const values =
        stats.OriginalValues !== undefined
          ? numbers(stats.OriginalValues, source, `${path}.Statistics.OriginalValues`)
          : [num(stats.Mean, source, `${path}.Statistics.Mean`)];
      set.addAll(name, "time", "ns", "lower", values);
      if (isObject(bench.Memory) && bench.Memory.BytesAllocatedPerOperation !== undefined) {
        const at = `${path}.Memory.BytesAllocatedPerOperation`;
        set.add(
          name,
          "allocated",
          "B",
          "lower",
          num(bench.Memory.BytesAllocatedPerOperation, source, at),
        );
      }
    });
    return set.list();
  },
};
