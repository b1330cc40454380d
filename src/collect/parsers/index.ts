/**
 * Every format perfgate reads. Add a parser by importing it and listing it here; names are
 * github-action-benchmark's where it has one, so a project moving from it keeps its step.
 * Each parser's detect() is specific enough that `--tool auto` finds at most one, except
 * the two custom formats, which differ only in direction (auto then asks for --tool).
 */
import { InputError } from "../../util/errors.js";
import { benchmarkdotnet } from "./benchmarkdotnet.js";
import { benchmarkjs } from "./benchmarkjs.js";
import { benchmarkluau } from "./benchmarkluau.js";
import { cargo } from "./cargo.js";
import { catch2 } from "./catch2.js";
import { criterion } from "./criterion.js";
import { customBiggerIsBetter, customSmallerIsBetter } from "./custom.js";
import { go } from "./go.js";
import { googlecpp } from "./googlecpp.js";
import { hyperfine } from "./hyperfine.js";
import { iperf3 } from "./iperf3.js";
import { jmh } from "./jmh.js";
import { julia } from "./julia.js";
import { perfgate } from "./perfgate.js";
import { pytest } from "./pytest.js";
import { tinybench } from "./tinybench.js";
import type { Parser } from "./types.js";
import { vitest } from "./vitest.js";

export const parsers: Parser[] = [
  cargo,
  go,
  benchmarkjs,
  benchmarkluau,
  pytest,
  googlecpp,
  catch2,
  julia,
  jmh,
  benchmarkdotnet,
  customBiggerIsBetter,
  customSmallerIsBetter,
  criterion,
  hyperfine,
  iperf3,
  tinybench,
  vitest,
  perfgate,
];

export function findParser(name: string): Parser | undefined {
  return parsers.find((p) => p.name === name);
}

/** The parser named `tool`, or an InputError (about `source`, when given) listing the
 *  names there are. */
export function parserNamed(tool: string, source?: string): Parser {
  const parser = findParser(tool);
  if (!parser) {
    throw new InputError(
      `unknown tool '${tool}' (known: auto, ${parsers.map((p) => p.name).join(", ")})`,
      source,
    );
  }
  return parser;
}

/** Which parsers would read this text (for callers that want to choose themselves). */
export function detect(text: string): Parser[] {
  return parsers.filter((p) => p.detect(text));
}
