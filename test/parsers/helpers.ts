import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { findParser } from "../../src/collect/parsers/index.js";
import type { Benchmark, Metric } from "../../src/model/types.js";
import { InputError } from "../../src/util/errors.js";

export const FIXTURES = join(import.meta.dirname, "../../fixtures/tools");

export function fixturePath(tool: string, file: string): string {
  return join(FIXTURES, tool, file);
}

export function readFixture(tool: string, file: string): string {
  return readFileSync(fixturePath(tool, file), "utf8");
}

/** Parses a committed fixture with the named parser, as `perfgate parse --tool` would. */
export function parseFixture(parser: string, tool: string, file: string): Benchmark[] {
  const p = findParser(parser);
  if (!p) throw new Error(`no parser ${parser}`);
  return p.parse(readFixture(tool, file), { source: fixturePath(tool, file) });
}

export function parseText(parser: string, text: string, source = "out.txt"): Benchmark[] {
  const p = findParser(parser);
  if (!p) throw new Error(`no parser ${parser}`);
  return p.parse(text, { source });
}

export function metric(benchmarks: Benchmark[], name: string, metricName: string): Metric {
  const b = benchmarks.find((x) => x.name === name);
  if (!b) throw new Error(`no benchmark ${name} in ${benchmarks.map((x) => x.name).join(", ")}`);
  const m = b.metrics[metricName];
  if (!m) throw new Error(`no metric ${metricName} in ${Object.keys(b.metrics).join(", ")}`);
  return m;
}

/** The parser refuses `text` with an InputError naming the file and (if given) the place. */
export function expectInputError(
  parser: string,
  text: string,
  message: RegExp,
  where?: RegExp,
): InputError {
  let error: unknown;
  try {
    parseText(parser, text, "bad-input.txt");
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InputError);
  const e = error as InputError;
  expect(e.file).toBe("bad-input.txt");
  expect(e.message).toMatch(message);
  if (where) expect(e.where ?? "").toMatch(where);
  return e;
}
