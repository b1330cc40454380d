/**
 * Readers for command-line option values that several commands share. Each refuses junk
 * with a UsageError naming the flag and the text given; `flag` is how the message starts
 * ("--rounds", or "run: --rounds" for commands that prefix their messages).
 * An absent value (undefined) is returned as undefined, for the caller's default.
 */
import { parseTarget } from "../collect/throughput/index.js";
import { parseDuration } from "../util/duration.js";
import { UsageError } from "../util/errors.js";

/**
 * Node's parseArgs error as one line: its first sentence (the rest explains `--`), then
 * where to read more.
 */
export function optionsError(error: unknown, command: string, prefix = ""): UsageError {
  const first = (error as Error).message.split(/\.\s|\n/)[0]?.replace(/\.$/, "");
  return new UsageError(`${prefix}${first}; try 'perfgate ${command} --help'`);
}

export function wholeNumber(text: string | undefined, flag: string, least: number) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < least)
    throw new UsageError(`${flag} must be a whole number ≥ ${least}, not '${text}'`);
  return value;
}

export function positiveNumber(text: string, flag: string): number;
export function positiveNumber(text: string | undefined, flag: string): number | undefined;
export function positiveNumber(text: string | undefined, flag: string) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0))
    throw new UsageError(`${flag} must be a number above 0, not '${text}'`);
  return value;
}

/** A TCP or UDP port; `least` 0 where the system may choose one (a listener). */
export function portNumber(text: string, flag: string, least: 0 | 1): number;
export function portNumber(
  text: string | undefined,
  flag: string,
  least: 0 | 1,
): number | undefined;
export function portNumber(text: string | undefined, flag: string, least: 0 | 1) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < least || value > 65535)
    throw new UsageError(`${flag} must be a port number (${least}–65535), not '${text}'`);
  return value;
}

/** "500ms", "1s", "2m", "1h30m" … in milliseconds, above zero. */
export function durationMs(text: string | undefined, flag: string) {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0)
    throw new UsageError(`${flag} must be a duration such as 500ms, 1s or 2m, not '${text}'`);
  return ms;
}

/** The tokens of Node's parseArgs that place bare arguments. */
type Token =
  | { kind: "option"; name: string; value?: string | undefined }
  | { kind: "positional"; value: string }
  | { kind: "option-terminator" };

/**
 * The files given to each of `flags`. Several files may follow one flag
 * (`--baseline a.json b.json`), so a bare argument belongs to the last such flag seen; one
 * after any other flag, or after `--`, is refused.
 */
export function filesOfFlags<F extends string>(
  tokens: readonly Token[],
  flags: readonly F[],
  command: string,
): Record<F, string[]> {
  const files = Object.fromEntries(flags.map((f) => [f, [] as string[]])) as Record<F, string[]>;
  let flag: F | undefined;
  for (const token of tokens) {
    if (token.kind === "option") {
      flag = (flags as readonly string[]).includes(token.name) ? (token.name as F) : undefined;
      if (flag && token.value !== undefined) files[flag].push(token.value);
    } else if (token.kind === "positional") {
      if (!flag) throw new UsageError(`${command}: unexpected argument '${token.value}'`);
      files[flag].push(token.value);
    } else flag = undefined;
  }
  return files;
}

/** Where a `perfgate serve` runs, as `monitor`, `validate` and `throughput` are told it. */
export interface ServeAddress {
  host: string;
  port: number;
}

/** `host:port` with an IPv6 host in brackets, as --target takes it and lines show it. */
export function formatAddress({ host, port }: ServeAddress): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/**
 * The serve's address from either form the commands accept: `-s host [-p port]` or
 * `--target host:port` (not both). Undefined when neither is given; `defaultPort` fills a
 * missing -p.
 */
export function serveAddress(
  values: { server?: string; port?: string; target?: string },
  defaultPort: number,
): ServeAddress | undefined {
  if (values.target !== undefined) {
    if (values.server !== undefined || values.port !== undefined)
      throw new UsageError("give either --target host:port or -s host [-p port], not both");
    const address = parseTarget(values.target);
    if (!address)
      throw new UsageError(
        `--target must be host:port (IPv6 as [::1]:9292), not '${values.target}'`,
      );
    return address;
  }
  if (values.server === undefined) {
    if (values.port !== undefined)
      throw new UsageError("-p needs -s <host> (where 'perfgate serve' runs)");
    return undefined;
  }
  const host = values.server.replace(/^\[(.*)\]$/, "$1");
  if (!host) throw new UsageError("-s needs a host name or address, not ''");
  return { host, port: portNumber(values.port, "--port", 1) ?? defaultPort };
}
