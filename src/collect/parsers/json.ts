/**
 * JSON reading shared by the JSON formats: a syntax error or a truncated file becomes an
 * InputError naming the line, and small typed accessors name the JSON path at fault.
 */
import { InputError } from "../../util/errors.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Parses JSON text; a syntax error says on which line the text stops making sense. */
export function readJson(text: string, source: string, what: string): Json {
  if (text.trim() === "")
    throw new InputError(`the file is empty, expected ${what}`, source, "line 1");
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const offset = errorOffset(text, message);
    const truncated = offset >= text.trimEnd().length;
    // A truncated file stops on its last line with text, whatever whitespace follows.
    const line = (truncated ? text.trimEnd() : text.slice(0, offset)).split("\n").length;
    if (!/^\s*[[{]/.test(text)) {
      const first = text.trimStart().split("\n")[0]?.slice(0, 80);
      throw new InputError(`expected ${what}, found text: ${first}`, source, `line ${line}`);
    }
    throw new InputError(
      truncated ? `${what} ends early (truncated file?)` : `not valid JSON for ${what}: ${message}`,
      source,
      `line ${line}`,
    );
  }
}

/**
 * Where JSON.parse gave up. Newer V8 says "at position N"; for "Unexpected token 'x'" it
 * does not, so take the first x outside a string (good enough to name the line).
 */
function errorOffset(text: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const token = /Unexpected token '(.)'/.exec(message)?.[1];
  if (token === undefined) return text.length;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === token) return i;
  }
  return 0;
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A number at `path`, or an InputError naming the path. */
export function num(v: Json | undefined, source: string, path: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new InputError(`expected a number, found ${describe(v)}`, source, path);
  }
  return v;
}

export function str(v: Json | undefined, source: string, path: string): string {
  if (typeof v !== "string") {
    throw new InputError(`expected a string, found ${describe(v)}`, source, path);
  }
  return v;
}

export function arr(v: Json | undefined, source: string, path: string): Json[] {
  if (!Array.isArray(v))
    throw new InputError(`expected an array, found ${describe(v)}`, source, path);
  return v;
}

export function obj(v: Json | undefined, source: string, path: string): JsonObject {
  if (!isObject(v)) throw new InputError(`expected an object, found ${describe(v)}`, source, path);
  return v;
}

export function numbers(v: Json | undefined, source: string, path: string): number[] {
  return arr(v, source, path).map((x, i) => num(x, source, `${path}[${i}]`));
}

function describe(v: Json | undefined): string {
  if (v === undefined) return "nothing (missing)";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
}

/** Cheap check used by detect(): the text starts like JSON of the given kind. */
export function startsWith(text: string, open: "{" | "["): boolean {
  return text.trimStart().startsWith(open);
}

/** An empty run: the format's result list has nothing in it. */
export function emptyRun(source: string, where: string, what: string): InputError {
  return new InputError(`no benchmark results in ${what} (empty run?)`, source, where);
}
