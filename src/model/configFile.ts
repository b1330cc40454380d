/**
 * Loading `.perfgate.yml` (or a JSON config): parse, validate against config.v1 as written
 * (kebab-case), then convert to the camelCase `Config`, with limits written with units
 * ("min: 1 Gbit/s", "max: 250 ms", "ceiling: 40 Gbit/s") turned into canonical numbers. Errors name the file and
 * the key, e.g. `.perfgate.yml: $.rules[0].min: "fast" is not …`.
 */
import { readFile } from "node:fs/promises";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { InputError } from "../util/errors.js";
import type { Config } from "./config.js";
import { kebab } from "./configSchema.js";
import { child } from "./jsonPath.js";
import { parseJson } from "./jsonText.js";
import { parseQuantity } from "./units.js";
import { validateConfigDocument } from "./validate.js";

/** kebab-case → camelCase ("history-size" → "historySize"). */
function camel(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), camelKeys(v)]));
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** camelCase keys outside `run` (whose options belong to the collectors) get a hint. */
function rejectCamelCase(value: unknown, file: string, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      rejectCamelCase(item, file, child(path, i));
    });
    return;
  }
  if (!isObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (path === "$" && key === "run") continue;
    if (/[A-Z]/.test(key) && /^[a-z]/.test(key)) {
      throw new InputError(`keys are kebab-case: write '${kebab(key)}'`, file, child(path, key));
    }
    rejectCamelCase(item, file, child(path, key));
  }
}

function parseText(text: string, file: string): unknown {
  if (/\.json$/i.test(file)) return parseJson(text, file);
  try {
    return parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos ? `line ${error.linePos[0].line}:${error.linePos[0].col}` : "";
      throw new InputError(
        `not YAML: ${error.message.split("\n")[0]?.replace(/ at line.*$/, "")}`,
        file,
        where,
      );
    }
    throw error;
  }
}

/** A config document (already parsed) → Config, or an InputError naming the key. */
export function configFromDocument(doc: unknown, file: string): Config {
  // An empty file is an empty configuration: every default applies.
  const raw = doc ?? {};
  if (!isObject(raw)) throw new InputError("expected a mapping of settings", file, "$");
  rejectCamelCase(raw, file, "$");
  validateConfigDocument(raw, file);
  const rules = Array.isArray(raw.rules) ? raw.rules : [];
  rules.forEach((rule: Record<string, unknown>, i) => {
    for (const bound of ["min", "max", "ceiling"] as const) {
      const value = rule[bound];
      if (typeof value !== "string") continue;
      const quantity = parseQuantity(value);
      if (!quantity) {
        throw new InputError(
          `${JSON.stringify(value)} is not a number with a known unit (e.g. "1 Gbit/s", "250 ms")`,
          file,
          child(child(child("$", "rules"), i), bound),
        );
      }
      rule[bound] = quantity.value;
      if (quantity.unit !== "") {
        const units = (rule.limitUnits ?? {}) as Record<string, string>;
        units[bound] = quantity.unit;
        rule.limitUnits = units;
      }
    }
  });
  return camelKeys(raw) as Config;
}

/** Parses config text read from `file` (YAML, or JSON when the name ends in .json). */
export function parseConfigText(text: string, file: string): Config {
  return configFromDocument(parseText(text, file), file);
}

/** Reads and checks a config file. */
export async function loadConfigFile(file: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read: ${code === "ENOENT" ? "no such file" : code}`, file);
  }
  return parseConfigText(text, file);
}
