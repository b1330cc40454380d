/**
 * github-action-benchmark's custom formats: a JSON array of `{name, unit, value, range?,
 * extra?}`. The tool name carries the direction, so the same file means opposite things
 * under `customBiggerIsBetter` and `customSmallerIsBetter`.
 *
 * An entry becomes metric "value" of benchmark `name`; the same name and unit again adds a
 * sample (one entry per round); the same name with another unit is another metric, named
 * after that unit. `range` and `extra` are text for people and are not kept.
 *
 * An empty `unit` ("", which github-action-benchmark accepts and real histories contain) is
 * a plain number: perfgate's unitless unit, `count`, printed without a suffix; its direction
 * is still the tool name's. So is a missing `unit`, and a `value` written as a string of a
 * plain number ("89"): github-action-benchmark stores the entries as given, without
 * checking, and published gh-pages histories hold both (fixtures/tools/custom/README.md).
 */
import type { Direction } from "../../model/types.js";
import { BenchmarkSet } from "../benchmarkSet.js";
import { arr, emptyRun, num, obj, readJson, startsWith, str } from "./json.js";
import { head } from "./lines.js";
import type { Parser } from "./types.js";
import { toCanonical, UNITLESS } from "./units.js";

/** A plain decimal number in a string ("89", "-1.5e3") as its number; anything else as is,
 *  for num() to refuse with the file and path. */
function numericText<T>(v: T): T | number {
  return typeof v === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)
    ? Number(v)
    : v;
}

function customParser(name: string, direction: Direction, description: string): Parser {
  return {
    name,
    description,
    detect: (whole) => {
      const text = head(whole);
      return startsWith(text, "[") && /"unit"\s*:/.test(text) && /"value"\s*:/.test(text);
    },
    parse(text, { source }) {
      const entries = arr(readJson(text, source, name), source, "$");
      if (entries.length === 0) throw emptyRun(source, "$", "the array");
      const set = new BenchmarkSet();
      const firstUnit = new Map<string, string>();
      entries.forEach((e, i) => {
        const path = `$[${i}]`;
        const entry = obj(e, source, path);
        const bench = str(entry.name, source, `${path}.name`);
        const unit =
          entry.unit === undefined
            ? UNITLESS
            : str(entry.unit, source, `${path}.unit`).trim() || UNITLESS;
        const value = num(numericText(entry.value), source, `${path}.value`);
        const first = firstUnit.get(bench) ?? unit;
        firstUnit.set(bench, first);
        const c = toCanonical(value, unit);
        set.addCanonical(bench, unit === first ? "value" : unit, c.unit, direction, c.value);
      });
      return set.list();
    },
  };
}

export const customBiggerIsBetter = customParser(
  "customBiggerIsBetter",
  "higher",
  "JSON array of {name, unit, value}, bigger is better (github-action-benchmark)",
);

export const customSmallerIsBetter = customParser(
  "customSmallerIsBetter",
  "lower",
  "JSON array of {name, unit, value}, smaller is better (github-action-benchmark)",
);
