/**
 * Opening what the user named: files, directories (every file inside, e.g. criterion's
 * target/criterion tree) and globs (`bench/**\/*.bench.{js,ts}`), then parsing each file with
 * a parser and merging them. Choosing the format is parsers/detect.ts's job; this file only
 * finds and reads.
 */
import { readdir, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Benchmark, Results } from "../model/types.js";
import { InputError } from "../util/errors.js";
import { mergeRounds, type Round } from "./merge.js";
import { autoDetect } from "./parsers/detect.js";
import { detect, parserNamed } from "./parsers/index.js";
import { type ReadOptions, readResultsFiles, readText } from "./read.js";

/** A walk that finds more files than this has wandered into the wrong tree. */
export const MAX_FILES = 10_000;

/** Folders a walk never enters: dependencies and version-control or tool state. */
const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

export interface FoundFile {
  path: string;
  /** Named by the user (or matched by their glob), not merely found inside a directory. */
  explicit: boolean;
}

const GLOB_CHARS = /[*?[{]/;

/** One path segment of a glob as a RegExp: `*`, `?`, `[abc]`, `{a,b}`. */
export function segmentToRegExp(segment: string): RegExp {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "[") {
      const end = segment.indexOf("]", i + 1);
      if (end < 0) source += "\\[";
      else {
        const body = segment
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        source += `[${body}]`;
        i = end;
      }
    } else if (c === "{") {
      const end = segment.indexOf("}", i + 1);
      if (end < 0) source += "\\{";
      else {
        const options = segment.slice(i + 1, end).split(",");
        source += `(?:${options.map((o) => o.replace(/[.+^$()|\\]/g, "\\$&")).join("|")})`;
        i = end;
      }
    } else source += c.replace(/[.+^$()|\\\]}]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

async function listDir(dir: string): Promise<{ name: string; isDir: boolean }[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .map((e) => ({ name: e.name, isDir: e.isDirectory() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

function guard(found: string[], pattern: string): void {
  if (found.length > MAX_FILES) {
    throw new InputError(`matches more than ${MAX_FILES} files; narrow it down`, pattern);
  }
}

/**
 * criterion keeps each benchmark as `<id>/new/` (this run) beside `<id>/base/` (the saved
 * baseline, often a copy of an earlier run) and `<id>/change/`: reading them all would count
 * old samples as new ones. Where a `new` folder exists, its siblings `base` and `change` are
 * skipped.
 */
const CRITERION_OLD_RUNS = new Set(["base", "change"]);

/** Every file under `dir`, sorted, skipping hidden entries and dependency folders. */
async function walk(dir: string, found: string[], pattern: string): Promise<void> {
  const entries = await listDir(dir);
  const criterion = entries.some((e) => e.isDir && e.name === "new");
  for (const entry of entries) {
    if (entry.name.startsWith(".") || SKIPPED_DIRS.has(entry.name)) continue;
    if (criterion && entry.isDir && CRITERION_OLD_RUNS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDir) await walk(path, found, pattern);
    else found.push(path);
    guard(found, pattern);
  }
}

/** Files matching the glob segments from `dir` on; `**` matches any number of folders. */
async function matchGlob(
  dir: string,
  segments: string[],
  found: string[],
  pattern: string,
): Promise<void> {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (head === "**") {
    await matchGlob(dir, rest, found, pattern); // zero folders
    for (const entry of await listDir(dir)) {
      if (!entry.isDir || entry.name.startsWith(".") || SKIPPED_DIRS.has(entry.name)) continue;
      await matchGlob(join(dir, entry.name), segments, found, pattern);
    }
    return;
  }
  const regex = segmentToRegExp(head);
  for (const entry of await listDir(dir)) {
    // A wildcard does not match hidden names unless the pattern itself starts with a dot.
    if (entry.name.startsWith(".") && !head.startsWith(".")) continue;
    if (!regex.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (rest.length === 0) {
      if (!entry.isDir) found.push(path);
    } else if (entry.isDir) await matchGlob(path, rest, found, pattern);
    guard(found, pattern);
  }
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const absolute = resolve(cwd, pattern).split(sep).join("/");
  const segments = absolute.split("/");
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  const base = segments.slice(0, firstGlob).join("/") || "/";
  const found: string[] = [];
  await matchGlob(base, segments.slice(firstGlob), found, pattern);
  return found;
}

/**
 * The files the user named, in the order named, each once. A name that matches nothing is
 * an InputError: a typo should not become an empty, passing run.
 */
export async function findFiles(patterns: string[], cwd = process.cwd()): Promise<FoundFile[]> {
  const seen = new Set<string>();
  const files: FoundFile[] = [];
  const add = (path: string, explicit: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, explicit });
  };
  for (const pattern of patterns) {
    if (GLOB_CHARS.test(pattern)) {
      const matched = await expandGlob(pattern, cwd);
      if (matched.length === 0) throw new InputError("matches no files", pattern);
      for (const path of matched) add(path, true);
      continue;
    }
    const path = resolve(cwd, pattern);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new InputError("no such file or directory", pattern);
    if (info.isDirectory()) {
      const inside: string[] = [];
      await walk(path, inside, pattern);
      if (inside.length === 0) throw new InputError("is an empty directory", pattern);
      for (const p of inside) add(p, false);
    } else add(path, true);
  }
  return files;
}

/** How a path appears in messages: relative to where the user is, when that is shorter. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/**
 * Whether a file found inside a directory is one perfgate reads: its own JSON, or the
 * named tool's (any known tool's, without one) output. The same rule as parseFiles: a file
 * the user named must parse; one merely found inside a directory is skipped when it is not
 * in the format (criterion's tree holds HTML too).
 */
function readable(text: string, tool: string | undefined): boolean {
  // perfgate's own files say so near the top (writers put "schema" first).
  if (/"schema"\s*:\s*"perfgate\//.test(text.slice(0, 4096))) return true;
  if (tool && tool !== "auto") return parserNamed(tool).detect(text);
  return detect(text).length > 0;
}

/**
 * Every run in the files `patterns` name (globs and directories expanded), in the order
 * found: one side of a comparison, read as perfgate's own files or a tool's output by
 * read.ts's rules. Files inside a named directory that are in no format perfgate reads are
 * skipped (as parseFiles does) and passed to `onSkip`.
 */
export async function readFoundResults(
  patterns: string[],
  options: ReadOptions = {},
  onSkip: (file: string) => void = () => {},
): Promise<Results[]> {
  const files: string[] = [];
  for (const file of await findFiles(patterns)) {
    const shown = displayPath(file.path);
    if (!file.explicit && !readable(await readText(file.path, shown), options.tool)) {
      onSkip(shown);
      continue;
    }
    files.push(shown);
  }
  if (files.length === 0)
    throw new InputError(`no file in ${patterns.join(", ")} is in a format perfgate reads`);
  return readResultsFiles(files, options);
}

export interface ParsedFiles {
  benchmarks: Benchmark[];
  /** Files found inside a directory that no parser (or not the chosen one) recognised. */
  skipped: string[];
  /** The formats the files were read as, e.g. ["go"]. */
  tools: string[];
  /** What the parsers found odd but read (a name repeated in one file), one line each. */
  warnings: string[];
}

/**
 * Parses every file and merges them: each file may be one round, so the same benchmark in
 * several files adds samples. Files named by the user must parse; files merely found inside
 * a directory are skipped when they are not in the format (criterion's tree holds HTML too).
 */
export async function parseFiles(
  patterns: string[],
  tool: string,
  cwd = process.cwd(),
): Promise<ParsedFiles> {
  const chosen = tool === "auto" ? undefined : parserNamed(tool);
  const rounds: Round[] = [];
  const skipped: string[] = [];
  const tools = new Set<string>();
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  for (const file of await findFiles(patterns, cwd)) {
    const source = displayPath(file.path, cwd);
    const text = await readText(file.path, source);
    let parser = chosen;
    // Found inside a directory: skip what is not in the format instead of failing on it.
    if (!file.explicit && (parser ? !parser.detect(text) : detect(text).length === 0)) {
      skipped.push(source);
      continue;
    }
    parser ??= autoDetect(text, source);
    const benchmarks = parser.parse(text, { source, warn });
    if (benchmarks.length === 0)
      throw new InputError(`no ${parser.name} benchmark results`, source);
    tools.add(parser.name);
    rounds.push({ source, benchmarks });
  }
  if (rounds.length === 0) {
    throw new InputError(
      `no file in ${patterns.join(", ")} is in a format perfgate reads` +
        (tool === "auto" ? "" : ` as ${tool}`),
    );
  }
  return { benchmarks: mergeRounds(rounds), skipped, tools: [...tools], warnings };
}
