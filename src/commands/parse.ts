/**
 * `perfgate parse`: other tools' output → one perfgate results file. Directories are read
 * whole (criterion's target/criterion); each file may be one round, so the same benchmark in
 * several files adds samples.
 *
 *   perfgate parse --tool go bench-1.txt bench-2.txt --out results.json
 *   perfgate parse --tool auto target/criterion
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { currentEnvironment } from "../collect/environment.js";
import { parseFiles } from "../collect/files.js";
import { parsers } from "../collect/parsers/index.js";
import { gitIdentity } from "../collect/run.js";
import { RESULTS_SCHEMA, type Results } from "../model/types.js";
import { validateResults } from "../model/validate.js";
import { UsageError } from "../util/errors.js";
import { type Flag, flagHelp } from "./flags.js";
import { optionsError } from "./options.js";

/** parse's flags: parsed by parseWith, listed by help(). */
const FLAGS = {
  tool: {
    type: "string",
    short: "t",
    value: "<name>",
    help: "the format, or auto to recognise it (default auto)",
  },
  out: { type: "string", short: "o", value: "<file>", help: "write the results there" },
  suite: { type: "string", value: "<name>", help: "suite name (default: the tool's name)" },
  help: { type: "boolean", short: "h", help: "this help" },
} as const satisfies Record<string, Flag>;

export function help(): string {
  const width = Math.max(...parsers.map((p) => p.name.length));
  const tools = parsers.map((p) => `  ${p.name.padEnd(width)}  ${p.description}`);
  return [
    "usage: perfgate parse --tool <name|auto> <file|dir>… [--out results.json] [--suite name]",
    "",
    "Reads benchmark output other tools wrote and writes one perfgate results file (to stdout",
    "without --out). Directories are read whole; globs are expanded. Each file may be one",
    "round: the same benchmark in several files adds samples.",
    "",
    flagHelp(FLAGS),
    "",
    "Tools:",
    ...tools,
    "",
    "Exit status: 0 written, 2 bad usage or input (the file and line at fault).",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseWith>;
  try {
    parsed = parseWith(argv);
  } catch (error) {
    throw optionsError(error, "parse", "parse: ");
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${help()}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("parse: name at least one file or directory");
  const tool = values.tool ?? "auto";
  const read = await parseFiles(positionals, tool);
  for (const warning of read.warnings) process.stderr.write(`perfgate: warning: ${warning}\n`);
  const notes = [
    ...(read.skipped.length > 0
      ? [`skipped ${read.skipped.length} file(s) not in the format: ${read.skipped.join(", ")}`]
      : []),
    ...read.warnings,
  ];
  const results: Results = {
    schema: RESULTS_SCHEMA,
    suite: values.suite ?? (tool === "auto" ? read.tools.join("+") : tool),
    ...gitIdentity(process.cwd()),
    timestamp: new Date().toISOString(),
    environment: currentEnvironment(),
    benchmarks: read.benchmarks,
    ...(notes.length > 0 ? { notes } : {}),
  };
  const valid = validateResults(results, "parsed results");
  const json = `${JSON.stringify(valid, null, 2)}\n`;
  if (values.out) {
    await writeFile(values.out, json);
    process.stderr.write(
      `perfgate: wrote ${valid.benchmarks.length} benchmark(s) from ${read.tools.join(", ")} to ${values.out}\n`,
    );
  } else process.stdout.write(json);
  return 0;
}

function parseWith(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: FLAGS,
  });
}
