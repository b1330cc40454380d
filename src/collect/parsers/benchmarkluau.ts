/**
 * Luau's bench.py output (luau-lang/luau bench/), as github-action-benchmark reads it:
 *
 *   SUCCESS: base64   :   15.041ms +/-  0.636% on luau
 *
 * The mean time is kept (seconds, lower better). The RESULTS table repeats the same runs
 * with a minimum; its Total row is not a benchmark. A `FAILED:` line is the tool's error.
 */
import { BenchmarkSet } from "../benchmarkSet.js";
import { head, lineError, noResults, splitLines, truncatedLine } from "./lines.js";
import type { Parser } from "./types.js";

const LINE = /^SUCCESS:\s+(.+?)\s+:\s+([\d.]+)(ms|us|ns|s) \+\/-\s+[\d.]+% on (\S+)/;

export const benchmarkluau: Parser = {
  name: "benchmarkluau",
  description: "Luau bench.py output (SUCCESS: name : 15.0ms +/- 0.6% on luau)",
  detect: (whole) => {
    const text = head(whole);
    return /^SUCCESS:\s+.+\s+:\s+[\d.]+m?s \+\/-/m.test(text);
  },
  parse(text, { source }) {
    const set = new BenchmarkSet();
    splitLines(text).forEach((line, i) => {
      if (/^(FAILED|ERROR)\b/.test(line)) throw lineError(`luau bench failed: ${line}`, source, i);
      const m = LINE.exec(line);
      if (!m && /^SUCCESS:/.test(line)) throw truncatedLine(source, i, line);
      if (m) set.add(m[1] as string, "time", m[3] as string, "lower", Number(m[2]));
    });
    if (set.size === 0) throw noResults("`SUCCESS: name : …`", source, text);
    return set.list();
  },
};
