/** Helpers for the text formats: errors that name the line, and detect()'s window. */
import { InputError } from "../../util/errors.js";

/**
 * detect() looks at the first 256 KiB only, so `--tool auto` costs the same on a 100 MB
 * file as on a small one. Every format shows itself well inside that (JSON formats in their
 * first keys, text formats in their first result line); output buried under more than
 * 256 KiB of logs needs an explicit --tool.
 */
export const DETECT_WINDOW = 256 * 1024;

export function head(text: string): string {
  return text.length > DETECT_WINDOW ? text.slice(0, DETECT_WINDOW) : text;
}

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** "1,431,759" → 1431759; go and libtest print plain or comma-grouped decimals. */
export function parseNumber(s: string): number {
  return Number(s.replaceAll(",", ""));
}

export function lineError(message: string, source: string, lineIndex: number): InputError {
  return new InputError(message, source, `line ${lineIndex + 1}`);
}

/**
 * A line that starts like a result but does not finish like one: output cut off mid-line
 * (a killed run, a truncated file). Silently skipping it would drop a benchmark.
 */
export function truncatedLine(source: string, lineIndex: number, line: string): InputError {
  return lineError(
    `incomplete result line (truncated output?): ${line.trim().slice(0, 80)}`,
    source,
    lineIndex,
  );
}

/**
 * No result lines at all: an empty run, or another tool's text (often its error message).
 * Quote the start of the output so the user sees which.
 */
export function noResults(expected: string, source: string, text: string): InputError {
  const first = text
    .split(/\r?\n/)
    .find((l) => l.trim())
    ?.trim()
    .slice(0, 80);
  const what = first ? `; the output begins: ${first}` : "; the output is empty";
  return lineError(`no ${expected} lines (an empty run?)${what}`, source, 0);
}

/** The last line with text on it (0-based), for "ends early" messages. */
export function lastLineIndex(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]?.trim()) return i;
  return 0;
}
