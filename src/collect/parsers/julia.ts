/**
 * Julia BenchmarkTools' JSON (`BenchmarkTools.save(file, results)`): `[ {versions},
 * [ ["BenchmarkGroup", { data: { key: child, … } }] ] ]`, nested groups down to leaves.
 *
 * A leaf is a `TrialEstimate` (one estimate: time ns, gctime ns, memory B, allocs) or a
 * whole `Trial` (`times` and `gctimes` per sample, in ns): a Trial's times are the samples.
 * A benchmark's name is its group keys joined with "/", e.g. "fib/20". All lower better.
 */
import { InputError } from "../../util/errors.js";
import { BenchmarkSet } from "../benchmarkSet.js";
import { arr, emptyRun, type Json, num, numbers, obj, readJson, str } from "./json.js";
import { head } from "./lines.js";
import type { Parser } from "./types.js";

function walk(node: Json, name: string, path: string, set: BenchmarkSet, source: string): void {
  const pair = arr(node, source, path);
  const kind = str(pair[0], source, `${path}[0]`);
  const body = obj(pair[1], source, `${path}[1]`);
  const at = `${path}[1]`;
  if (kind === "BenchmarkGroup") {
    const data = obj(body.data, source, `${at}.data`);
    for (const [key, child] of Object.entries(data)) {
      walk(child, name ? `${name}/${key}` : key, `${at}.data[${JSON.stringify(key)}]`, set, source);
    }
    return;
  }
  if (kind !== "TrialEstimate" && kind !== "Trial") {
    throw new InputError(`unknown BenchmarkTools type '${kind}'`, source, `${path}[0]`);
  }
  const trial = kind === "Trial";
  const times = trial
    ? numbers(body.times, source, `${at}.times`)
    : [num(body.time, source, `${at}.time`)];
  const gc = trial
    ? numbers(body.gctimes, source, `${at}.gctimes`)
    : [num(body.gctime, source, `${at}.gctime`)];
  set.addAll(name, "time", "ns", "lower", times);
  set.addAll(name, "gctime", "ns", "lower", gc);
  set.add(name, "memory", "B", "lower", num(body.memory, source, `${at}.memory`));
  set.addCanonical(name, "allocs", "count", "lower", num(body.allocs, source, `${at}.allocs`));
}

export const julia: Parser = {
  name: "julia",
  description: "Julia BenchmarkTools JSON (BenchmarkTools.save)",
  detect: (whole) => {
    const text = head(whole);
    return /"BenchmarkTools"\s*:/.test(text) && /"BenchmarkGroup"/.test(text);
  },
  parse(text, { source }) {
    const root = arr(readJson(text, source, "BenchmarkTools JSON"), source, "$");
    const groups = arr(root[1], source, "$[1]");
    const set = new BenchmarkSet();
    groups.forEach((g, i) => {
      walk(g, "", `$[1][${i}]`, set, source);
    });
    if (set.size === 0) throw emptyRun(source, "$[1]", "the benchmark groups");
    return set.list();
  },
};
