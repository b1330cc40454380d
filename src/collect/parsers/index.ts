/**
 * Every format perfgate reads. Add a parser by importing it and listing it here; the order
 * is the order `--tool auto` tries them in (most specific first).
 */
import type { Parser } from "./types.js";

export const parsers: Parser[] = [];

export function findParser(name: string): Parser | undefined {
  return parsers.find((p) => p.name === name);
}
