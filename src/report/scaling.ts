/**
 * How each figure grows with the number of concurrent connections: for every scaling
 * series in a report (benchmarks named "<group>/n=<N>", e.g. "tcp/scaling/n=100"), a table
 * of N against each metric (the current value, and its change where one was graded), the
 * slope findings of src/analyze/scaling.ts underneath, and a Mermaid chart per metric with
 * the current run and the baseline against N. Pure: a Report in, lines out.
 */
import type { Finding, Report } from "../analyze/types.js";
import { median } from "../util/quantiles.js";
import { escapeMarkdown, escapeTerminal, mermaidLabel } from "./escape.js";
import { displayScale, formatPercent, formatValue } from "./format.js";

const SERIES_NAME = /^(.+)\/n=(\d+)$/;
/** Column order for the suite's own metrics (others follow by name): the headline figure,
 *  its spread, then success, set-up and memory. */
const METRIC_ORDER = [
  "throughput",
  "per-connection-p5",
  "per-connection-p50",
  "per-connection-p95",
  "fairness",
  "success",
  "setup-p50",
  "setup-p99",
  "memory-per-connection",
];
const rank = (m: string) => {
  const i = METRIC_ORDER.indexOf(m);
  return i < 0 ? METRIC_ORDER.length : i;
};
/** Digits kept per plotted point, as chart.ts: for the eye, and short. */
const CHART_DIGITS = 4;

export interface ScalingSeries {
  group: string;
  /** Ascending. */
  ns: number[];
  /** Metric names in first-seen order. */
  metrics: string[];
  /** `${n} ${metric}` → finding. */
  cells: Map<string, Finding>;
  /** The graded slopes of this group ("throughput slope", …). */
  slopes: Finding[];
}

export function scalingSeries(report: Report): ScalingSeries[] {
  const byGroup = new Map<string, ScalingSeries>();
  for (const f of report.findings) {
    // Most benchmarks are not part of a series: a substring test is cheaper than the regex.
    if (!f.benchmark.includes("/n=")) continue;
    const match = SERIES_NAME.exec(f.benchmark);
    if (!match) continue;
    const [, group = "", nText = ""] = match;
    const n = Number(nText);
    let s = byGroup.get(group);
    if (!s) {
      s = { group, ns: [], metrics: [], cells: new Map(), slopes: [] };
      byGroup.set(group, s);
    }
    if (!s.ns.includes(n)) s.ns.push(n);
    if (!s.metrics.includes(f.metric)) s.metrics.push(f.metric);
    s.cells.set(`${n} ${f.metric}`, f);
  }
  if (byGroup.size === 0) return [];
  for (const f of report.findings) {
    const s = byGroup.get(f.benchmark);
    if (s && f.metric.endsWith(" slope")) s.slopes.push(f);
  }
  const all = [...byGroup.values()].sort((a, b) => (a.group < b.group ? -1 : 1));
  for (const s of all) {
    s.ns.sort((a, b) => a - b);
    s.metrics.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    s.slopes.sort(
      (a, b) => rank(a.metric.replace(/ slope$/, "")) - rank(b.metric.replace(/ slope$/, "")),
    );
  }
  return all;
}

function cell(f: Finding | undefined): string {
  if (f?.current === undefined) return "–";
  const value = formatValue(f.current, f.unit);
  if (!f.change || f.verdict === "unchanged") return value;
  const mark = f.verdict === "regression" ? " ⚠" : "";
  return `${value} (${formatPercent(f.change.estimate)}${mark})`;
}

