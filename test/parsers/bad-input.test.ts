/**
 * Bad output for every format, table-driven: a truncated file, a tool's error text instead
 * of results, an empty run and another format each give one InputError that names the file
 * and the place (a line, or a JSON path where the JSON is well-formed but not this format).
 */
import { describe, expect, it } from "vitest";
import { parsers } from "../../src/collect/parsers/index.js";
import { expectInputError, readFixture } from "./helpers.js";

interface Case {
  parser: string;
  /** A real output of the tool (tool folder, file). */
  fixture: [string, string];
  /** Text formats: cut right after this text, mid-line. JSON: cut at 60 %. */
  cutAfter?: string;
  truncated: RegExp;
}

const JSON_CUT = /ends early \(truncated file\?\)/;
const LINE_CUT = /incomplete result line \(truncated output\?\)/;

const cases: Case[] = [
  { parser: "go", fixture: ["go", "output.txt"], cutAfter: "57045", truncated: LINE_CUT },
  { parser: "cargo", fixture: ["cargo", "output.txt"], cutAfter: "703.", truncated: LINE_CUT },
  {
    parser: "benchmarkjs",
    fixture: ["benchmarkjs", "output.txt"],
    cutAfter: "253,873",
    truncated: LINE_CUT,
  },
  {
    parser: "benchmarkluau",
    fixture: ["benchmarkluau", "output.txt"],
    cutAfter: "15.04",
    truncated: LINE_CUT,
  },
  {
    parser: "catch2",
    fixture: ["catch2", "output.txt"],
    cutAfter: "798.8",
    truncated: /lacks its mean/,
  },
  { parser: "pytest", fixture: ["pytest", "with-data.json"], truncated: JSON_CUT },
  { parser: "googlecpp", fixture: ["googlecpp", "output.json"], truncated: JSON_CUT },
  { parser: "julia", fixture: ["julia", "output.json"], truncated: JSON_CUT },
  { parser: "jmh", fixture: ["jmh", "output.json"], truncated: JSON_CUT },
  { parser: "benchmarkdotnet", fixture: ["benchmarkdotnet", "output.json"], truncated: JSON_CUT },
  { parser: "customBiggerIsBetter", fixture: ["custom", "bigger.json"], truncated: JSON_CUT },
  { parser: "customSmallerIsBetter", fixture: ["custom", "smaller.json"], truncated: JSON_CUT },
  {
    parser: "criterion",
    fixture: ["criterion", "published/cargo-criterion-messages.ndjson"],
    truncated: /not a JSON message \(truncated line\?\)/,
  },
  {
    parser: "criterion",
    fixture: ["criterion", "cargo-bench-stdout.txt"],
    cutAfter: "[7.9652 µs 14.0",
    truncated: LINE_CUT,
  },
  { parser: "hyperfine", fixture: ["hyperfine", "output.json"], truncated: JSON_CUT },
  { parser: "iperf3", fixture: ["iperf3", "tcp.json"], truncated: JSON_CUT },
  { parser: "tinybench", fixture: ["tinybench", "tasks.json"], truncated: JSON_CUT },
  { parser: "vitest", fixture: ["vitest", "output.json"], truncated: JSON_CUT },
];

/** What hyperfine printed here when its command failed: a real tool's error text. */
const ERROR_TEXT = readFixture("hyperfine", "error-nonzero-exit.txt");

describe("bad input", () => {
  it("covers every parser but perfgate's own (tested with its own file)", () => {
    const covered = [...new Set(cases.map((c) => c.parser))].sort();
    const all = parsers
      .map((p) => p.name)
      .filter((n) => n !== "perfgate")
      .sort();
    expect(covered).toEqual(all);
  });

  it.each(cases)("$parser: a truncated file names the line where it stops", (c) => {
    const text = readFixture(...c.fixture);
    const cut = c.cutAfter
      ? text.slice(0, text.indexOf(c.cutAfter) + c.cutAfter.length)
      : text.slice(0, Math.floor(text.length * 0.6));
    expect(cut.length).toBeLessThan(text.length);
    const e = expectInputError(c.parser, cut, c.truncated, /^line \d+$/);
    const line = Number(/\d+/.exec(e.where ?? "")?.[0]);
    // The line named is the one the text stops on (or, for Catch2, the last one it has).
    expect(line).toBe(cut.trimEnd().split("\n").length);
  });

  it.each(cases)("$parser: a tool's error text instead of results is quoted", (c) => {
    expectInputError(
      c.parser,
      ERROR_TEXT,
      /Benchmark 1: false|Error: Command terminated/,
      /^line 1$/,
    );
  });

  it.each(cases)("$parser: an empty file", (c) => {
    expectInputError(c.parser, "", /empty/, /^line 1$/);
  });

  it.each(cases)("$parser: another tool's output is refused", (c) => {
    const other =
      c.fixture[0] === "hyperfine"
        ? readFixture("iperf3", "udp.json")
        : readFixture("hyperfine", "output.json");
    expectInputError(c.parser, other, /./);
  });
});
