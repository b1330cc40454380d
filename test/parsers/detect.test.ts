/** `--tool auto`: every committed fixture is recognised as its own format, and only that. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { autoDetect } from "../../src/collect/parsers/detect.js";
import { detect, parsers } from "../../src/collect/parsers/index.js";
import { validateResults } from "../../src/model/validate.js";
import { InputError } from "../../src/util/errors.js";
import { FIXTURES } from "./helpers.js";

/** Tool output in a fixture folder: not the READMEs, the programs that made it, or their
 *  build files, nor criterion's benchmark.json (metadata beside sample.json). */
const OUTPUT = /\.(json|txt|ndjson)$/;
const NOT_OUTPUT = /(^|\/)(README\.md|benchmark\.json|Cargo\.lock)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const outputs = files(FIXTURES)
  .map((f) => relative(FIXTURES, f))
  .filter((f) => OUTPUT.test(f) && !NOT_OUTPUT.test(f))
  .sort();
const errors = outputs.filter((f) => /(^|\/)error-/.test(f));
const results = outputs.filter((f) => !errors.includes(f) && !f.startsWith("custom/"));

describe("autoDetect", () => {
  it("has fixtures for every format", () => {
    const tools = new Set(outputs.map((f) => f.split("/")[0]));
    for (const p of parsers) {
      const folder = p.name.startsWith("custom") ? "custom" : p.name;
      expect(tools, p.name).toContain(folder);
    }
  });

  it.each(results)("recognises %s as its tool's format, and only that", (file) => {
    const text = readFileSync(join(FIXTURES, file), "utf8");
    const tool = file.split("/")[0];
    expect(parsers.filter((p) => p.detect(text)).map((p) => p.name)).toEqual([tool]);
    expect(autoDetect(text, file).name).toBe(tool);
  });

  it.each(results)("%s parses into a schema-valid results file, samples finite", (file) => {
    const text = readFileSync(join(FIXTURES, file), "utf8");
    const benchmarks = autoDetect(text, file).parse(text, { source: join(FIXTURES, file) });
    const doc = {
      schema: "perfgate/results/v1",
      suite: "fixture",
      timestamp: "2026-01-01T00:00:00Z",
      environment: {},
      benchmarks,
    };
    expect(() => validateResults(doc, file)).not.toThrow();
    for (const b of benchmarks) {
      for (const m of Object.values(b.metrics)) {
        expect(m.samples.length).toBeGreaterThan(0);
        for (const v of m.samples) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it("asks which custom format is meant, since only the direction differs", () => {
    const text = readFileSync(join(FIXTURES, "custom/bigger.json"), "utf8");
    expect(() => autoDetect(text, "bigger.json")).toThrow(
      /could be customBiggerIsBetter or customSmallerIsBetter; pass --tool/,
    );
  });

  it.each(errors)("refuses the error output %s, with --tool and with auto", (file) => {
    const text = readFileSync(join(FIXTURES, file), "utf8");
    const tool = file.split("/")[0] as string;
    const parser = parsers.find((p) => p.name === tool);
    expect(() => parser?.parse(text, { source: file })).toThrow(InputError);
    let error: unknown;
    try {
      // JSON formats that carry their error inside (iperf3, Google Benchmark, tinybench) are
      // recognised and then refused by their parser; plain error text is not recognised.
      autoDetect(text, file).parse(text, { source: file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe(file);
    if (!detect(text).length) {
      expect((error as InputError).message).toMatch(
        /no format recognised \(tried cargo, go, .*perfgate\)/,
      );
    }
  });

  it("calls an empty file empty", () => {
    expect(() => autoDetect("\n", "out.txt")).toThrow(/out\.txt: line 1: the file is empty/);
  });
});
