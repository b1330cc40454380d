/**
 * The public JSON report (schema/report.v1.json): what `perfgate compare --format json`
 * prints and the Action uploads. It is its own versioned type, so the in-memory Report can
 * change without breaking the people who read this.
 *
 * Every key is always present (null when it does not apply), so a reader never has to tell
 * "absent" from "not computed". JSON has no NaN or Infinity: such numbers become null.
 */
import type { Change, Finding, Flag, Mode, Report, Trend, Verdict } from "../analyze/types.js";
import type { FailOn, Severity, Thresholds } from "../model/defaults.js";
import type { SettingNote } from "../model/settings.js";
import { type Collection, type Environment, REPORT_SCHEMA } from "../model/types.js";
import { formatChange, formatValue } from "./format.js";

/** Change and interval, relative: current / baseline − 1 (0.12 = +12 %). */
export interface JsonChange {
  kind: "relative";
  estimate: number | null;
  low: number | null;
  high: number | null;
  level: number;
  pValue: number | null;
  adjustedPValue: number | null;
}

export interface JsonTrend {
  slopePerRun: number | null;
  totalChange: number | null;
  runs: number;
  flagged: boolean;
}

export interface JsonFinding {
  benchmark: string;
  metric: string;
  /** The unit of baseline, current, series and limit.value. */
  unit: string;
  direction: "higher" | "lower";
  verdict: Verdict;
  severity: Severity | "none";
  baseline: number | null;
  current: number | null;
  change: JsonChange | null;
  /** The same figures as a person reads them, e.g. "12.5 ms" and "+7.0% [+5.0%, +9.0%]". */
  text: { baseline: string | null; current: string | null; change: string | null };
  reason: string;
  roundsToDecide: number | null;
  limit: { bound: "min" | "max"; value: number } | null;
  flags: Flag[];
  trend: JsonTrend | null;
  series: Array<number | null>;
  minDetectable: number | null;
  /** Who accepted this failing regression (a label, or .perfgate.yml accept:), or null. */
  accepted: string | null;
}

export interface JsonReport {
  schema: typeof REPORT_SCHEMA;
  suite: string;
  mode: Mode;
  status: "pass" | "fail";
  worst: Severity | "none";
  failOn: FailOn;
  thresholds: Thresholds;
  counts: Report["counts"];
  baseline: { runs: number; commits: string[] };
  current: {
    rounds: number;
    commit: string | null;
    ref: string | null;
    environment: Environment;
    collection?: Collection;
  };
  /** Settings not at their built-in default, each with where it came from. */
  settings: SettingNote[];
  warnings: string[];
  findings: JsonFinding[];
}

const finite = (x: number | undefined): number | null =>
  x !== undefined && Number.isFinite(x) ? x : null;

function jsonChange(change: Change): JsonChange {
  // Key order is the order a person reads them in.
  return {
    kind: "relative",
    estimate: finite(change.estimate),
    low: finite(change.low),
    high: finite(change.high),
    level: change.level,
    pValue: finite(change.pValue),
    adjustedPValue: finite(change.adjustedPValue),
  };
}

function jsonTrend(trend: Trend): JsonTrend {
  return {
    slopePerRun: finite(trend.slopePerRun),
    totalChange: finite(trend.totalChange),
    runs: trend.runs,
    flagged: trend.flagged,
  };
}

export function jsonFinding(f: Finding): JsonFinding {
  const shown = (v: number | undefined) => (v === undefined ? null : formatValue(v, f.unit));
  return {
    benchmark: f.benchmark,
    metric: f.metric,
    unit: f.unit,
    direction: f.direction,
    verdict: f.verdict,
    severity: f.severity ?? "none",
    baseline: finite(f.baseline),
    current: finite(f.current),
    change: f.change ? jsonChange(f.change) : null,
    text: {
      baseline: shown(f.baseline),
      current: shown(f.current),
      change: f.change ? formatChange(f.change) : null,
    },
    reason: f.reason,
    // "About how many rounds": a whole number, rounded up so it is enough.
    roundsToDecide: f.roundsToDecide === undefined ? null : Math.ceil(f.roundsToDecide),
    limit: f.limit ? { bound: f.limit.bound, value: f.limit.value } : null,
    flags: f.flags.map((flag) => ({ kind: flag.kind, message: flag.message })),
    trend: f.trend ? jsonTrend(f.trend) : null,
    series: f.series.map((x) => finite(x)),
    minDetectable: finite(f.minDetectable),
    accepted: f.accepted ?? null,
  };
}

