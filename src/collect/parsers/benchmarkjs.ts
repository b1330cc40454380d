/**
 * benchmark.js's `String(event.target)` lines, as github-action-benchmark reads them:
 *
 *   fib(20) x 12,146 ops/sec ±0.32% (96 runs sampled)
 *
 * The rate is the one measurement (ops/s, higher better); ±% and the run count describe
 * its uncertainty and are not kept as metrics.
 */
import { BenchmarkSet } from "../benchmarkSet.js";
import { head, lineError, noResults, parseNumber, splitLines, truncatedLine } from "./lines.js";
import type { Parser } from "./types.js";

const LINE = /^(.+?) x ([\d,.]+) ops\/sec (?:±|\+-|\+\/-)\s*[\d.]+% \((\d+) runs? sampled\)\s*$/;

export const benchmarkjs: Parser = {
  name: "benchmarkjs",
  description: "benchmark.js output lines (name x N ops/sec ±R% (K runs sampled))",
  detect: (whole) => {
    const text = head(whole);
    return / x [\d,.]+ ops\/sec \S+% \(\d+ runs? sampled\)/.test(text);
  },
  parse(text, { source }) {
    const set = new BenchmarkSet();
    splitLines(text).forEach((line, i) => {
      const m = LINE.exec(line);
      if (!m) {
        if (/^.+ x [\d,.]+ ops\/sec\b/.test(line) || /^.+ x [\d,.]+ ?$/.test(line)) {
          throw truncatedLine(source, i, line);
        }
        return;
      }
      const ops = parseNumber(m[2] as string);
      if (!Number.isFinite(ops)) throw lineError(`'${m[2]}' is not a number`, source, i);
      set.add(m[1] as string, "throughput", "ops/s", "higher", ops);
    });
    if (set.size === 0) throw noResults("`… x N ops/sec …`", source, text);
    return set.list();
  },
};
