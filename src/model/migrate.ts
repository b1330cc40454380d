/**
 * Older file versions are migrated on read, never dropped: a baseline history written by an
 * older perfgate must keep working after an upgrade. Each step turns version n into n+1;
 * reading applies steps until the document is current.
 *
 * v1 is the first released version. "v0" is the pre-release shape (one metric per entry,
 * `better` instead of `direction`, `values` instead of `samples`), kept so the migration
 * path is exercised by tests before a v2 exists:
 *
 *   { "schema": "perfgate/results/v0", "suite": "s", "commit": "abc", "date": "…",
 *     "env": { … }, "results": [ { "name": "b", "metric": "time", "unit": "ms",
 *     "better": "lower", "values": [1.2, 1.3] } ] }
 *   { "schema": "perfgate/history/v0", "suite": "s", "entries": [ <results v0 or v1> ] }
 */
import { InputError } from "../util/errors.js";
import { COMPACT_HISTORY_SCHEMA } from "./compactHistory.js";
import { child } from "./jsonPath.js";
import { HISTORY_SCHEMA, RESULTS_SCHEMA } from "./types.js";

type Doc = Record<string, unknown>;
type Step = (doc: Doc, file: string, path: string) => Doc;

function isObject(value: unknown): value is Doc {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const resultsV0toV1: Step = (doc, file, path) => {
  const entries = doc.results;
  if (!Array.isArray(entries)) throw new InputError("expected array", file, child(path, "results"));
  const benchmarks = new Map<string, Record<string, unknown>>();
  entries.forEach((entry, i) => {
    if (!isObject(entry))
      throw new InputError("expected object", file, child(child(path, "results"), i));
    const name = String(entry.name);
    const metrics = benchmarks.get(name) ?? {};
    metrics[String(entry.metric ?? "value")] = {
      unit: entry.unit,
      direction: entry.better,
      samples: entry.values,
    };
    benchmarks.set(name, metrics);
  });
  const { results: _results, date, env, ...rest } = doc;
  return {
    ...rest,
    schema: RESULTS_SCHEMA,
    timestamp: date,
    environment: env ?? {},
    benchmarks: [...benchmarks].map(([name, metrics]) => ({ name, metrics })),
  };
};

const historyV0toV1: Step = (doc) => {
  const { entries, ...rest } = doc;
  return { ...rest, schema: HISTORY_SCHEMA, runs: entries };
};

/** schema id → the step to the next version. */
const STEPS: Record<string, Step> = {
  "perfgate/results/v0": resultsV0toV1,
  "perfgate/history/v0": historyV0toV1,
};

/** Every schema id this perfgate reads. */
export const CURRENT_SCHEMAS = [RESULTS_SCHEMA, HISTORY_SCHEMA, COMPACT_HISTORY_SCHEMA] as const;

/** Whether a current schema id names a history (expanded v1 or compact v2). */
export function isHistorySchema(schema: unknown): boolean {
  return schema === HISTORY_SCHEMA || schema === COMPACT_HISTORY_SCHEMA;
}

/** Whether a parsed JSON document claims to be one of perfgate's own files. */
export function isPerfgateDocument(doc: unknown): doc is Doc & { schema: string } {
  return isObject(doc) && typeof doc.schema === "string" && doc.schema.startsWith("perfgate/");
}

/**
 * Brings a perfgate document (results or history, any known version) to the current
 * version; a history's runs are migrated one by one. Unknown versions are an InputError.
 */
export function migrate(doc: Doc & { schema: string }, file: string, path = "$"): Doc {
  let current: Doc = doc;
  for (let guard = 0; guard < 100; guard++) {
    const schema = current.schema as string;
    const step = STEPS[schema];
    if (!step) break;
    current = step(current, file, path);
  }
  const schema = current.schema;
  if (schema === HISTORY_SCHEMA && Array.isArray(current.runs)) {
    const runs = current.runs.map((run, i) =>
      isPerfgateDocument(run) ? migrate(run, file, child(child(path, "runs"), i)) : run,
    );
    return { ...current, runs };
  }
  if (!(CURRENT_SCHEMAS as readonly unknown[]).includes(schema)) {
    throw new InputError(
      `unknown schema ${JSON.stringify(schema)} (this perfgate reads ${CURRENT_SCHEMAS.join(", ")}, and their older versions)`,
      file,
      child(path, "schema"),
    );
  }
  return current;
}
