/**
 * The findings table the comment leads with: one row per benchmark (measurements.ts), its
 * worst measurement in front and the others beside it, with the recent history as a
 * sparkline. Cells are plain text in the shared table model (table.ts), so the Markdown
 * dialect escapes them as it does every other table.
 */
import { escapeMarkdown } from "./escape.js";
import { formatLevel, formatPercent, formatValue } from "./format.js";
import { gradeLabel, toneOf } from "./grades.js";
import { TONE_EMOJI } from "./markdownTable.js";
import type { BenchmarkRow, Measurement } from "./measurements.js";
import { sparkline } from "./sparkline.js";
import { type Column, limitText, NONE, toDecideText } from "./table.js";

/** Shown for a measurement within noise, as the design's severity table says. */
export const WITHIN_NOISE = "~";

/** Joins a metric and its reciprocal twin: "time ⇄ throughput". */
export const TWIN_MARK = "⇄";

function metricName(m: Measurement): string {
  return m.twin ? `${m.finding.metric} ${TWIN_MARK} ${m.twin.metric}` : m.finding.metric;
}

/** "+53.1%" and its emoji for a graded measurement, "~" when unchanged, or the verdict. */
function shortChange(m: Measurement): string {
  const f = m.finding;
  if (f.verdict === "unchanged") return WITHIN_NOISE;
  if (f.verdict === "new" || f.verdict === "missing" || !f.change) return f.verdict;
  const emoji = TONE_EMOJI[toneOf(f)];
  return `${emoji ? `${emoji} ` : ""}${formatPercent(f.change.estimate)}`;
}

const benchmark: Column<BenchmarkRow> = {
  header: "Benchmark",
  align: "left",
  cell: (r) => r.benchmark,
};

const grade: Column<BenchmarkRow> = {
  header: "Grade",
  align: "left",
  grade: true,
  cell: (r) => `${gradeLabel(r.worst)}${limitText(r.worst)}`,
};

/** The worst measurement's metric; its reciprocal twin is said once, under the table. */
const metric: Column<BenchmarkRow> = {
  header: "Metric",
  align: "left",
  cell: (r) => r.worst.metric,
};

const values: Column<BenchmarkRow> = {
  header: "Baseline → now",
  align: "right",
  cell: (r) => {
    const f = r.worst;
    const shown = (v: number | undefined) => (v === undefined ? NONE : formatValue(v, f.unit));
    const before = shown(f.baseline);
    const after = shown(f.current);
    // "4.01 → 6.13 ms": the unit once when both sides share it.
    const unit = after.slice(after.indexOf(" "));
    const same = after.includes(" ") && before.endsWith(unit);
    return `${same ? before.slice(0, -unit.length) : before} → ${after}`;
  },
};

const change: Column<BenchmarkRow> = {
  header: "Change (95% CI)",
  align: "right",
  trusted: true,
  cell: (r) => {
    const c = r.worst.change;
    if (!c) return NONE;
    const low = Math.round(c.low * 100);
    const high = Math.round(c.high * 100);
    const sign = (n: number) => (n > 0 ? `+${n}` : `${n}`);
    return `${formatPercent(c.estimate)} (${sign(low)} to ${sign(high)})`;
  },
};

const history: Column<BenchmarkRow> = {
  header: "History → now",
  align: "left",
  trusted: true,
  cell: (r) => sparkline(r.worst.series) ?? NONE,
};

/** The other measurements, escaped here (a name beside an emoji), so marked trusted. */
const others: Column<BenchmarkRow> = {
  header: "Others",
  align: "left",
  trusted: true,
  cell: (r) =>
    r.measurements
      .slice(1)
      .map((m) => `${escapeMarkdown(metricName(m))} ${shortChange(m)}`)
      .join(" · ") || NONE,
};

const toDecide: Column<BenchmarkRow> = {
  header: "Why, and what would decide it",
  align: "left",
  cell: (r) => toDecideText(r.worst),
};

/** Regressions and improvements: the rows a reviewer reads. The confidence level is the
 *  report's (95 % by default), written into the change column's header. */
export function benchmarkColumns(level: number): Column<BenchmarkRow>[] {
  return [benchmark, grade, metric, withLevel(change, level), values, history, others];
}

export function undecidedColumns(level: number): Column<BenchmarkRow>[] {
  return [benchmark, metric, withLevel(change, level), history, toDecide];
}

export function quietColumns(level: number): Column<BenchmarkRow>[] {
  return [benchmark, metric, withLevel(change, level), history, others];
}

function withLevel(column: Column<BenchmarkRow>, level: number): Column<BenchmarkRow> {
  return { ...column, header: `Change (${formatLevel(level)} CI)` };
}