export function toJsonReport(report: Report): JsonReport {
  return {
    schema: REPORT_SCHEMA,
    suite: report.suite,
    mode: report.mode,
    status: report.status,
    worst: report.worst,
    failOn: report.failOn,
    thresholds: { ...report.thresholds },
    counts: { ...report.counts },
    baseline: { runs: report.baseline.runs, commits: [...report.baseline.commits] },
    current: {
      rounds: report.current.rounds,
      commit: report.current.commit ?? null,
      ref: report.current.ref ?? null,
      environment: { ...report.current.environment },
      ...(report.current.collection ? { collection: report.current.collection } : {}),
    },
    settings: (report.settings ?? []).map((note) => ({ ...note })),
    warnings: [...report.warnings],
    findings: report.findings.map(jsonFinding),
  };
}

/** A JSON array of numbers as JSON.stringify(…, 2) lays it out: one number per line. */
const NUMBER_ARRAY = /\[\n\s*(?:-?[\d.eE+-]+|null)(?:,\n\s*(?:-?[\d.eE+-]+|null))*\n\s*\]/g;

/** Indented JSON with arrays of numbers (the 30-point series) on one line. */
export function layout(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    NUMBER_ARRAY,
    (array) =>
      `[${array
        .slice(1, -1)
        .split(",")
        .map((x) => x.trim())
        .join(", ")}]`,
  );
}

/** Stands for a finding's series while the rest is stringified; quoted, it is
 *  `"\u0000series"`, which no other value of the key "series" can be. */
const SERIES_MARK = "\u0000series";
const MARKED = `"series": ${JSON.stringify(SERIES_MARK)}`;

/** An array of numbers as layout() puts it on one line. */
function oneLine(series: ReadonlyArray<number | null>): string {
  let out = "";
  for (let i = 0; i < series.length; i++) out += `${i > 0 ? ", " : ""}${series[i] ?? "null"}`;
  return `[${out}]`;
}

/** Findings laid out per batch: a few hundred per piece keeps pieces ~0.5 MB. */
const FINDINGS_PER_PIECE = 256;

/**
 * `findings` as layout() writes them inside the report (4 spaces in, comma-separated),
 * each followed by ",\n" unless `last`. Not by layout() itself, whose pattern and
 * re-indenting took most of the 2 s a 30,000-finding report took to print: one
 * JSON.stringify of the batch, wrapped so that it indents the findings as the report
 * does, with each series written on one line where its mark stands.
 */
function findingsText(findings: readonly Finding[], last: boolean): string {
  const docs = findings.map((f) => {
    const doc = jsonFinding(f);
    const series = oneLine(doc.series);
    return { doc: { ...doc, series: SERIES_MARK }, series };
  });
  const text = JSON.stringify({ findings: docs.map((d) => d.doc) }, null, 2);
  // {\n  "findings": [\n    {…},\n    {…}\n  ]\n}
  const body = text.slice(text.indexOf("[") + 2, text.lastIndexOf("]") - 3);
  const parts = body.split(MARKED);
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i++)
    out += `"series": ${(docs[i - 1] as { series: string }).series}${parts[i]}`;
  return `${out}${last ? "" : ","}\n`;
}

/**
 * The report as indented JSON with a final newline, in pieces: the head, then a few
 * hundred findings at a time, so that printing 30,000 findings never holds them all as
 * objects and one string at once. Joined, the pieces are exactly
 * JSON.stringify(toJsonReport(report), null, 2) with arrays of numbers on one line (a
 * 31-point series takes one line instead of 33).
 * (Strings never hold a raw newline in JSON, so the pattern cannot match inside one.)
 */
export function* jsonReportChunks(report: Report): Generator<string> {
  // `findings` is the last key of the report, so the head ends where its array opens.
  const head = layout({ ...toJsonReport({ ...report, findings: [] }) });
  if (report.findings.length === 0) {
    yield `${head}\n`;
    return;
  }
  const open = head.lastIndexOf("[]");
  yield `${head.slice(0, open)}[\n`;
  const { findings } = report;
  for (let start = 0; start < findings.length; start += FINDINGS_PER_PIECE) {
    const end = Math.min(findings.length, start + FINDINGS_PER_PIECE);
    yield findingsText(findings.slice(start, end), end === findings.length);
  }
  yield `  ]${head.slice(open + 2)}\n`;
}

/** The whole report as one string (see jsonReportChunks). */
export function renderJsonReport(report: Report): string {
  return [...jsonReportChunks(report)].join("");
}
