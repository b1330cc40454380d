/**
 * criterion.rs, in two forms with every sample (and its terminal report, criterionText.ts):
 *
 * - `cargo criterion --message-format=json`: one JSON message per line; each
 *   `"reason": "benchmark-complete"` message has `id`, `iteration_count[]`,
 *   `measured_values[]` (total per sample, in `unit`) and `throughput[]`.
 * - criterion's own files, `target/criterion/<id>/new/sample.json`:
 *   `{ sampling_mode, iters[], times[] }` (times in ns). The file does not carry the
 *   benchmark's id, so it comes from the path: the folders between `criterion/` and `new/`.
 *
 * Each sample ran `iters[i]` iterations in `times[i]`: `time` = times[i] / iters[i] (seconds,
 * lower). With a declared throughput (bytes or elements per iteration) each sample also
 * gives a `throughput` in Gbit/s or ops/s (higher).
 */
import { InputError } from "../../util/errors.js";
import { BenchmarkSet } from "../benchmarkSet.js";
import { CRITERION_TEXT, parseCriterionText } from "./criterionText.js";
import { emptyRun, isObject, type JsonObject, numbers, obj, readJson, str } from "./json.js";
import { head, lineError, noResults, splitLines } from "./lines.js";
import type { Parser } from "./types.js";
import { toCanonical } from "./units.js";

function addSamples(
  set: BenchmarkSet,
  name: string,
  iters: number[],
  totals: number[],
  unit: string,
  where: { source: string; path: string },
): void {
  if (iters.length !== totals.length || iters.length === 0) {
    throw new InputError(
      `${iters.length} iteration counts but ${totals.length} times`,
      where.source,
      where.path,
    );
  }
  iters.forEach((n, i) => {
    set.add(name, "time", unit, "lower", (totals[i] as number) / n);
  });
}

function addThroughput(
  set: BenchmarkSet,
  name: string,
  message: JsonObject,
  iters: number[],
  totals: number[],
  unit: string,
): void {
  const declared = Array.isArray(message.throughput) ? message.throughput[0] : undefined;
  if (!isObject(declared) || typeof declared.per_iteration !== "number") return;
  const bytes = declared.unit === "bytes";
  iters.forEach((n, i) => {
    const seconds = toCanonical((totals[i] as number) / n, unit).value;
    const perSecond = (declared.per_iteration as number) / seconds;
    set.add(name, "throughput", bytes ? "B/s" : "ops/s", "higher", perSecond);
  });
}

function parseMessages(text: string, source: string): BenchmarkSet {
  const set = new BenchmarkSet();
  splitLines(text).forEach((line, i) => {
    if (!line.trim()) return;
    const where = { source, path: `line ${i + 1}` };
    if (!line.trimStart().startsWith("{")) {
      throw lineError(
        `expected a cargo-criterion JSON message, found text: ${line.trim().slice(0, 80)}`,
        source,
        i,
      );
    }
    let message: JsonObject;
    try {
      message = obj(readJson(line, source, "a cargo-criterion message"), source, where.path);
    } catch {
      throw lineError("not a JSON message (truncated line?)", source, i);
    }
    if (message.reason !== "benchmark-complete") return;
    const name = str(message.id, source, `${where.path}: id`);
    const unit = typeof message.unit === "string" ? message.unit : "ns";
    const iters = numbers(message.iteration_count, source, `${where.path}: iteration_count`);
    const totals = numbers(message.measured_values, source, `${where.path}: measured_values`);
    addSamples(set, name, iters, totals, unit, where);
    addThroughput(set, name, message, iters, totals, unit);
  });
  return set;
}

/** "…/target/criterion/checksum/4 KiB/new/sample.json" → "checksum/4 KiB". */
export function criterionIdFromPath(source: string): string | undefined {
  const parts = source.split(/[\\/]/);
  const root = parts.lastIndexOf("criterion");
  const end = parts.length - 2; // the folder holding sample.json: new, base or a named baseline
  return root >= 0 && end > root + 1 ? parts.slice(root + 1, end).join("/") : undefined;
}

function parseSampleFile(text: string, source: string): BenchmarkSet {
  const root = obj(readJson(text, source, "criterion sample.json"), source, "$");
  const name = criterionIdFromPath(source);
  if (!name) {
    throw new InputError(
      "cannot tell the benchmark's name: read sample.json where criterion wrote it (target/criterion/<id>/new/)",
      source,
    );
  }
  const iters = numbers(root.iters, source, "$.iters");
  const times = numbers(root.times, source, "$.times");
  const set = new BenchmarkSet();
  addSamples(set, name, iters, times, "ns", { source, path: "$.times" });
  return set;
}

const SAMPLE_FILE = /^\s*\{\s*"sampling_mode"\s*:|"iters"\s*:\s*\[[\d.,\s]*\]\s*,\s*"times"\s*:/;

export const criterion: Parser = {
  name: "criterion",
  description:
    "criterion.rs: cargo criterion --message-format=json, target/criterion/*/new/sample.json, or cargo bench's report",
  detect: (whole) => {
    const text = head(whole);
    return (
      /"reason"\s*:\s*"benchmark-complete"/.test(text) ||
      SAMPLE_FILE.test(text) ||
      CRITERION_TEXT.test(text)
    );
  },
  parse(text, { source }) {
    let set: BenchmarkSet;
    if (SAMPLE_FILE.test(text) && !/"reason"\s*:/.test(text)) set = parseSampleFile(text, source);
    else if (text.trim() && !text.trimStart().startsWith("{")) {
      // Not JSON: criterion's terminal report, or some other text (a build error).
      set = new BenchmarkSet();
      parseCriterionText(text, source, set);
      if (set.size === 0)
        throw noResults("criterion `name  time: [low estimate high]`", source, text);
    } else set = parseMessages(text, source);
    if (set.size === 0) throw emptyRun(source, "line 1", "the criterion output");
    return set.list();
  },
};
