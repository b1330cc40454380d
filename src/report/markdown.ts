/**
 * The Markdown report for the sticky PR comment and the job summary.
 *
 * GitHub caps a comment at 65,536 characters and a step's summary at 1 MiB (and drops the
 * whole summary above it). The report degrades in stages until it fits, the way changesets'
 * comment does: first the charts go, then the unchanged table folds to a count, then rows are
 * cut from the least important sections up, each cut saying how many rows are missing and
 * where to find them. The limit is a parameter so tests can shrink it.
 */
import type { Finding, Report } from "../analyze/types.js";
import { hasHistoryChart, historyChart } from "./chart.js";
import { commentValue, escapeMarkdown, escapeMarkdownLine } from "./escape.js";
import { formatSize } from "./format.js";
import { gradeCounts, sortFindings } from "./grades.js";
import { count, countParts, footnoteItems, headline, modeLine, plural } from "./headline.js";
import {
  characters,
  join,
  type Layout,
  LazyRows,
  largestFitting,
  type Measure,
  measure,
  truncate,
  utf8Bytes,
} from "./layout.js";
import { markdownHeader, markdownRow, withEmoji } from "./markdownTable.js";
import { renderScalingMarkdown } from "./scaling.js";
import {
  buildTable,
  type Column,
  type FlagRow,
  flagColumns,
  gradedColumns,
  inconclusiveColumns,
  recordedColumns,
  toneOf,
  trendColumns,
  unchangedColumns,
} from "./table.js";

/** Warnings kept ahead of every table when rows must be cut: few, and they explain the rest. */
const WARNINGS_FIRST = 10;

/** GitHub's limit on an issue or PR comment body, in characters. The one definition:
 *  the Action, the CLI and the benches all take it from here. */
export const COMMENT_LIMIT = 65_536;
/** GitHub drops a step's whole job summary above 1 MiB. The summary stays 4 KiB under it,
 *  so the note the Action appends after it (e.g. why the comment could not be posted) never
 *  pushes it over. The one definition, as COMMENT_LIMIT. */
export const SUMMARY_LIMIT = 1024 * 1024 - 4096;
/** History charts drawn at most: each costs a few hundred characters and some scrolling. */
export const DEFAULT_CHARTS = { comment: 3, summary: 10 } as const;

export interface MarkdownOptions {
  target: "comment" | "summary";
  /** Comment: characters (default COMMENT_LIMIT); summary: UTF-8 bytes (SUMMARY_LIMIT). */
  limit?: number;
  /** First line, so the Action finds its sticky comment; default reportMarker(suite). */
  marker?: string;
  /** Heading; default "perfgate · <suite>". Treated as outside text and escaped. */
  title?: string;
  /** Charts drawn at most (DEFAULT_CHARTS by target). */
  charts?: number;
  /** Where the rows cut for size can be found; default by target. */
  elsewhere?: string;
}

/** The hidden marker that identifies this suite's sticky comment. */
export function reportMarker(suite: string): string {
  return `<!-- perfgate:report suite=${commentValue(suite)} -->`;
}

const sizeOf = { comment: characters, summary: utf8Bytes };

/** A block of the report that can lose rows: a table, or a list (no header). */
interface Section {
  heading: string;
  /** Formatted only as far as some shape reaches (a comment keeps a few hundred of 30,000). */
  rows: LazyRows;
  header: string[];
  /** Folded into <details> with this summary line. */
  fold?: string;
}

/** What to leave out; each stage of shrinking leaves out more. */
interface Shape {
  charts: number;
  /** false: the unchanged table becomes one line with its count. */
  unchangedTable: boolean;
  /** Rows kept across all sections, given out in priority order. */
  rows: number;
  shortened: boolean;
}

