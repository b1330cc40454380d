import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const RESULTS = join(ROOT, "fixtures/results");

describe("fixtures/results", () => {
  it("are what the committed seeded generator writes, byte for byte", () => {
    const out = mkdtempSync(join(tmpdir(), "perfgate-fixtures-"));
    execFileSync(process.execPath, ["--import", "tsx", join(RESULTS, "generate.ts"), out], {
      cwd: ROOT,
    });
    const generated = readdirSync(out, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".json"))
      .sort();
    expect(generated.length).toBeGreaterThan(10);
    for (const file of generated) {
      expect(readFileSync(join(out, file), "utf8"), file).toBe(
        readFileSync(join(RESULTS, file), "utf8"),
      );
    }
  });
});

describe("schema/results.v1.json and history.v1.json", () => {
  it.each(["results.v1.json", "history.v1.json"])("%s describes every property", (name) => {
    const schema = JSON.parse(readFileSync(join(ROOT, "schema", name), "utf8"));
    expect(schema.$id).toMatch(/^https:\/\//);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      for (const [key, value] of Object.entries((n.properties as object) ?? {})) {
        const v = value as Record<string, unknown>;
        // A $ref carries the description of what it points to.
        if (!v.description && !v.$ref) missing.push(`${path}.${key}`);
        walk(value, `${path}.${key}`);
      }
      for (const [key, value] of Object.entries((n.$defs as object) ?? {})) {
        if (!(value as { description?: string }).description) missing.push(`$defs.${key}`);
        walk(value, `$defs.${key}`);
      }
    };
    walk(schema, "$");
    expect(missing).toEqual([]);
  });
});
