/**
 * A parser turns one tool's output into benchmarks. Opening files and choosing the format
 * happen elsewhere (detect.ts); a parser sees text and a source name only.
 */
import type { Benchmark } from "../../model/types.js";

export interface ParseContext {
  /** The file (or "stdout of <command>") the text came from, for error messages. */
  source: string;
  /** Receives what is odd but readable (a name repeated in a file), one line each. */
  warn?: (message: string) => void;
}

export interface Parser {
  /** The `tool` name; github-action-benchmark's spelling where it has one ("cargo", "go", …). */
  name: string;
  /** One line for `perfgate parse --help`. */
  description: string;
  /** Cheap look at the text: could this be my format? Used by `--tool auto`. */
  detect(text: string): boolean;
  /**
   * Every benchmark and every metric the output carries, samples in canonical units.
   * Bad input throws InputError(message, context.source, "line N" or a JSON path).
   */
  parse(text: string, context: ParseContext): Benchmark[];
}
