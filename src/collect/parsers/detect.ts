/**
 * `--tool auto`: ask every parser's cheap detect() and take the one that says yes. None or
 * several is an InputError that names what was tried, so the user knows which --tool to pass.
 */
import { InputError } from "../../util/errors.js";
import { parsers } from "./index.js";
import type { Parser } from "./types.js";

export function autoDetect(text: string, source: string): Parser {
  const yes = parsers.filter((p) => p.detect(text));
  if (yes.length === 1) return yes[0] as Parser;
  if (yes.length === 0) {
    const tried = parsers.map((p) => p.name).join(", ");
    const what = text.trim() === "" ? "the file is empty" : "no format recognised";
    throw new InputError(`${what} (tried ${tried}); pass --tool <name>`, source, "line 1");
  }
  throw new InputError(
    `could be ${yes.map((p) => p.name).join(" or ")}; pass --tool <name> to choose`,
    source,
  );
}
