/**
 * Every format perfgate reads. Add a parser by importing it and listing it here; names are
 * github-action-benchmark's where it has one, so a project moving from it keeps its step.
 */
import { customBiggerIsBetter, customSmallerIsBetter } from "./custom.js";
import type { Parser } from "./types.js";

export const parsers: Parser[] = [customBiggerIsBetter, customSmallerIsBetter];

export function findParser(name: string): Parser | undefined {
  return parsers.find((p) => p.name === name);
}

/** Which parsers would read this text (for callers that want to choose themselves). */
export function detect(text: string): Parser[] {
  return parsers.filter((p) => p.detect(text));
}
