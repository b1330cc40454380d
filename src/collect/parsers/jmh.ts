/**
 * JMH's JSON (`-rf json`): `[ { benchmark, mode, params?, primaryMetric, secondaryMetrics } ]`.
 *
 * `primaryMetric.rawData` holds one score per measurement iteration per fork: those are
 * the samples (JMH's "sample" mode has a histogram instead; then the score is the one
 * sample). Throughput mode (ops/time) is `throughput` in ops/s, higher better; the other
 * modes (time/op) are `time` in seconds, lower better. Secondary metrics are kept under
 * their own names: GC and allocation figures (·gc.*) lower better, other rates higher.
 */
import type { Direction } from "../../model/types.js";
import { BenchmarkSet } from "../benchmarkSet.js";
import {
  arr,
  emptyRun,
  isObject,
  type JsonObject,
  num,
  numbers,
  obj,
  readJson,
  str,
} from "./json.js";
import { head } from "./lines.js";
import type { Parser } from "./types.js";
import { canonicalScale, directionOfUnit } from "./units.js";

/** "ops/ms" → factor to ops/s; "us/op" → factor to s/op. JMH spells seconds "s". */
function jmhScale(
  unit: string,
): { unit: string; factor: number; direction: Direction } | undefined {
  const rate = /^ops\/(\w+)$/.exec(unit);
  const perOp = /^(\w+)\/op$/.exec(unit);
  const time = canonicalScale(rate?.[1] ?? perOp?.[1] ?? "");
  if (time?.unit !== "s") return undefined;
  return rate
    ? { unit: "ops/s", factor: 1 / time.factor, direction: "higher" }
    : { unit: "s", factor: time.factor, direction: "lower" };
}

function scores(metric: JsonObject, source: string, path: string): number[] {
  if (metric.rawData === undefined) return [num(metric.score, source, `${path}.score`)];
  return arr(metric.rawData, source, `${path}.rawData`).flatMap((fork, f) =>
    numbers(fork, source, `${path}.rawData[${f}]`),
  );
}

export const jmh: Parser = {
  name: "jmh",
  description: "JMH JSON (-rf json): every measurement iteration as a sample",
  detect: (whole) => {
    const text = head(whole);
    return /"jmhVersion"\s*:/.test(text) && /"primaryMetric"\s*:/.test(text);
  },
  parse(text, { source }) {
    const list = arr(readJson(text, source, "JMH JSON"), source, "$");
    if (list.length === 0) throw emptyRun(source, "$", "the array");
    const set = new BenchmarkSet();
    list.forEach((b, i) => {
      const path = `$[${i}]`;
      const bench = obj(b, source, path);
      const params = isObject(bench.params) ? Object.entries(bench.params) : [];
      const label = params.map(([k, v]) => `${k}=${String(v)}`).join(", ");
      const name = str(bench.benchmark, source, `${path}.benchmark`) + (label ? ` (${label})` : "");
      const primary = obj(bench.primaryMetric, source, `${path}.primaryMetric`);
      const unit = str(primary.scoreUnit, source, `${path}.primaryMetric.scoreUnit`);
      const scale = jmhScale(unit);
      const metric =
        scale?.direction === "higher" || bench.mode === "thrpt" ? "throughput" : "time";
      const direction = scale?.direction ?? (bench.mode === "thrpt" ? "higher" : "lower");
      for (const v of scores(primary, source, `${path}.primaryMetric`)) {
        if (scale) set.addCanonical(name, metric, scale.unit, direction, v * scale.factor);
        else set.add(name, metric, unit, direction, v);
      }
      const secondary = isObject(bench.secondaryMetrics) ? bench.secondaryMetrics : {};
      for (const [key, m] of Object.entries(secondary)) {
        const at = `${path}.secondaryMetrics[${JSON.stringify(key)}]`;
        const sm = obj(m, source, at);
        const sUnit = str(sm.scoreUnit, source, `${at}.scoreUnit`);
        const sScale = jmhScale(sUnit);
        const gc = /(^|·|\.)gc\b/.test(key);
        const dir: Direction = gc ? "lower" : (sScale?.direction ?? directionOfUnit(sUnit));
        for (const v of scores(sm, source, at)) {
          if (sScale) set.addCanonical(name, key, sScale.unit, dir, v * sScale.factor);
          else set.add(name, key, sUnit, dir, v);
        }
      }
    });
    return set.list();
  },
};