export function renderMarkdown(report: Report, options: MarkdownOptions): string {
  const target = options.target;
  const limit = options.limit ?? (target === "comment" ? COMMENT_LIMIT : SUMMARY_LIMIT);
  const size = sizeOf[target];
  const parts = prepare(report, options, size);
  const fits = (shape: Shape) => measure(compose(parts, shape), size, limit) <= limit;
  const render = (shape: Shape) => join(compose(parts, shape));

  const all = parts.sections.reduce((n, s) => n + s.rows.count, 0) + parts.unchanged.rows.count;
  const charts = options.charts ?? DEFAULT_CHARTS[target];
  const stages: Shape[] = [
    { charts, unchangedTable: true, rows: all, shortened: false },
    { charts: 0, unchangedTable: true, rows: all, shortened: true },
    { charts: 0, unchangedTable: false, rows: all, shortened: true },
  ];
  for (const shape of stages) if (fits(shape)) return render(shape);

  // Cut rows: the most that fit (the size grows with the rows kept, so bisect).
  const cut = (rows: number): Shape => ({
    charts: 0,
    unchangedTable: false,
    rows,
    shortened: true,
  });
  if (fits(cut(0))) return render(cut(largestFitting(0, all, (rows) => fits(cut(rows)))));
  // Even the headline with every section cut is too long (a tiny limit, a huge title).
  return truncate(render(cut(0)), limit, size);
}

interface Parts {
  report: Report;
  marker: string;
  title: string;
  elsewhere: string;
  /** In budget order: what matters most gets rows first. */
  sections: Section[];
  warnings: Section;
  unchanged: Section;
  /** Charts of the regressed findings with a series to draw, worst first, up to the cap. */
  charts: string[];
  /** How many regressed findings could have a chart (to say how many are left out). */
  chartable: number;
  head: string[];
  foot: string;
}

type Tone = ReturnType<typeof toneOf>;

function prepare(report: Report, options: MarkdownOptions, size: Measure): Parts {
  // A row's cells are made and escaped only when its line is first needed.
  const section = <Row>(
    heading: string,
    columns: readonly Column<Row>[],
    rows: readonly Row[],
    tone: (row: Row) => Tone,
  ): Section => {
    const shape = buildTable(columns, [], tone);
    const line = (i: number) => {
      const row = rows[i] as Row;
      return markdownRow(
        shape,
        columns.map((c) => c.cell(row)),
        tone(row),
      );
    };
    return { heading, header: markdownHeader(shape), rows: new LazyRows(rows.length, line, size) };
  };
  const sorted = sortFindings(report.findings);
  const level = report.thresholds.confidence;
  // One pass into groups (in sorted order) rather than a filter per section.
  const groups = new Map<Finding["verdict"], Finding[]>();
  for (const f of sorted) {
    const group = groups.get(f.verdict);
    if (group) group.push(f);
    else groups.set(f.verdict, [f]);
  }
  const having = (verdict: Finding["verdict"]) => groups.get(verdict) ?? [];
  const recorded = sorted.filter((f) => f.verdict === "new" || f.verdict === "missing");
  // A loop, not flatMap: most of 30,000 findings have no flag, and each would cost an array.
  const flagged: FlagRow[] = [];
  for (const finding of sorted) for (const flag of finding.flags) flagged.push({ finding, flag });
  const trends = sorted.filter((f) => f.trend?.flagged);
  const warnings: Section = {
    heading: "Warnings",
    header: [],
    rows: new LazyRows(
      report.warnings.length,
      (i) => `- ${escapeMarkdownLine(report.warnings[i] as string)}`,
      size,
    ),
  };
  const sections = [
    section("Regressions", gradedColumns(level), having("regression"), toneOf),
    section("Inconclusive", inconclusiveColumns(level), having("inconclusive"), toneOf),
    warnings,
    section("Plausibility", flagColumns, flagged, () => "inconclusive"),
    section("Slow creep", trendColumns, trends, () => "neutral"),
    section("Improvements", gradedColumns(level), having("improvement"), toneOf),
    report.mode === "no-baseline"
      ? section("Recorded values", recordedColumns, recorded, toneOf)
      : section("New and missing", recordedColumns, recorded, toneOf),
  ];
  const unchanged = section("Unchanged", unchangedColumns(level), having("unchanged"), toneOf);
  unchanged.fold = `${count(unchanged.rows.count)} unchanged (within noise or under the ${formatSize(report.thresholds.tolerance)} tolerance)`;
  const marker = options.marker ?? reportMarker(report.suite);
  const title = escapeMarkdownLine(options.title ?? `perfgate · ${report.suite}`);
  const charts: string[] = [];
  const maxCharts = options.charts ?? DEFAULT_CHARTS[options.target];
  let chartable = 0;
  // Drawn up to the cap; the rest are only counted (hundreds of regressions, 3 charts).
  for (const f of having("regression")) {
    if (!hasHistoryChart(f)) continue;
    chartable++;
    if (charts.length < maxCharts) charts.push(historyChart(f) as string);
  }
  return {
    report,
    marker,
    title,
    elsewhere:
      options.elsewhere ??
      (options.target === "comment"
        ? "see the job summary"
        : "see the JSON report (perfgate compare --format json)"),
    sections,
    warnings,
    unchanged,
    charts,
    chartable,
    head: head({ report, marker, title }),
    foot: footnote(report),
  };
}

