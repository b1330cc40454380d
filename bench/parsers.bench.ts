/**
 * Parsers: how fast each format is read, on large inputs grown from the committed real-tool
 * fixtures (fixtures/tools/), as a ratio to a reference measured here on the same text:
 * JSON.parse for the JSON formats, a split into lines for the text formats. Also how much
 * `--tool auto` detection costs next to the parse it precedes.
 *
 *   npm run bench -- parsers
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { autoDetect } from "../src/collect/parsers/detect.js";
import { findParser } from "../src/collect/parsers/index.js";
import { markdownTable } from "./lib/table.js";
import { startTimer } from "./lib/timer.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/tools/", import.meta.url));
/** Each input grows to about this size: big enough that a parse takes milliseconds. */
const TARGET_BYTES = 8 * 1024 * 1024;
/** Best of this many timings: the machine is shared, the minimum is the least disturbed. */
const REPEATS = 7;

const read = (path: string) => readFileSync(FIXTURES + path, "utf8");

/** Text output repeated with the benchmark names made unique, so each copy is new benchmarks. */
function growText(text: string, rename: (line: string, copy: number) => string): string {
  const copies = Math.ceil(TARGET_BYTES / text.length);
  const lines = text.split("\n");
  const out: string[] = [];
  for (let c = 0; c < copies; c++) for (const l of lines) out.push(rename(l, c));
  return out.join("\n");
}

/** A JSON list repeated, each copy renamed by `rename`. */
function growJson<T>(items: T[], rename: (item: T, copy: number) => T): T[] {
  const size = JSON.stringify(items).length;
  const copies = Math.ceil(TARGET_BYTES / size);
  const out: T[] = [];
  for (let c = 0; c < copies; c++) for (const item of items) out.push(rename(item, c));
  return out;
}

/** The reference each format is measured against: what reading the text at all costs. */
type Reference = "JSON.parse" | "JSON.parse per line" | "split lines";

interface Input {
  tool: string;
  text: string;
  reference: Reference;
}

const REFERENCES: Record<Reference, (text: string) => unknown> = {
  "JSON.parse": (text) => JSON.parse(text),
  "JSON.parse per line": (text) => text.split("\n").map((l) => JSON.parse(l)),
  "split lines": (text) => text.split("\n"),
};

function inputs(): Input[] {
  const go = growText(read("go/output.txt"), (l, c) =>
    l.replace(/^Benchmark(\w+)/, `Benchmark$1_${c}`),
  );
  const cargo = growText(read("cargo/output.txt"), (l, c) =>
    l.replace(/^test (\S+)/, `test $1_${c}`),
  );
  const g = JSON.parse(read("googlecpp/output.json"));
  g.benchmarks = growJson(g.benchmarks as Record<string, unknown>[], (b, c) => ({
    ...b,
    name: `${b.name}_${c}`,
    run_name: `${b.run_name}_${c}`,
  }));
  const h = JSON.parse(read("hyperfine/output.json"));
  h.results = growJson(h.results as Record<string, unknown>[], (r, c) => ({
    ...r,
    command: `${r.command} #${c}`,
  }));
  const p = JSON.parse(read("pytest/with-data.json"));
  p.benchmarks = growJson(p.benchmarks as Record<string, unknown>[], (b, c) => ({
    ...b,
    fullname: `${b.fullname}_${c}`,
  }));
  const crit = growText(
    read("criterion/published/cargo-criterion-messages.ndjson").trimEnd(),
    (l, c) => l.replace(/"id":"([^"]*)"/, `"id":"$1 #${c}"`),
  );
  return [
    { tool: "go", text: go, reference: "split lines" },
    { tool: "cargo", text: cargo, reference: "split lines" },
    { tool: "criterion", text: crit, reference: "JSON.parse per line" },
    { tool: "googlecpp", text: JSON.stringify(g), reference: "JSON.parse" },
    { tool: "hyperfine", text: JSON.stringify(h), reference: "JSON.parse" },
    { tool: "pytest", text: JSON.stringify(p), reference: "JSON.parse" },
  ];
}

function best(fn: () => unknown): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < REPEATS; i++) {
    const elapsed = startTimer();
    fn();
    min = Math.min(min, elapsed());
  }
  return min;
}

export default async function (): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const input of inputs()) {
    const parser = findParser(input.tool);
    if (!parser) throw new Error(`no parser ${input.tool}`);
    const source = `${input.tool}-large`;
    let benchmarks = 0;
    const parseMs = best(() => {
      benchmarks = parser.parse(input.text, { source }).length;
    });
    const referenceMs = best(() => REFERENCES[input.reference](input.text));
    const detectMs = best(() => autoDetect(input.text, source));
    const mb = input.text.length / 1e6;
    rows.push([
      input.tool,
      mb.toFixed(1),
      benchmarks,
      parseMs.toFixed(1),
      (mb / (parseMs / 1000)).toFixed(0),
      input.reference,
      `${(parseMs / referenceMs).toFixed(1)}×`,
      `${((100 * detectMs) / parseMs).toFixed(1)} %`,
    ]);
  }
  console.log(
    markdownTable(
      [
        "format",
        "MB",
        "benchmarks",
        "parse ms (best of 7)",
        "MB/s",
        "reference",
        "parse ÷ reference",
        "auto-detect ÷ parse",
      ],
      rows,
    ),
  );
}
