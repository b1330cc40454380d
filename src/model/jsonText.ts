/** Parsing JSON text so that a syntax error names its line and column. */
import { InputError } from "../util/errors.js";

/** "line L:C" for a character offset, as editors count (1-based). */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return `line ${lines.length}:${(lines.at(-1)?.length ?? 0) + 1}`;
}

/**
 * JSON.parse with the position of a syntax error as line:column. V8's messages differ
 * between Node versions; all of them carry "position N" when they know where.
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : text.length;
    // Keep the reason, drop V8's quoted excerpt of the text and its own position suffix.
    const reason = message
      .replace(/,? ".*" is not valid JSON/s, "")
      .replace(/ in JSON at position \d+.*$/s, "")
      .replace(/ \(line \d+ column \d+\)/, "")
      .trim();
    throw new InputError(`not JSON: ${reason}`, file, lineColumn(text, offset));
  }
}