/** Document order differs from budget order: warnings come last, above the footnote. */
const TABLE_ORDER = [
  "Regressions",
  "Inconclusive",
  "Improvements",
  "Plausibility",
  "Slow creep",
  "New and missing",
  "Recorded values",
];

/** The lines above the tables: they never shrink, so they are made once. */
function head(parts: Pick<Parts, "report" | "marker" | "title">): string[] {
  const { report } = parts;
  const out: string[] = [parts.marker, `### ${parts.title}`, ""];
  const tally = gradeCounts(report.findings);
  const verdict = headline(report, tally);
  out.push(`**${withEmoji(verdict.tone, verdict.text)}**`, "");
  const counts = countParts(report.findings, tally).map(([tone, text]) => withEmoji(tone, text));
  if (counts.length > 0) out.push(counts.join(" · "), "");
  out.push(modeLine(report), "");
  return out;
}

// compose() runs once per shrinking step (about 20 times for 30,000 findings): everything
// that does not depend on the shape is prepared once, and rows are referred to, not copied.
function compose(parts: Parts, shape: Shape): Layout {
  let out: Layout = [...parts.head];
  if (shape.shortened)
    out.push(`> Shortened to fit GitHub's size limit: ${parts.elsewhere} for everything.`, "");

  // Give out the row budget in priority order. The first few warnings come before any
  // table (they say why the verdict may be weak); the rest after the important tables.
  let budget = shape.rows;
  const kept = new Map<Section, number>();
  const give = (s: Section, cap: number) => {
    const had = kept.get(s) ?? 0;
    const n = Math.min(budget, cap, s.rows.count - had);
    kept.set(s, had + n);
    budget -= n;
  };
  give(parts.warnings, WARNINGS_FIRST);
  for (const s of [...parts.sections, parts.unchanged]) give(s, Number.POSITIVE_INFINITY);
  const bySection = new Map(parts.sections.map((s) => [s.heading, s]));
  const emit = (heading: string) => {
    const s = bySection.get(heading);
    if (s && s.rows.count > 0)
      out = out.concat(renderSection(s, kept.get(s) ?? 0, parts.elsewhere));
  };
  for (const heading of TABLE_ORDER) emit(heading);
  out = out.concat(renderCharts(parts.charts.slice(0, shape.charts), parts.chartable));
  // The scaling tables and charts go in the first shrinking stage, with the history charts.
  if (!shape.shortened) out = out.concat(renderScalingMarkdown(parts.report));
  out = out.concat(renderUnchanged(parts, shape, kept.get(parts.unchanged) ?? 0));
  emit("Warnings");
  out.push(parts.foot);
  return out;
}

function renderSection(s: Section, keep: number, elsewhere: string): Layout {
  const out: Layout = [`#### ${s.heading}`, ""];
  if (keep > 0) out.push(...s.header, { block: s.rows, keep });
  const left = s.rows.count - keep;
  if (left > 0) {
    if (keep > 0) out.push("");
    out.push(`… and ${count(left)} more, ${elsewhere}.`);
  }
  out.push("");
  return out;
}

function renderCharts(charts: string[], available: number): string[] {
  if (charts.length === 0) return [];
  const out = ["#### History of the regressed metrics", ""];
  for (const chart of charts) out.push(chart, "");
  if (available > charts.length)
    out.push(
      `Charts for ${plural(available - charts.length, "more regressed metric")} are left out.`,
      "",
    );
  return out;
}

function renderUnchanged(parts: Parts, shape: Shape, keep: number): Layout {
  const s = parts.unchanged;
  if (s.rows.count === 0) return [];
  if (!shape.unchangedTable) return [`${s.fold}.`, ""];
  const inner = renderSection(s, keep, parts.elsewhere).slice(2);
  // Blank lines around the table inside <details>, or GitHub shows it as raw text.
  return [`<details><summary>${s.fold}</summary>`, "", ...inner, "</details>", ""];
}

function footnote(report: Report): string {
  return `<sub>${footnoteItems(report).map(escapeMarkdown).join(" · ")}</sub>`;
}
