/**
 * Validation of perfgate's own files against schema/*.v1.json (ajv, compiled once), plus
 * the checks a schema cannot express: finite numbers, no negative times or rates, unique
 * benchmark names. Known non-canonical units are converted to canonical ones here, so
 * everything past this point compares like with like.
 *
 * Every failure is an InputError naming the file and the JSON path of the first fault.
 */
import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import configSchema from "../../schema/config.v1.json" with { type: "json" };
import historySchema from "../../schema/history.v1.json" with { type: "json" };
import compactHistorySchema from "../../schema/history.v2.json" with { type: "json" };
import resultsSchema from "../../schema/results.v1.json" with { type: "json" };
import { InputError } from "../util/errors.js";
import {
  COMPACT_HISTORY_SCHEMA,
  type CompactHistory,
  expandHistory,
  type SeriesCheck,
} from "./compactHistory.js";
import { child, fromPointer } from "./jsonPath.js";
import type { History, Results } from "./types.js";
import { quantityOf, toCanonical } from "./units.js";

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const SCHEMAS = {
  history: historySchema,
  compactHistory: compactHistorySchema,
  config: configSchema,
};
type Kind = "results" | keyof typeof SCHEMAS;

let ajv: Ajv2020 | undefined;
const compiled: Partial<Record<Kind, ValidateFunction>> = {};

/**
 * Each schema is compiled on first use: an Action run never reads a config schema it has
 * no config for. `validateSchema: false` skips checking our own fixed schemas against the
 * 2020-12 meta-schema on every start (about half of ajv's start-up CPU);
 * test/baseline/schemas.test.ts checks them once instead.
 */
function validator(kind: Kind): ValidateFunction {
  const done = compiled[kind];
  if (done) return done;
  if (!ajv) {
    // verbose: errors carry the offending value, so messages can quote it.
    ajv = new Ajv2020({
      allErrors: false,
      strictNumbers: true,
      allowUnionTypes: true,
      verbose: true,
      validateSchema: false,
    });
    addFormats(ajv);
    // The history schema refers to the results schema by $id.
    ajv.addSchema(resultsSchema);
  }
  const fn =
    kind === "results"
      ? (ajv.getSchema(resultsSchema.$id) as ValidateFunction)
      : ajv.compile(SCHEMAS[kind]);
  compiled[kind] = fn;
  return fn;
}

/** A value as it looks in the file, short enough for one line. */
function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const NON_FINITE_TEXT = /^[-+]?(nan|inf|infinity)$/i;

/** One ajv error → one sentence, with the path it is about. */
function describe(error: ErrorObject, base: string): { path: string; message: string } {
  const path = fromPointer(error.instancePath, base);
  const params = error.params as Record<string, unknown>;
  const data = error.data;
  switch (error.keyword) {
    case "required":
      return { path, message: `missing required key '${params.missingProperty}'` };
    case "additionalProperties":
      return {
        path: child(path, String(params.additionalProperty)),
        message: "unknown key (a typo, or a newer perfgate's field?)",
      };
    case "type":
      if (params.type === "number" && typeof data === "string" && NON_FINITE_TEXT.test(data))
        return { path, message: `${quote(data)} is not a finite number` };
      if (params.type === "number" && typeof data === "number")
        return { path, message: `${data} is not a finite number` };
      return { path, message: `expected ${params.type}, found ${quote(data)}` };
    case "enum":
      return {
        path,
        message: `${quote(data)} is not one of ${(params.allowedValues as unknown[]).join(", ")}`,
      };
    case "const":
      return { path, message: `expected ${quote(params.allowedValue)}, found ${quote(data)}` };
    case "minItems":
      return {
        path,
        message: path.endsWith(".samples")
          ? "no samples: a metric needs at least one round"
          : `needs at least ${params.limit} item(s)`,
      };
    case "minProperties":
      return { path, message: "empty: a benchmark needs at least one metric" };
    case "minLength":
      return { path, message: "must not be empty" };
    case "format":
      return { path, message: `${quote(data)} is not a valid ${params.format}` };
    default:
      return { path, message: error.message ?? "invalid" };
  }
}

function check(validate: ValidateFunction, doc: unknown, file: string, base: string): void {
  if (validate(doc)) return;
  const first = validate.errors?.[0];
  if (!first) throw new InputError("invalid", file, base);
  const { path, message } = describe(first, base);
  throw new InputError(message, file, path);
}

/** Any number in the document that JSON cannot hold honestly (1e999 parses as Infinity). */
function findNonFinite(value: unknown, path: string): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonFinite(value[i], child(path, i));
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findNonFinite(item, child(path, key));
      if (found) return found;
    }
  }
  return undefined;
}

