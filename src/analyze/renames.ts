/**
 * "Renamed?": hyperfine names a benchmark after its command, so changing one argument turns
 * every benchmark into one "missing" and one "new" row. When the benchmarks missing from
 * this run and the ones new in it pair up exactly — as many of each, and the i-th missing
 * one has the same metrics as the i-th new one — they are most likely the same benchmarks
 * renamed, and one line says so instead of one "renamed or removed?" per metric.
 */
import type { Finding } from "./types.js";

/** Each benchmark with the given verdict and its metrics, in the order first seen. */
function benchmarksWith(findings: readonly Finding[], verdict: "missing" | "new") {
  const metrics = new Map<string, string[]>();
  for (const f of findings) {
    if (f.verdict !== verdict) continue;
    const list = metrics.get(f.benchmark) ?? [];
    list.push(f.metric);
    metrics.set(f.benchmark, list);
  }
  return [...metrics].map(([name, list]) => ({ name, metrics: [...list].sort().join(",") }));
}

/** The one "renamed?" line, or undefined when missing and new benchmarks do not pair up. */
export function renameHint(findings: readonly Finding[]): string | undefined {
  const missing = benchmarksWith(findings, "missing");
  const added = benchmarksWith(findings, "new");
  if (missing.length === 0 || missing.length !== added.length) return undefined;
  if (missing.some((m, i) => m.metrics !== added[i]?.metrics)) return undefined;
  const pairs = missing.map((m, i) => `'${m.name}' → '${added[i]?.name}'`).join(", ");
  return (
    `renamed? ${pairs} (the same metrics, in the same order); to compare them, give each ` +
    "benchmark a name that stays when its arguments change (hyperfine: -n/--command-name; " +
    "tinybench: the name in bench.add(); custom JSON: the name field)"
  );
}
