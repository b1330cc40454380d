/**
 * src/model/validate.ts compiles the shipped schemas without checking them against the
 * JSON Schema 2020-12 meta-schema (that check costs a cold Action run about 45 ms of CPU).
 * This is that check, done once here: a schema edit that breaks it fails CI instead.
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";

const SHIPPED = ["results", "history", "config"];

function schema(name: string): Record<string, unknown> {
  const url = new URL(`../../schema/${name}.v1.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
}

describe("the shipped schemas", () => {
  it.each(SHIPPED)("%s.v1.json is a valid JSON Schema 2020-12 document", (name) => {
    const ajv = new Ajv2020({ strict: false });
    const valid = ajv.validateSchema(schema(name));
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("a schema that breaks the meta-schema is caught by this check", () => {
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validateSchema({ type: "no-such-type" })).toBe(false);
  });
});