function table(s: ScalingSeries): string[] {
  const head = ["N", ...s.metrics.map(escapeMarkdown)];
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map(() => "---:").join(" | ")} |`];
  for (const n of s.ns) {
    const row = [
      String(n),
      ...s.metrics.map((m) => escapeMarkdown(cell(s.cells.get(`${n} ${m}`)))),
    ];
    lines.push(`| ${row.join(" | ")} |`);
  }
  return lines;
}

function slopeLine(f: Finding): string {
  const verdict = f.severity ? `${f.verdict} (${f.severity})` : f.verdict;
  const change = f.change ? ` ${formatPercent(f.change.estimate)} at the largest N:` : "";
  return `- ${escapeMarkdown(f.metric)}:${escapeMarkdown(change)} ${escapeMarkdown(verdict)} — ${escapeMarkdown(f.reason)}`;
}

function plain(value: number): string {
  const text = String(value);
  return text.includes("e") ? value.toFixed(20).replace(/\.?0+$/, "") : text;
}

/** One chart: the metric against N, current (and baseline when known). */
export function scalingChart(s: ScalingSeries, metric: string): string | undefined {
  const findings = s.ns.map((n) => s.cells.get(`${n} ${metric}`));
  const current = findings.map((f) => f?.current);
  if (current.some((v) => v === undefined || !Number.isFinite(v)) || s.ns.length < 2)
    return undefined;
  const unit = findings[0]?.unit ?? "";
  const values = current as number[];
  const middle = median(values) || 0;
  const scale = displayScale(middle, unit);
  const line = (points: number[]) =>
    `  line [${points.map((p) => plain(Number((p / scale.factor).toPrecision(CHART_DIGITS)))).join(", ")}]`;
  const base = findings.map((f) => f?.baseline);
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  title "${mermaidLabel(`${s.group} · ${metric} against N`)}"`,
    `  x-axis [${s.ns.map((n) => `"${n}"`).join(", ")}]`,
    `  y-axis "${mermaidLabel(scale.unit) || "value"}"`,
    line(values),
  ];
  if (base.every((v) => v !== undefined && Number.isFinite(v))) lines.push(line(base as number[]));
  lines.push("```");
  return lines.join("\n");
}

/** The Markdown section, or [] when the report has no scaling series. */
export function renderScalingMarkdown(report: Report): string[] {
  const all = scalingSeries(report);
  if (all.length === 0) return [];
  const out = ["#### Scaling with concurrent connections", ""];
  for (const s of all) {
    out.push(`**${escapeMarkdown(s.group)}**`, "", ...table(s), "");
    // Slopes that moved, one line each; the unchanged ones as one count.
    const moved = s.slopes.filter((f) => f.verdict !== "unchanged");
    if (moved.length > 0) out.push(...moved.map(slopeLine), "");
    const still = s.slopes.length - moved.length;
    if (still > 0)
      out.push(`Growth with N unchanged for ${still} figure${still === 1 ? "" : "s"}.`, "");
    const charts = s.metrics.map((m) => scalingChart(s, m)).filter((c) => c !== undefined);
    if (charts.length > 0) {
      const legend =
        report.mode === "no-baseline" ? "" : " (first line: this run; second: baseline)";
      out.push(`<details><summary>Each figure against N${legend}</summary>`, "");
      for (const chart of charts) out.push(chart, "");
      out.push("</details>", "");
    }
  }
  return out;
}

/** Plain-text version for the terminal: the same tables, aligned. */
export function renderScalingText(report: Report): string[] {
  const out: string[] = [];
  for (const s of scalingSeries(report)) {
    const rows = [
      ["N", ...s.metrics.map(escapeTerminal)],
      ...s.ns.map((n) => [String(n), ...s.metrics.map((m) => cell(s.cells.get(`${n} ${m}`)))]),
    ];
    const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
    out.push(`scaling: ${escapeTerminal(s.group)}`);
    for (const r of rows)
      out.push(`  ${r.map((text, c) => text.padStart(widths[c] ?? 0)).join("  ")}`);
    for (const f of s.slopes) {
      const change = f.change ? ` ${formatPercent(f.change.estimate)} at the largest N,` : "";
      out.push(
        `  ${escapeTerminal(f.metric)}:${change} ${f.verdict}${f.severity ? ` (${f.severity})` : ""}`,
      );
    }
    out.push("");
  }
  return out;
}
