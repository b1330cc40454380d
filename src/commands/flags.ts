/**
 * A command's flags, defined once: the same table is handed to node's parseArgs (which
 * ignores the `value` and `help` fields) and rendered as the option lines of `--help`, so
 * a flag cannot be parsed without being documented, nor documented without being parsed.
 */
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import { optionsError } from "./options.js";

export interface Flag {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** What follows the flag in the help, e.g. "<file>…"; none for a boolean. */
  value?: string;
  /** What the flag does and its default; a "\n" starts a line under the first. */
  help: string;
}

/** The option lines of a help text: "  -b, --baseline <file>…   baseline runs …", aligned. */
export function flagHelp(flags: Readonly<Record<string, Flag>>): string {
  const left = Object.entries(flags).map(([name, flag]) => {
    const short = flag.short ? `-${flag.short}, ` : "    ";
    return `  ${short}--${name}${flag.value ? ` ${flag.value}` : ""}`;
  });
  // Align on the usual lengths; a rare long flag keeps two spaces instead of widening all.
  const width = Math.min(Math.max(...left.map((l) => l.length)), 26) + 2;
  return Object.values(flags)
    .map((flag, i) => {
      const l = left[i] as string;
      const help = flag.help.split("\n").join(`\n${" ".repeat(width)}`);
      return `${l}${" ".repeat(Math.max(2, width - l.length))}${help}`;
    })
    .join("\n");
}

/**
 * `argv` parsed against a command's flags as the commands that take files do: positionals
 * allowed, an unknown flag refused (a usage error naming `command` and its --help), and the
 * tokens kept (to tell which flags were given, in order).
 */
export function parseFlags<const T extends ParseArgsOptionsConfig>(
  argv: string[],
  flags: T,
  command: string,
) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      tokens: true,
      strict: true,
      options: flags,
    });
  } catch (error) {
    throw optionsError(error, command, `${command}: `);
  }
}