/** Quantities where a value below zero can only be a measuring or parsing mistake. */
const NON_NEGATIVE = new Set(["time", "data-rate", "data-size", "event-rate", "count"]);

/**
 * One metric's samples held to the rules a schema cannot say: no negative times or rates,
 * and known units made canonical (returned converted; the input is not changed). `path`
 * builds the JSON path of the samples, only for a message.
 */
function checkSeriesIn(file: string): SeriesCheck {
  // What each unit is, looked up once per unit rather than twice per series (a history of
  // 10,000 benchmarks has 30,000 series and a handful of units).
  const units = new Map<string, { nonNegative?: string; canonical: string }>();
  return (unit, values, path) => {
    let known = units.get(unit);
    if (!known) {
      const q = quantityOf(unit);
      known = {
        nonNegative: q !== undefined && NON_NEGATIVE.has(q) ? q : undefined,
        canonical: toCanonical(1, unit).unit,
      };
      units.set(unit, known);
    }
    const quantity = known.nonNegative;
    if (quantity) {
      const bad = values.findIndex((x) => x < 0);
      if (bad >= 0) {
        throw new InputError(
          `negative ${quantity.replace("-", " ")} (${values[bad]} ${unit})`,
          file,
          child(path(), bad),
        );
      }
    }
    const canonical = known.canonical;
    if (canonical === unit) return { unit, values };
    return { unit: canonical, values: values.map((x) => toCanonical(x, unit).value) };
  };
}

/** Unique names, no negative times or rates, units made canonical. Mutates `results`. */
function checkAndNormalise(results: Results, file: string, base: string): Results {
  const seen = new Map<string, number>();
  const check = checkSeriesIn(file);
  results.benchmarks.forEach((benchmark, i) => {
    // Paths are built only for a message: a clean 10k-benchmark history should not pay.
    const at = () => child(child(base, "benchmarks"), i);
    const first = seen.get(benchmark.name);
    if (first !== undefined) {
      throw new InputError(
        `duplicate benchmark name '${benchmark.name}' (first at ${child(child(base, "benchmarks"), first)})`,
        file,
        child(at(), "name"),
      );
    }
    seen.set(benchmark.name, i);
    for (const [name, metric] of Object.entries(benchmark.metrics)) {
      const { unit, values } = check(metric.unit, metric.samples, () =>
        child(child(child(at(), "metrics"), name), "samples"),
      );
      metric.unit = unit;
      metric.samples = values;
    }
  });
  return results;
}

/** The cheap pass: no paths built, as almost every document is clean. */
function allFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) {
    for (const item of value) if (!allFinite(item)) return false;
    return true;
  }
  if (value !== null && typeof value === "object") {
    for (const key in value) if (!allFinite((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function rejectNonFinite(doc: unknown, file: string, base: string): void {
  if (allFinite(doc)) return;
  const path = findNonFinite(doc, base);
  if (path) throw new InputError("not a finite number (JSON has no NaN or Infinity)", file, path);
}

/** A perfgate/results/v1 document (already migrated) → Results, or an InputError. */
export function validateResults(doc: unknown, file: string, base = "$"): Results {
  rejectNonFinite(doc, file, base);
  check(validator("results"), doc, file, base);
  return checkAndNormalise(doc as Results, file, base);
}

/**
 * A stored history, compact (v2) or expanded (v1, already migrated) → History, or an
 * InputError. A v2 document is checked against its own schema, then expanded and held to
 * the same rules as a v1 one.
 */
export function validateHistory(doc: unknown, file: string): History {
  rejectNonFinite(doc, file, "$");
  if ((doc as { schema?: unknown }).schema === COMPACT_HISTORY_SCHEMA) {
    check(validator("compactHistory"), doc, file, "$");
    // Each series was checked as it was unpacked: once, not once per run.
    return expandHistory(doc as CompactHistory, file, checkSeriesIn(file));
  }
  check(validator("history"), doc, file, "$");
  const history = doc as History;
  history.runs.forEach((run, i) => {
    const at = child(child("$", "runs"), i); // one per run: cheap
    if (run.suite !== history.suite) {
      throw new InputError(
        `run of suite '${run.suite}' in a history of suite '${history.suite}'`,
        file,
        child(at, "suite"),
      );
    }
    checkAndNormalise(run, file, at);
  });
  return history;
}

/** A `.perfgate.yml` document as written (kebab-case keys), or an InputError. */
export function validateConfigDocument(doc: unknown, file: string): void {
  rejectNonFinite(doc, file, "$");
  check(validator("config"), doc, file, "$");
}
