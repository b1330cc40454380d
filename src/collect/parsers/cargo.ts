/**
 * libtest's `cargo bench` output (`#[bench]`, nightly), as github-action-benchmark reads it:
 *
 *   test bench_fib_20 ... bench:      18,149 ns/iter (+/- 755)
 *   test bench_sum_4k ... bench:         169 ns/iter (+/- 3) = 24236 MB/s
 *
 * `(+/- x)` is libtest's max − min spread, not a sample, so it is not kept. Other units
 * (cycles/iter from custom harnesses that mimic the format) are kept as printed, lower
 * better unless they are a rate.
 */
import { BenchmarkSet } from "../benchmarkSet.js";
import { head, lineError, noResults, parseNumber, splitLines, truncatedLine } from "./lines.js";
import type { Parser } from "./types.js";
import { directionOfUnit } from "./units.js";

const BENCH_LINE =
  /^test (\S.*?)\s+\.\.\. bench:\s+([\d,.]+) (\S+)\s+\(\+\/- [\d,.]+\)(?:\s*=\s*([\d,.]+) (\S+))?/;
const FAILURE =
  /^(error(\[\w+\])?:|thread '.*' panicked|test result: FAILED|test \S+ \.\.\. FAILED)/;

export const cargo: Parser = {
  name: "cargo",
  description: "cargo bench (libtest #[bench]) output: ns/iter and MB/s",
  detect: (whole) => {
    const text = head(whole);
    return /^test \S.* \.\.\. bench:\s+[\d,.]+ \S+\s+\(\+\/- /m.test(text);
  },
  parse(text, { source }) {
    const set = new BenchmarkSet();
    splitLines(text).forEach((line, i) => {
      if (FAILURE.test(line)) throw lineError(`cargo bench failed: ${line.trim()}`, source, i);
      const m = BENCH_LINE.exec(line);
      if (!m) {
        if (/^test \S.* \.\.\. bench:/.test(line)) throw truncatedLine(source, i, line);
        return;
      }
      const [, name, value, unit, rate, rateUnit] = m as unknown as string[];
      const perIter = (unit as string).replace(/\/iter$/, "");
      const metric = perIter === "ns" ? "time" : (unit as string);
      set.add(
        name as string,
        metric,
        perIter,
        directionOfUnit(perIter),
        parseNumber(value as string),
      );
      if (rate && rateUnit)
        set.add(name as string, "throughput", rateUnit, "higher", parseNumber(rate));
    });
    if (set.size === 0) throw noResults("`test … bench:`", source, text);
    return set.list();
  },
};
