/**
 * hyperfine's `--export-json`: `{ results: [ { command, mean, user, system, times, … } ] }`.
 *
 * Each entry of `times` is one run of the command: a sample of `time` (seconds, lower).
 * `user` and `system` are means over the runs (one sample each); newer hyperfine versions
 * add `memory_usage_byte` per run (bytes, lower). A run that exited non-zero (kept only
 * with `--ignore-failure`) is still a measurement and is kept.
 */
import { BenchmarkSet } from "../benchmarkSet.js";
import { duplicateNamesWarning } from "./duplicates.js";
import { arr, emptyRun, num, numbers, obj, readJson, str } from "./json.js";
import { head } from "./lines.js";
import type { Parser } from "./types.js";

export const hyperfine: Parser = {
  name: "hyperfine",
  description: "hyperfine --export-json (every run's time as a sample)",
  detect: (whole) => {
    const text = head(whole);
    return /"results"\s*:/.test(text) && /"command"\s*:/.test(text) && /"times"\s*:/.test(text);
  },
  parse(text, { source, warn }) {
    const root = obj(readJson(text, source, "hyperfine JSON"), source, "$");
    const results = arr(root.results, source, "$.results");
    if (results.length === 0) throw emptyRun(source, "$.results", "the results array");
    const set = new BenchmarkSet();
    const names: string[] = [];
    results.forEach((r, i) => {
      const path = `$.results[${i}]`;
      const result = obj(r, source, path);
      const name = str(result.command, source, `${path}.command`);
      names.push(name);
      const times =
        result.times !== undefined
          ? numbers(result.times, source, `${path}.times`)
          : [num(result.mean, source, `${path}.mean`)];
      set.addAll(name, "time", "s", "lower", times);
      set.add(name, "user", "s", "lower", num(result.user, source, `${path}.user`));
      set.add(name, "system", "s", "lower", num(result.system, source, `${path}.system`));
      if (result.memory_usage_byte !== undefined) {
        const bytes = numbers(result.memory_usage_byte, source, `${path}.memory_usage_byte`);
        set.addAll(name, "memory", "B", "lower", bytes);
      }
    });
    const repeated = duplicateNamesWarning(names, source, "name each with -n/--command-name");
    if (repeated) warn?.(repeated);
    return set.list();
  },
};
