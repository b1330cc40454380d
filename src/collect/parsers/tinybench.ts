/**
 * tinybench 6 results serialised as JSON, in the two shapes people write:
 *
 * - the tasks: `JSON.stringify(bench.tasks.map((t) => ({ name: t.name, result: t.result })))`
 *   with `result.latency.p50` (ms) and `result.throughput.p50` (ops/s);
 * - the table: `JSON.stringify(bench.table())`, rows like
 *   `{ "Task name", "Latency med (ns)": "6169.0 ± 60.00", "Throughput med (ops/s)": … }`;
 * - either array inside an object as its `tasks`, `{ tasks: [{ name, result }], … }`, the
 *   way many projects save them beside notes of their own (other keys are ignored).
 *
 * Like perfgate's own tinybench runner (src/collect/tinybench/), the task's median is the
 * one sample of `latency` (seconds, lower) and `throughput` (ops/s, higher): tinybench's
 * own samples are single iterations, not rounds. A task whose state is "errored" is an error.
 */
import { InputError } from "../../util/errors.js";
import { BenchmarkSet } from "../benchmarkSet.js";
import { duplicateNamesWarning } from "./duplicates.js";
import { arr, emptyRun, isObject, type JsonObject, num, obj, readJson, str } from "./json.js";
import { head } from "./lines.js";
import type { Parser } from "./types.js";

/** "6169.0 ± 60.00" → 6169; a plain number passes through. */
function leadingNumber(v: unknown, source: string, path: string): number {
  const n = typeof v === "number" ? v : Number.parseFloat(String(v));
  if (!Number.isFinite(n))
    throw new InputError(`expected a number, found ${JSON.stringify(v)}`, source, path);
  return n;
}

function fromTask(set: BenchmarkSet, task: JsonObject, source: string, path: string): void {
  const name = str(task.name, source, `${path}.name`);
  const result = obj(task.result, source, `${path}.result`);
  if (result.state === "errored" || result.error !== undefined) {
    const why = isObject(result.error)
      ? String(result.error.message ?? "")
      : String(result.error ?? "");
    throw new InputError(`task '${name}' failed${why ? `: ${why}` : ""}`, source, `${path}.result`);
  }
  const latency = obj(result.latency, source, `${path}.result.latency`);
  const throughput = obj(result.throughput, source, `${path}.result.throughput`);
  set.add(name, "latency", "ms", "lower", num(latency.p50, source, `${path}.result.latency.p50`));
  set.add(
    name,
    "throughput",
    "ops/s",
    "higher",
    num(throughput.p50, source, `${path}.result.throughput.p50`),
  );
}

function fromTableRow(set: BenchmarkSet, row: JsonObject, source: string, path: string): void {
  const name = str(row["Task name"], source, `${path}["Task name"]`);
  const latencyKey = Object.keys(row).find((k) => /^Latency med \((\w+)\)$/.test(k));
  const unit = latencyKey ? /\((\w+)\)/.exec(latencyKey)?.[1] : undefined;
  if (!latencyKey || !unit) {
    throw new InputError(
      `row for '${name}' has no "Latency med" column (task failed?)`,
      source,
      path,
    );
  }
  set.add(
    name,
    "latency",
    unit,
    "lower",
    leadingNumber(row[latencyKey], source, `${path}["${latencyKey}"]`),
  );
  const tKey = "Throughput med (ops/s)";
  set.add(
    name,
    "throughput",
    "ops/s",
    "higher",
    leadingNumber(row[tKey], source, `${path}["${tKey}"]`),
  );
}

/** A tinybench task result's state: present whether the task completed or failed. */
const TASK_STATE =
  /"state"\s*:\s*"(completed|errored|aborted|aborted-with-statistics|started|not-started)"/;

export const tinybench: Parser = {
  name: "tinybench",
  description: "tinybench 6 results as JSON: tasks {name, result} or bench.table()",
  detect: (whole) => {
    const text = head(whole);
    return /"Task name"\s*:/.test(text) || (/"result"\s*:/.test(text) && TASK_STATE.test(text));
  },
  parse(text, { source, warn }) {
    const json = readJson(text, source, "tinybench JSON");
    const wrapped = isObject(json);
    const where = wrapped ? "$.tasks" : "$";
    const list = arr(wrapped ? json.tasks : json, source, where);
    if (list.length === 0) throw emptyRun(source, where, "the array");
    const set = new BenchmarkSet();
    const names: string[] = [];
    list.forEach((item, i) => {
      const path = `${where}[${i}]`;
      if (item === null) throw new InputError("a task without a result (not run?)", source, path);
      const row = obj(item, source, path);
      names.push(String(row["Task name"] ?? row.name));
      if ("Task name" in row) fromTableRow(set, row, source, path);
      else fromTask(set, row, source, path);
    });
    const repeated = duplicateNamesWarning(names, source, "give each bench.add() its own name");
    if (repeated) warn?.(repeated);
    return set.list();
  },
};
