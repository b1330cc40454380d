/**
 * criterion.rs's terminal report, what `cargo bench` prints to stdout:
 *
 *   checksum/4 KiB          time:   [1.5670 µs 1.9953 µs 2.4503 µs]
 *                           thrpt:  [1.5568 GiB/s 1.9118 GiB/s 2.4343 GiB/s]
 *
 * The three figures are the lower bound, the estimate and the upper bound; the estimate is
 * kept (one sample per run: the per-sample times are only in criterion's JSON files). A
 * name too long for its column is printed on a line of its own, `time:` on the next.
 */
import type { BenchmarkSet } from "../benchmarkSet.js";
import { lineError, splitLines, truncatedLine } from "./lines.js";

const ESTIMATE = /^(.*?)\s*(time|thrpt):\s+\[\S+ \S+ (\S+) (\S+) \S+ \S+\]\s*$/;
const STARTED = /^(.*?)\s*(time|thrpt):\s+\[/;
const ELEMENTS: Record<string, number> = {
  "elem/s": 1,
  "Kelem/s": 1e3,
  "Melem/s": 1e6,
  "Gelem/s": 1e9,
};

export const CRITERION_TEXT = /^(\S.*?\s+)?time:\s+\[\S+ \S+ \S+ \S+ \S+ \S+\]/m;

export function parseCriterionText(text: string, source: string, set: BenchmarkSet): void {
  let name = "";
  let previous = "";
  splitLines(text).forEach((line, i) => {
    const m = ESTIMATE.exec(line);
    if (!m) {
      if (STARTED.test(line)) throw truncatedLine(source, i, line);
      if (line.trim()) previous = line.trim();
      return;
    }
    const [, label, kind, value, unit] = m as unknown as string[];
    if (kind === "time") name = label?.trim() || previous;
    if (!name) throw lineError(`a ${kind}: line without a benchmark name`, source, i);
    const v = Number(value);
    if (!Number.isFinite(v)) throw lineError(`'${value}' is not a number`, source, i);
    if (kind === "time") set.add(name, "time", unit as string, "lower", v);
    else if ((unit as string) in ELEMENTS) {
      set.addCanonical(
        name,
        "throughput",
        "ops/s",
        "higher",
        v * (ELEMENTS[unit as string] as number),
      );
    } else set.add(name, "throughput", unit as string, "higher", v);
    previous = line.trim();
  });
}
