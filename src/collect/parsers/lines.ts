/** Helpers for the line-oriented text formats: errors that name the line. */
import { InputError } from "../../util/errors.js";

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

/** The last line with text on it (0-based), for "ends early" messages. */
export function lastLineIndex(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]?.trim()) return i;
  return 0;
}
