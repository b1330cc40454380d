/**
 * Reading results: a perfgate results file (one run), a perfgate history (its runs, oldest
 * first), or another tool's output recognised by the parser registry. Every problem is an
 * InputError naming the file and where in it, which the CLI prints as one line (exit 2).
 */
import { readFile, stat } from "node:fs/promises";
import { parseJson } from "../model/jsonText.js";
import { isHistorySchema, isPerfgateDocument, migrate } from "../model/migrate.js";
import { RESULTS_SCHEMA, type Results } from "../model/types.js";
import { validateHistory, validateResults } from "../model/validate.js";
import { InputError } from "../util/errors.js";
import { autoDetect } from "./parsers/detect.js";
import { detect, parserNamed, parsers } from "./parsers/index.js";
import type { Parser } from "./parsers/types.js";

export interface ReadOptions {
  /** Parser to use for files that are not perfgate's own ("auto" or absent: detect). */
  tool?: string;
  /** Suite for tool output, which carries none (default: the parser's name). */
  suite?: string;
  /** Timestamp for tool output, which carries none (default: the file's mtime). */
  timestamp?: string;
  /**
   * readResultsFiles: the suite every run is read as, when the user named one (input or
   * flag `suite`, or the config's): a matrix's jobs may label their files differently.
   * Absent: the files must agree on their suite.
   */
  readAs?: string;
}

/** The tool whose output `text` is; undefined when none claims it (the caller says what
 *  the file is not). */
function chooseParser(text: string, file: string, tool: string | undefined): Parser | undefined {
  if (tool && tool !== "auto") return parserNamed(tool, file);
  return detect(text).length === 0 ? undefined : autoDetect(text, file);
}

async function fromTool(
  parser: Parser,
  text: string,
  file: string,
  options: ReadOptions,
): Promise<Results> {
  const notes: string[] = [];
  const benchmarks = parser.parse(text, { source: file, warn: (m) => notes.push(m) });
  const timestamp = options.timestamp ?? (await stat(file)).mtime.toISOString();
  // Normalise through the same checks as perfgate's own files (names, negatives, units).
  return validateResults(
    {
      schema: RESULTS_SCHEMA,
      suite: options.suite ?? parser.name,
      timestamp,
      environment: {},
      benchmarks,
      ...(notes.length > 0 ? { notes } : {}),
    },
    file,
  );
}

/**
 * The runs in `text` (read from `file`): one for a results file or tool output, all of
 * them (oldest first) for a history.
 */
export async function parseResultsText(
  text: string,
  file: string,
  options: ReadOptions = {},
): Promise<Results[]> {
  if (text.trim() === "") throw new InputError("the file is empty", file);
  const looksJson = /^\s*[[{]/.test(text);
  const forced = options.tool && options.tool !== "auto";
  if (!forced && looksJson) {
    const doc = parseJson(text, file);
    if (isPerfgateDocument(doc)) {
      const current = migrate(doc, file);
      if (isHistorySchema(current.schema)) return validateHistory(current, file).runs;
      return [validateResults(current, file)];
    }
  }
  const parser = chooseParser(text, file, options.tool);
  if (parser) return [await fromTool(parser, text, file, options)];
  if (looksJson) {
    throw new InputError(
      `not a perfgate results or history file ('schema' is missing) and no known tool's format (tried ${parsers.map((p) => p.name).join(", ")})`,
      file,
      "$",
    );
  }
  // Not JSON and no parser claims it: report it as the JSON error it most likely is.
  parseJson(text, file);
  throw new InputError("no known format", file);
}

/**
 * A file's text, or an InputError naming it and saying why not in words (every reader of
 * results and tool output opens files through here, so they all say it the same way).
 * `shownAs` is the name used in the message, when it differs from the path opened.
 */
export async function readText(file: string, shownAs = file): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : code === "EACCES"
            ? "permission denied"
            : code;
    throw new InputError(`cannot read: ${why ?? (error as Error).message}`, shownAs);
  }
}

/** Every run in one file. */
export async function readResults(file: string, options: ReadOptions = {}): Promise<Results[]> {
  return parseResultsText(await readText(file), file, options);
}

/**
 * Every run in several files, in the order given: the rounds (or runs) of one side of a
 * comparison. All of them must belong to one suite, unless `readAs` names the suite they
 * are all read as. compare, run, ab and the Action all read their files through here.
 */
export async function readResultsFiles(
  files: string[],
  options: ReadOptions = {},
): Promise<Results[]> {
  const all: Results[] = [];
  let first: { suite: string; file: string } | undefined;
  const { readAs } = options;
  for (const file of files) {
    for (const read of await readResults(file, options)) {
      const run = readAs !== undefined && read.suite !== readAs ? { ...read, suite: readAs } : read;
      if (!first) first = { suite: run.suite, file };
      else if (run.suite !== first.suite) {
        throw new InputError(
          `suite '${run.suite}' does not match suite '${first.suite}' of ${first.file}`,
          file,
          "$.suite",
        );
      }
      all.push(run);
    }
  }
  return all;
}
