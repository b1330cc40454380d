/**
 * What the commands that grade a run (compare, run; ab can follow) share about the report
 * they print: the --format and --fail-on choices, rendering in the chosen format, and where
 * the text goes (stdout, or the --out file with one line on stderr saying so).
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Report } from "../analyze/types.js";
import { type FailOn, SEVERITIES } from "../model/defaults.js";
import {
  compactReportChunks,
  jsonReportChunks,
  renderCompactReport,
  renderJsonReport,
  renderMarkdown,
  renderText,
  wantsColor,
} from "../report/index.js";
import { UsageError } from "../util/errors.js";

export const FORMATS = ["text", "markdown", "json"] as const;
/** The report's formats: those, and json-compact for large suites (schema/report.v2.json,
 *  report/jsonCompact.ts). */
export const REPORT_FORMATS = [...FORMATS, "json-compact"] as const;
export type Format = (typeof REPORT_FORMATS)[number];
export const FAIL_ON: readonly FailOn[] = [...SEVERITIES, "never"];

/** The narrowest table --width accepts: the fixed columns need about this much. */
export const MIN_WIDTH = 40;

/** `--width <n>`: the text report's width, shared by the commands that print one. */
export const WIDTH_FLAG = {
  type: "string",
  value: "<n>",
  help: "columns for the text report (default: $COLUMNS, else the terminal's, else 100)",
} as const;

/** A width from --width or COLUMNS: a whole number of at least MIN_WIDTH, else undefined. */
function widthOf(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return n >= MIN_WIDTH ? n : undefined;
}

/** --format (default text), --fail-on and --width checked; `command` starts each message. */
export function reportChoices(
  command: string,
  values: { format?: string; "fail-on"?: string; width?: string },
): { format: Format; failOn: FailOn | undefined; width?: number } {
  const format = values.format ?? "text";
  if (!(REPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(
      `${command}: --format must be one of ${REPORT_FORMATS.join(", ")}, not '${format}'`,
    );
  const failOn = values["fail-on"];
  if (failOn !== undefined && !(FAIL_ON as readonly string[]).includes(failOn))
    throw new UsageError(
      `${command}: --fail-on must be one of ${FAIL_ON.join(", ")}, not '${failOn}'`,
    );
  const width = widthOf(values.width);
  if (values.width !== undefined && width === undefined)
    throw new UsageError(
      `${command}: --width must be a whole number of columns, at least ${MIN_WIDTH}; got '${values.width}'`,
    );
  return {
    format: format as Format,
    failOn: failOn as FailOn | undefined,
    ...(width !== undefined ? { width } : {}),
  };
}

/** Where a report goes: a file or stdout, and what stdout is (the process's by default). */
export interface Destination {
  toFile?: boolean;
  /** --width: beats COLUMNS and the terminal's own width. */
  width?: number;
  terminal?: { isTTY?: boolean; columns?: number };
  env?: Record<string, string | undefined>;
}

/** The report in `format`. Text is coloured only for a person at a terminal (never into
 *  a file), and as wide as the terminal when there is one. */
export function renderReport(report: Report, format: Format, to: Destination = {}): string {
  if (format === "json") return renderJsonReport(report);
  if (format === "json-compact") return renderCompactReport(report);
  if (format === "markdown") return renderMarkdown(report, { target: "comment" });
  const { isTTY, columns } = to.terminal ?? process.stdout;
  const env = to.env ?? process.env;
  // As ls and git do: the flag, then COLUMNS (set by shells, and by hand for a pipe or CI),
  // then the terminal's own width; a file or pipe without either gets the text default.
  const width = to.width ?? widthOf(env.COLUMNS) ?? (isTTY && columns ? columns : undefined);
  return renderText(report, {
    color: !to.toFile && wantsColor(isTTY, env),
    ...(width !== undefined ? { width } : {}),
  });
}

/**
 * The report as pieces: a JSON report one finding at a time (a 30,000-finding report is
 * tens of MB, which need not exist as one string), the other formats whole.
 */
export function reportChunks(
  report: Report,
  format: Format,
  to: Destination = {},
): Iterable<string> {
  if (format === "json") return jsonReportChunks(report);
  if (format === "json-compact") return compactReportChunks(report);
  return [renderReport(report, format, to)];
}

/** Pieces are gathered to about this size before each write. */
const WRITE_BYTES = 1 << 16;

/** Resolves when `stream` can take more, or will take nothing more (closed, failed). */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ["drain", "close", "error"]) stream.off(event, done);
      resolve();
    };
    for (const event of ["drain", "close", "error"]) stream.on(event, done);
  });
}

/**
 * Writes `chunks` to `stream`, waiting whenever its buffer is full; stops when the reader
 * has gone (`perfgate … | head`), which is the reader's choice and not an error.
 */
async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  const gone = () => (stream as { destroyed?: boolean }).destroyed === true;
  let pending = "";
  let endsLine = false;
  const flush = async () => {
    if (!pending) return;
    endsLine = pending.endsWith("\n");
    if (!gone() && !stream.write(pending)) await drained(stream);
    pending = "";
  };
  for (const chunk of chunks) {
    if (gone()) return;
    pending += chunk;
    if (pending.length >= WRITE_BYTES) await flush();
  }
  await flush();
  if (!endsLine) pending = "\n";
  await flush();
}

/** The report ending in a newline: on stdout, or written to `out` with its status on stderr. */
export async function emitReport(
  text: string | Iterable<string>,
  status: Report["status"],
  out?: string,
): Promise<void> {
  const chunks = typeof text === "string" ? [text] : text;
  if (!out) {
    await writeChunks(process.stdout, chunks);
    return;
  }
  const file = createWriteStream(out);
  const failed = once(file, "error").then(([error]) => {
    throw error;
  });
  await Promise.race([writeChunks(file, chunks), failed]);
  file.end();
  await Promise.race([once(file, "finish"), failed]);
  process.stderr.write(`perfgate: ${status}, report written to ${out}\n`);
}
