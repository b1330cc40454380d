/**
 * `go test -bench` output (the testing package's benchmark format, as golang/perf's
 * benchfmt reads it):
 *
 *   BenchmarkSha256_1K-2   93240   2998 ns/op   341.59 MB/s   1024 B/op   1 allocs/op
 *
 * Every value/unit pair after the iteration count is a metric, custom ones from
 * b.ReportMetric included. `-count N` prints a name N times: N samples. The `-2` suffix is
 * GOMAXPROCS; it is dropped from the name unless one run holds several (`-cpu 1,2`).
 * With several packages (`./...`) names are prefixed by the package.
 */
import type { Direction } from "../../model/types.js";
import { BenchmarkSet } from "../benchmarkSet.js";
import { head, lineError, noResults, parseNumber, splitLines, truncatedLine } from "./lines.js";
import type { Parser } from "./types.js";
import { directionOfUnit } from "./units.js";

const BENCH_LINE = /^(Benchmark\S*?)(?:-(\d+))?\s+(\d+)((?:\s+[-+\d.eE]+\s+\S+)+)\s*$/;
/** Name and iteration count: a result line has begun (a bare name is a log header). */
const STARTED = /^Benchmark\S*\s+\d+(\s|$)/;
const FAILURE = /^(--- FAIL|FAIL\s|panic:|# \S|\S+\.go:\d+:\d+: )/;

/** Units go and benchstat give a fixed name and direction. */
const KNOWN: Record<string, { metric: string; direction: Direction; unit?: string }> = {
  "ns/op": { metric: "time", direction: "lower" },
  "MB/s": { metric: "throughput", direction: "higher" },
  "B/op": { metric: "bytes/op", direction: "lower" },
  "allocs/op": { metric: "allocs/op", direction: "lower", unit: "count" },
};

interface Row {
  pkg: string;
  base: string;
  procs: string;
  line: number;
  pairs: [number, string][];
}

export const go: Parser = {
  name: "go",
  description: "go test -bench output (ns/op, MB/s, B/op, allocs/op and custom metrics)",
  detect: (whole) => {
    const text = head(whole);
    return /^Benchmark\S+\s+\d+\s+[\d.]+ ns\/op/m.test(text);
  },
  parse(text, { source }) {
    const lines = splitLines(text);
    const rows: Row[] = [];
    let pkg = "";
    lines.forEach((line, i) => {
      if (line.startsWith("pkg: ")) pkg = line.slice(5).trim();
      // Result lines are most of the text; only other lines can be go reporting a failure.
      const failure = line.startsWith("Benchmark") ? null : FAILURE.exec(line);
      if (failure) throw lineError(`go test failed: ${line.trim()}`, source, i);
      const m = BENCH_LINE.exec(line);
      if (!m) {
        if (STARTED.test(line)) throw truncatedLine(source, i, line);
        return;
      }
      const fields = (m[4] as string).trim().split(/\s+/);
      const pairs: [number, string][] = [];
      for (let k = 0; k + 1 < fields.length; k += 2) {
        const value = parseNumber(fields[k] as string);
        if (!Number.isFinite(value)) throw lineError(`'${fields[k]}' is not a number`, source, i);
        pairs.push([value, fields[k + 1] as string]);
      }
      rows.push({ pkg, base: m[1] as string, procs: m[2] ?? "", line: i, pairs });
    });
    if (rows.length === 0) {
      throw noResults("`BenchmarkName N … ns/op`", source, text);
    }
    const manyPkgs = new Set(rows.map((r) => r.pkg)).size > 1;
    const procsOf = new Map<string, Set<string>>();
    for (const r of rows) procsOf.set(r.base, (procsOf.get(r.base) ?? new Set()).add(r.procs));
    const set = new BenchmarkSet();
    for (const r of rows) {
      const keepProcs = (procsOf.get(r.base)?.size ?? 0) > 1 && r.procs;
      const name = `${manyPkgs && r.pkg ? `${r.pkg}.` : ""}${r.base}${keepProcs ? `-${r.procs}` : ""}`;
      for (const [value, unit] of r.pairs) {
        const known = KNOWN[unit];
        const direction = known?.direction ?? directionOfUnit(unit);
        if (known?.unit) set.addCanonical(name, known.metric, known.unit, direction, value);
        else set.add(name, known?.metric ?? unit, unit, direction, value);
      }
    }
    return set.list();
  },
};
