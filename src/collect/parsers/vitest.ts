/**
 * `vitest bench --outputJson <file>`: `{ files: [ { filepath, groups: [ { fullName,
 * benchmarks: [ { name, hz, median, mean, sampleCount, … } ] } ] } ] }`, times in ms.
 *
 * A benchmark is named `<group fullName> > <name>` (the file and describe blocks), as vitest
 * prints it. Kept, one sample each like tinybench (vitest runs it underneath): `latency` =
 * median (seconds, lower) and `throughput` = hz (ops/s, higher).
 */
import { BenchmarkSet } from "../benchmarkSet.js";
import { arr, emptyRun, num, obj, readJson, str } from "./json.js";
import { head } from "./lines.js";
import type { Parser } from "./types.js";

export const vitest: Parser = {
  name: "vitest",
  description: "vitest bench --outputJson (median latency and hz per benchmark)",
  detect: (whole) => {
    const text = head(whole);
    return /"files"\s*:/.test(text) && /"groups"\s*:/.test(text) && /"hz"\s*:/.test(text);
  },
  parse(text, { source }) {
    const root = obj(readJson(text, source, "vitest bench JSON"), source, "$");
    const set = new BenchmarkSet();
    arr(root.files, source, "$.files").forEach((f, i) => {
      const file = obj(f, source, `$.files[${i}]`);
      arr(file.groups, source, `$.files[${i}].groups`).forEach((g, j) => {
        const gp = `$.files[${i}].groups[${j}]`;
        const group = obj(g, source, gp);
        const prefix = str(group.fullName, source, `${gp}.fullName`);
        arr(group.benchmarks, source, `${gp}.benchmarks`).forEach((b, k) => {
          const bp = `${gp}.benchmarks[${k}]`;
          const bench = obj(b, source, bp);
          const name = `${prefix} > ${str(bench.name, source, `${bp}.name`)}`;
          set.add(name, "latency", "ms", "lower", num(bench.median, source, `${bp}.median`));
          set.add(name, "throughput", "ops/s", "higher", num(bench.hz, source, `${bp}.hz`));
        });
      });
    });
    if (set.size === 0) throw emptyRun(source, "$.files", "the files' groups");
    return set.list();
  },
};
