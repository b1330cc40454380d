/**
 * The table layout, written once: which columns each section has and what goes in each
 * cell, as plain unescaped text. The Markdown and terminal dialects render the same tables
 * (the way hyperfine's exporters share one table model across Markdown-like formats).
 */
import type { Finding, Flag } from "../analyze/types.js";
import { formatChange, formatLevel, formatPercent, formatSize, formatValue } from "./format.js";
import { gradeLabel, type Tone, toneOf } from "./grades.js";

export type Align = "left" | "right";

export interface Column<Row> {
  header: string;
  /** The header where width is scarce (a terminal), with TERMINAL_LEGEND saying what it is. */
  shortHeader?: string;
  align: Align;
  cell: (row: Row) => string;
  /** The grade column: Markdown puts the grade's emoji in front, the terminal colours it. */
  grade?: boolean;
  /** Cells made only of perfgate's own figures (no names or units): no escaping needed. */
  trusted?: boolean;
}

/** A table ready for a dialect: plain text cells, one tone per row. */
export interface Table {
  headers: string[];
  /** Each column's shortHeader, else its header. */
  shortHeaders: string[];
  aligns: Align[];
  rows: string[][];
  tones: Tone[];
  /** Index of the grade column, if any. */
  gradeColumn: number;
  trusted: boolean[];
}

export function buildTable<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  tone: (row: Row) => Tone,
): Table {
  return {
    headers: columns.map((c) => c.header),
    shortHeaders: columns.map((c) => c.shortHeader ?? c.header),
    aligns: columns.map((c) => c.align),
    rows: rows.map((row) => columns.map((c) => c.cell(row))),
    tones: rows.map(tone),
    gradeColumn: columns.findIndex((c) => c.grade),
    trusted: columns.map((c) => c.trusted === true),
  };
}

/** What the terminal's short headers stand for, said once under its table. */
export const TERMINAL_LEGEND =
  "BASELINE and CURRENT are medians of the rounds; CHANGE is the model's estimate with its interval, so the two can differ.";

/** Shown where a value does not exist (no baseline, not compared). */
export const NONE = "–";

const value = (v: number | undefined, unit: string) =>
  v === undefined ? NONE : formatValue(v, unit);

/** ": below the minimum 1.00 Gbit/s" after a grade that a configured limit decided. */
export function limitText(f: Finding): string {
  if (!f.limit) return "";
  const side = f.limit.bound === "min" ? "below the minimum" : "above the maximum";
  return `: ${side} ${formatValue(f.limit.value, f.unit)}`;
}

const benchmark: Column<Finding> = { header: "Benchmark", align: "left", cell: (f) => f.benchmark };
const metric: Column<Finding> = { header: "Metric", align: "left", cell: (f) => f.metric };
// The headers say what each figure is (issue 21 §6): the value columns are medians of the
// rounds (of each baseline run, then across them), while the change is the model's estimate
// on log values, so "142 µs → 141 µs" beside "-39.2%" is not a contradiction.
const baseline: Column<Finding> = {
  header: "Baseline (median)",
  shortHeader: "Baseline",
  align: "right",
  cell: (f) => value(f.baseline, f.unit),
};
const current: Column<Finding> = {
  header: "Current (median)",
  shortHeader: "Current",
  align: "right",
  cell: (f) => value(f.current, f.unit),
};
const grade: Column<Finding> = {
  header: "Grade",
  align: "left",
  cell: (f) => `${gradeLabel(f)}${limitText(f)}`,
  grade: true,
};

function change(level: number): Column<Finding> {
  return {
    header: `Change (estimate, ${formatLevel(level)} CI)`,
    shortHeader: `Change (${formatLevel(level)} CI)`,
    align: "right",
    trusted: true,
    cell: (f) => (f.change ? formatChange(f.change) : NONE),
  };
}

/**
 * Why an inconclusive finding is undecided and what would decide it. compare() puts the
 * advice in the reason ("about 14 pairs in all would decide it (have 8)"); a bare
 * roundsToDecide that the reason does not mention is added.
 */
export function toDecideText(f: Finding): string {
  const rounds = f.roundsToDecide;
  if (rounds === undefined || !Number.isFinite(rounds)) return f.reason || NONE;
  const n = Math.ceil(rounds);
  if (f.reason.includes(String(n))) return f.reason;
  const advice = `about ${n} rounds in all would decide it`;
  return f.reason ? `${f.reason}; ${advice}` : advice;
}

/** Metrics on one side only, or everything when there is no baseline yet. */
export const recordedColumns: Column<Finding>[] = [
  benchmark,
  metric,
  baseline,
  current,
  { header: "Status", align: "left", cell: (f) => f.verdict },
];

export const trendColumns: Column<Finding>[] = [
  benchmark,
  metric,
  {
    header: "Slope per run",
    align: "right",
    trusted: true,
    cell: (f) => (f.trend ? formatPercent(f.trend.slopePerRun) : NONE),
  },
  {
    header: "Over the window",
    align: "right",
    trusted: true,
    cell: (f) => (f.trend ? creep(f.trend.totalChange, f.trend.runs) : NONE),
  },
];

/** Trend.totalChange is positive in the worse direction, whatever the metric's direction. */
function creep(total: number, runs: number): string {
  if (!Number.isFinite(total)) return NONE;
  return `${formatSize(Math.abs(total))} ${total > 0 ? "worse" : "better"} over ${runs} runs`;
}

export interface FlagRow {
  finding: Finding;
  flag: Flag;
}

export const flagColumns: Column<FlagRow>[] = [
  { header: "Benchmark", align: "left", cell: (r) => r.finding.benchmark },
  { header: "Metric", align: "left", cell: (r) => r.finding.metric },
  { header: "Check", align: "left", cell: (r) => r.flag.kind },
  { header: "What looks wrong", align: "left", cell: (r) => r.flag.message },
];

/** Every finding in one table (the terminal's view). */
export const allColumns = (level: number) => [
  grade,
  benchmark,
  metric,
  baseline,
  current,
  change(level),
];

export { toneOf };
