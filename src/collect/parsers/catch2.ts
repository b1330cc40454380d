/**
 * Catch2's console reporter with benchmarks (v2 and v3), as github-action-benchmark reads it:
 *
 *   fib 20                                          20             4     1.3024 ms
 *                                           9.32123 us       9.26 us    9.45395 us
 *                                           186.531 ns    1.24373 ns    309.642 ns
 *
 * First line: name, samples, iterations, estimated run time; then mean (low, high) and
 * standard deviation (low, high). Kept: mean time and its standard deviation, both seconds
 * and lower better. The console output has no per-sample times.
 */
import { BenchmarkSet } from "../benchmarkSet.js";
import { head, lastLineIndex, lineError, noResults, splitLines } from "./lines.js";
import type { Parser } from "./types.js";

const HEAD = /^(\S.*?)\s+(\d+)\s+(\d+)\s+[\d.]+ (?:ns|us|µs|ms|s)\s*$/;
const VALUES =
  /^\s+([\d.]+) (ns|us|µs|ms|s)\s+[\d.]+ (?:ns|us|µs|ms|s)\s+[\d.]+ (?:ns|us|µs|ms|s)\s*$/;
const TABLE_RULE = /^benchmark name\s+samples\s+iterations\s+(estimated|est run time)/;

export const catch2: Parser = {
  name: "catch2",
  description: "Catch2 console output with BENCHMARK results (mean and standard deviation)",
  detect: (whole) => {
    const text = head(whole);
    return /^benchmark name\s+samples\s+iterations\s+(estimated|est run time)/m.test(text);
  },
  parse(text, { source }) {
    const lines = splitLines(text);
    const set = new BenchmarkSet();
    let sawTable = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (TABLE_RULE.test(line)) sawTable = true;
      if (/^\S.*FAILED:?\s*$/.test(line) || /^test cases:.*\bfailed\b/.test(line)) {
        throw lineError(`Catch2 reported a failure: ${line.trim()}`, source, i);
      }
      const head = sawTable ? HEAD.exec(line) : null;
      if (!head) continue;
      const mean = VALUES.exec(lines[i + 1] ?? "");
      const sd = VALUES.exec(lines[i + 2] ?? "");
      if (!mean || !sd) {
        const at = i + 2 < lines.length ? i + (mean ? 2 : 1) : lastLineIndex(lines);
        throw lineError(`benchmark '${head[1]}' lacks its mean and std dev lines`, source, at);
      }
      set.add(head[1] as string, "time", mean[2] as string, "lower", Number(mean[1]));
      set.add(head[1] as string, "time stddev", sd[2] as string, "lower", Number(sd[1]));
      i += 2;
    }
    if (set.size === 0) throw noResults("Catch2 benchmark result", source, text);
    return set.list();
  },
};
