/**
 * perfgate as a library: `import { compare, readResults, renderMarkdown } from "perfgate"`.
 *
 * This file is the whole public surface and its types are what dist/lib.d.ts ships
 * (scripts/bundle.mjs): a name added here is a promise to users, so add few and name them
 * for what a user does. Nothing here prints, exits or installs a signal handler; the caller
 * owns the process. Bad input throws InputError (a file, where in it, what is wrong).
 *
 *   parse / read ──► Results ──► compare() ──► Report ──► renderMarkdown / renderText / renderJson
 *   measureThroughput() ──► Results                 Monitor: start(), snapshot(), stop()
 */
import { compareRuns } from "./analyze/compareRuns.js";
import type { Report } from "./analyze/types.js";
import { readFoundResults } from "./collect/files.js";
import { parsers } from "./collect/parsers/index.js";
import { parseResultsText } from "./collect/read.js";
import { runThroughputSuite, type ThroughputOptions } from "./collect/throughput/index.js";
import type { Config } from "./model/config.js";
import { loadConfigFile, parseConfigText } from "./model/configFile.js";
import type { FailOn } from "./model/defaults.js";
import type { Results } from "./model/types.js";
import {
  renderMarkdown as markdownOf,
  renderJsonReport,
  renderText as textOf,
  toJsonReport,
} from "./report/index.js";

export type { Change, Finding, Flag, Mode, Report, Trend, Verdict } from "./analyze/types.js";
export type { Config } from "./model/config.js";
export type { FailOn, Severity, Thresholds } from "./model/defaults.js";
export type { Benchmark, Direction, Environment, Metric, Results } from "./model/types.js";
export type { JsonReport } from "./report/index.js";
export { InputError, UsageError } from "./util/errors.js";
export { VERSION as version } from "./version.js";

// ── reading results ─────────────────────────────────────────────────────────────────────

/** The tools whose output perfgate reads, as `tool` names ("cargo", "go", "hyperfine", …). */
export const tools: readonly string[] = parsers.map((p) => p.name);

export interface ParseOptions {
  /** The tool that wrote the text (one of `tools`); absent or "auto": detected. */
  tool?: string;
  /** Named in errors and warnings (default "<text>"). */
  source?: string;
  /** Suite of tool output, which names none (default: the tool's name). */
  suite?: string;
  /** RFC 3339 time of tool output, which carries none (default: now). */
  timestamp?: string;
}

/**
 * The runs in `text`: perfgate's own results (one run) or history (its runs, oldest first),
 * or one run read from a tool's output.
 */
export function parseResults(text: string, options: ParseOptions = {}): Promise<Results[]> {
  const { source = "<text>", timestamp = new Date().toISOString(), ...rest } = options;
  return parseResultsText(text, source, { ...rest, timestamp });
}

export interface ReadOptions {
  /** The tool that wrote the files (one of `tools`); absent or "auto": detected per file. */
  tool?: string;
  /** Suite of tool output, which names none (default: the tool's name). */
  suite?: string;
}

/**
 * Every run in the files named (paths, globs like "bench/*.json", or directories), in the
 * order found, as `perfgate compare --baseline/--current` reads them. Files found inside a
 * directory that are in no known format are skipped; named ones must parse.
 */
export function readResults(
  files: string | string[],
  options: ReadOptions = {},
): Promise<Results[]> {
  return readFoundResults(typeof files === "string" ? [files] : files, options);
}

/** A `.perfgate.yml` (thresholds, rules, accept entries) read and checked. */
export function readConfig(file: string): Promise<Config> {
  return loadConfigFile(file);
}

/** The same from text. */
export function parseConfig(text: string, source = "<text>"): Config {
  return parseConfigText(text, source);
}

// ── the verdict ─────────────────────────────────────────────────────────────────────────

export interface CompareOptions {
  /**
   * History: the baseline branch's runs, oldest first (a history file read with
   * readResults gives them so). Paired: the base side's rounds in the order they ran.
   */
  baseline: Results[];
  /** The run under test: its rounds (one file each), or one file with several samples. */
  current: Results[];
  /** Baseline file i and current file i ran back to back on one machine. */
  paired?: boolean;
  config?: Config;
  /** Lowest severity that fails (default "critical"; "never" to report only). */
  failOn?: FailOn;
  /** History: compare with at most this many newest runs (default: the config's
   *  `history-size`, else 30). */
  historySize?: number;
  seed?: number;
}

/**
 * Grades every benchmark and metric of `current` against `baseline`: the report that
 * `perfgate compare --format json` prints (renderJson gives that text), less the CLI's
 * "not confirmed" note (it read files, so it cannot run more rounds). Pure.
 */
export function compare(options: CompareOptions): Report {
  // As in the CLI: an argument wins over the config, which wins over the default.
  const historySize = options.historySize ?? options.config?.historySize;
  return compareRuns({ ...options, ...(historySize !== undefined ? { historySize } : {}) });
}

/** True when the report fails the gate (a finding at or above `failOn`). */
export function failed(report: Report): boolean {
  return report.status === "fail";
}

// ── rendering ───────────────────────────────────────────────────────────────────────────

export interface MarkdownOptions {
  /** "comment" (a PR comment, ≤ 65,536 characters, the default) or "summary" (a job
   *  summary, ≤ 1 MiB); the text is trimmed in stages to fit. */
  target?: "comment" | "summary";
  /** A smaller size limit than the target's. */
  limit?: number;
  /** Heading (default "perfgate · <suite>"); escaped. */
  title?: string;
}

/** GitHub-flavoured Markdown, as the Action's comment and job summary. */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  return markdownOf(report, { ...options, target: options.target ?? "comment" });
}

export interface TextOptions {
  /** ANSI colours (default false). */
  color?: boolean;
  /** Columns available (default 100). */
  width?: number;
}

/** The terminal table `perfgate compare` prints. */
export function renderText(report: Report, options: TextOptions = {}): string {
  return textOf(report, { ...options, color: options.color ?? false });
}

/** The JSON report (schema/report.v1.json), as `perfgate compare --format json` prints it. */
export function renderJson(report: Report): string {
  return renderJsonReport(report);
}

/** The same as an object. */
export { toJsonReport };

// ── measuring ───────────────────────────────────────────────────────────────────────────

export type MeasureThroughputOptions = Pick<
  ThroughputOptions,
  "quick" | "rounds" | "target" | "pin" | "commit" | "ref" | "scaling" | "connections"
>;

/**
 * The built-in network-throughput suite (`perfgate throughput`): TCP and TLS transfers,
 * round trips and connection set-up over loopback, or to a remote `perfgate serve` when
 * `target` ("host:port") is given. Starts perfgate's own child processes.
 */
export function measureThroughput(options: MeasureThroughputOptions = {}): Promise<Results> {
  return runThroughputSuite(options);
}

// ── the live monitor ────────────────────────────────────────────────────────────────────

export {
  type Health,
  type HealthChangeEvent,
  type IntervalFigures,
  MONITOR_DEFAULTS,
  Monitor,
  type MonitorEvents,
  type MonitorOptions,
  type MonitorSnapshot,
  type MonitorSummary,
} from "./monitor/index.js";
